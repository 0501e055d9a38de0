package dev.osb.model;

import dev.osb.load.Location;
import java.nio.file.Path;

/**
 * An ebuild repository (overlay): a directory in the project, or a git repository pinned to a
 * commit. {@code keep} ships its repos.conf stanza in the image.
 */
public record Repo(String name, Path path, String sync, String uri, String commit, boolean keep,
    Location location) {

  public boolean isGit() {
    return path == null;
  }
}
