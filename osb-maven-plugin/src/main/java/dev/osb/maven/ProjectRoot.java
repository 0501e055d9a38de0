package dev.osb.maven;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The directory every path in an os.yaml must stay inside: the top-most of the project's own
 * directory, the reactor root and the git work tree that holds the project. So {@code extends:
 * ../base/os.yaml} works within one repository or reactor, and nothing reaches beyond it.
 */
final class ProjectRoot {

  private ProjectRoot() {}

  /**
   * @param basedir the project's directory
   * @param reactorRoot Maven's multi-module project directory, or null when Maven gives none; a
   *     directory that does not hold {@code basedir} is ignored
   */
  static Path find(Path basedir, Path reactorRoot) {
    Path base = basedir.toAbsolutePath().normalize();
    Path top = base;
    if (reactorRoot != null) {
      Path reactor = reactorRoot.toAbsolutePath().normalize();
      if (base.startsWith(reactor)) {
        top = reactor;
      }
    }
    Optional<Path> git = gitRoot(base);
    if (git.isPresent() && top.startsWith(git.get())) {
      top = git.get();
    }
    return top;
  }

  /**
   * The nearest directory at or above {@code dir} with a {@code .git} entry (a directory, or a
   * file in a worktree or submodule); walks no higher than the filesystem root.
   */
  static Optional<Path> gitRoot(Path dir) {
    for (Path d = dir.toAbsolutePath().normalize(); d != null; d = d.getParent()) {
      if (Files.exists(d.resolve(".git"), LinkOption.NOFOLLOW_LINKS)) {
        return Optional.of(d);
      }
    }
    return Optional.empty();
  }
}
