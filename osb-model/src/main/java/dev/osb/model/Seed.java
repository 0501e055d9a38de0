package dev.osb.model;

import dev.osb.load.Location;
import java.nio.file.Path;

/**
 * What feeds the first build: exactly one of a URL (with its sha512), a file in the project, a
 * Maven artifact named in the os.yaml (groupId:artifactId:version, an external stage4), or the
 * stage4 the project's POM provides as a dependency (in a reactor, a sibling's).
 *
 * @param artifact for {@link Kind#ARTIFACT} and {@link Kind#PROVIDED}: {@code
 *     groupId:artifactId:version} or {@code groupId:artifactId:version:classifier}
 * @param declaredAt where the seed is named: the os.yaml value, or the POM's {@code
 *     <dependency>} of a provided seed; null when unknown
 */
public record Seed(Kind kind, String url, String sha512, Path file, String artifact, Location declaredAt) {

  public enum Kind {
    /** {@code seed.url} with {@code seed.sha512}. */
    URL,
    /** {@code seed.file}. */
    FILE,
    /** {@code seed.artifact}: an external stage4, resolved from the repositories. */
    ARTIFACT,
    /** No {@code seed} in the os.yaml: the POM's dependency of type stage4, scope provided. */
    PROVIDED
  }

  /** A seed without a known declaration site. */
  public Seed(Kind kind, String url, String sha512, Path file, String artifact) {
    this(kind, url, sha512, file, artifact, null);
  }

  /** Whether the seed is a Maven artifact (resolved by the build tool, so its digest is known only then). */
  public boolean isArtifact() {
    return kind == Kind.ARTIFACT || kind == Kind.PROVIDED;
  }

  /**
   * The seed's file name in the store: a URL's or file's own (which names its flavour,
   * stage3-amd64-openrc-...), for an artifact {@code <groupId>.<artifactId>-<version>.tar.xz}
   * (with {@code -<classifier>} before the extension when it has one), since the stage4 of an OSB
   * project is a {@code .tar.xz}.
   */
  public String fileName() {
    return switch (kind) {
      case URL -> url.substring(url.lastIndexOf('/') + 1);
      case FILE -> file.getFileName().toString();
      case ARTIFACT, PROVIDED -> {
        String[] c = artifact.split(":");
        yield c[0] + "." + c[1] + "-" + c[2] + (c.length > 3 ? "-" + c[3] : "") + ".tar.xz";
      }
    };
  }

  /** How the seed is named in messages: its URL, file, or coordinates and where they come from. */
  public String describe() {
    return switch (kind) {
      case URL -> "seed.url " + url;
      case FILE -> "seed.file " + file;
      case ARTIFACT -> "seed.artifact " + artifact;
      case PROVIDED -> "the provided stage4 dependency " + artifact;
    };
  }
}
