package dev.osb.model;

import java.nio.file.Path;

/**
 * What feeds the first build: exactly one of a URL (with its sha512), a file in the project, or
 * a Maven artifact (groupId:artifactId:version, an external stage4).
 */
public record Seed(Kind kind, String url, String sha512, Path file, String artifact) {

  public enum Kind {
    URL,
    FILE,
    ARTIFACT
  }

  /** The seed's file name, which names its flavour (stage3-amd64-openrc-...). */
  public String fileName() {
    return switch (kind) {
      case URL -> url.substring(url.lastIndexOf('/') + 1);
      case FILE -> file.getFileName().toString();
      case ARTIFACT -> artifact;
    };
  }
}
