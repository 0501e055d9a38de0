package dev.osb.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * Resolves a path written in an os.yaml against the file that wrote it, and keeps it inside the
 * project root: no absolute paths, no {@code ..} out of the root, no symlink that leads out.
 */
public final class ProjectPaths {

  private ProjectPaths() {}

  /** The outcome: a path, or why it was refused. */
  public record Resolved(Path path, String error, String hint) {
    public boolean ok() {
      return error == null;
    }
  }

  /**
   * Resolves {@code written} relative to {@code dir}, checks it stays inside {@code root} both
   * as written and after following symlinks, and, when {@code mustExist}, that it exists.
   */
  public static Resolved resolve(Path dir, String written, Path root, boolean mustExist) {
    Path rel;
    try {
      rel = Path.of(written);
    } catch (InvalidPathException e) {
      return new Resolved(null, "'" + written + "' is not a valid path", null);
    }
    if (rel.isAbsolute() || written.startsWith("/") || written.startsWith("~")) {
      return new Resolved(null, "path '" + written + "' is absolute",
          "write it relative to the file that names it, inside the project");
    }
    Path normRoot = root.toAbsolutePath().normalize();
    Path p = dir.toAbsolutePath().resolve(rel).normalize();
    if (!p.startsWith(normRoot)) {
      return new Resolved(null, "path '" + written + "' leads outside the project root " + normRoot,
          "keep every file the os.yaml uses inside the project (or its reactor or git root)");
    }
    if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS) && !Files.isSymbolicLink(p)) {
      return mustExist
          ? new Resolved(null, "path '" + written + "' does not exist (" + p + ")",
              "create it or correct the path")
          : new Resolved(p, null, null);
    }
    try {
      Path real = p.toRealPath();
      Path realRoot = normRoot.toRealPath();
      if (!real.startsWith(realRoot)) {
        return new Resolved(null, "path '" + written + "' is a symlink to " + real
            + ", outside the project root", "copy the file into the project instead of linking it");
      }
    } catch (IOException e) {
      return new Resolved(null, "path '" + written + "' cannot be resolved (dangling symlink?)",
          "create its target inside the project or correct the path");
    }
    return new Resolved(p, null, null);
  }
}
