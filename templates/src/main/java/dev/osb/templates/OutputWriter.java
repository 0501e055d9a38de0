package dev.osb.templates;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Writes a {@link Rendered} tree into an output directory ({@code target/osb}) safely:
 *
 * <ul>
 *   <li>refuses an output directory that is the project root, contains it, contains or is its
 *       {@code src/} directory, lies inside that {@code src/}, or holds a {@code src/} directory
 *       itself (it looks like a project);
 *   <li>writes new and changed files into a temporary directory next to the output, then moves
 *       each into place ({@code ATOMIC_MOVE}, else {@code REPLACE_EXISTING}); the temporary
 *       directory is removed, also on failure;
 *   <li>keeps an index, {@value #INDEX}: the first line is a fingerprint of the plugin version
 *       and the whole rendered content, then one relative path per line. Only files the previous
 *       index lists and the new tree no longer has are deleted (and directories that this leaves
 *       empty); any other file in the output directory is left alone;
 *   <li>when the fingerprint equals the index's and every file is present with the same bytes
 *       (and mode), writes nothing and reports {@code unchanged};
 *   <li>files get mode 0644, {@code fsscript/*.sh} 0755, where the file system has POSIX
 *       permissions.
 * </ul>
 */
public final class OutputWriter {

  /** The index file in the output directory. */
  public static final String INDEX = ".osb-index";

  private static final String FINGERPRINT_PREFIX = "sha256:";
  private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-r--r--");
  private static final Set<PosixFilePermission> EXEC = PosixFilePermissions.fromString("rwxr-xr-x");

  private OutputWriter() {}

  /**
   * What a write did.
   *
   * @param written relative paths written (new or changed), sorted
   * @param deleted relative paths of stale files deleted, sorted
   * @param unchanged true when nothing was written or deleted because the output was current
   * @param fingerprint the fingerprint recorded in the index
   */
  public record Summary(List<String> written, List<String> deleted, boolean unchanged, String fingerprint) {
    public Summary {
      written = List.copyOf(written);
      deleted = List.copyOf(deleted);
    }
  }

  /**
   * Writes {@code rendered} into {@code outputDir}.
   *
   * @param projectRoot the project's root directory, which the output must not contain
   * @param pluginVersion part of the fingerprint: a new plugin rewrites the index
   * @throws IllegalArgumentException the output directory is refused (the message says why)
   * @throws IOException writing failed; files already moved into place stay, the index is the
   *     old one, the temporary directory is removed
   */
  public static Summary write(Rendered rendered, Path outputDir, Path projectRoot, String pluginVersion)
      throws IOException {
    Path out = outputDir.toAbsolutePath().normalize();
    refuse(out, projectRoot);
    if (rendered.contains(INDEX)) {
      throw new IllegalArgumentException("the rendered tree may not contain the index file " + INDEX);
    }
    String fingerprint = fingerprint(rendered, pluginVersion);
    Path indexFile = out.resolve(INDEX);
    Index previous = Index.read(indexFile);
    boolean posix = out.getFileSystem().supportedFileAttributeViews().contains("posix");
    List<String> changed = new ArrayList<>();
    for (String path : rendered.paths()) {
      if (!current(out, path, rendered.bytes(path), posix ? mode(path) : null)) {
        changed.add(path);
      }
    }
    Set<String> stale = new TreeSet<>();
    if (previous != null) {
      for (String p : previous.paths()) {
        if (!rendered.contains(p) && Files.exists(out.resolve(p), LinkOption.NOFOLLOW_LINKS)) {
          stale.add(p);
        }
      }
    }
    if (previous != null && previous.fingerprint().equals(fingerprint) && changed.isEmpty() && stale.isEmpty()) {
      return new Summary(List.of(), List.of(), true, fingerprint);
    }

    Files.createDirectories(out);
    Path tmp = Files.createTempDirectory(out.getParent(), "." + out.getFileName() + ".osb-tmp-");
    try {
      for (String path : changed) {
        Path staged = tmp.resolve(path);
        Files.createDirectories(staged.getParent());
        Files.write(staged, rendered.bytes(path));
        if (posix) {
          Files.setPosixFilePermissions(staged, mode(path));
        }
      }
      StringBuilder index = new StringBuilder(fingerprint).append('\n');
      rendered.paths().forEach(p -> index.append(p).append('\n'));
      Path stagedIndex = tmp.resolve(INDEX);
      Files.writeString(stagedIndex, index.toString(), StandardCharsets.UTF_8);
      if (posix) {
        Files.setPosixFilePermissions(stagedIndex, FILE);
      }
      for (String path : changed) {
        Path target = out.resolve(path);
        Files.createDirectories(target.getParent());
        noLinkedParents(out, path);
        move(tmp.resolve(path), target);
      }
      List<String> deleted = new ArrayList<>();
      for (String p : stale) {
        Path f = out.resolve(p);
        if (Files.isDirectory(f, LinkOption.NOFOLLOW_LINKS)) {
          continue; // a directory where a file was: not ours to remove
        }
        noLinkedParents(out, p);
        if (Files.deleteIfExists(f)) {
          deleted.add(p);
          pruneEmptyParents(out, f.getParent());
        }
      }
      move(stagedIndex, indexFile);
      return new Summary(changed, deleted, false, fingerprint);
    } finally {
      deleteTree(tmp);
    }
  }

  /** The fingerprint of a tree: sha256 over the plugin version and every path and its bytes. */
  public static String fingerprint(Rendered rendered, String pluginVersion) {
    MessageDigest md;
    try {
      md = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    update(md, ("osb-index 1\n" + pluginVersion).getBytes(StandardCharsets.UTF_8));
    for (String path : rendered.paths()) {
      update(md, path.getBytes(StandardCharsets.UTF_8));
      update(md, rendered.bytes(path));
    }
    return FINGERPRINT_PREFIX + HexFormat.of().formatHex(md.digest());
  }

  /** Length-prefixed, so no two different trees hash the same byte stream. */
  private static void update(MessageDigest md, byte[] bytes) {
    md.update(Long.toString(bytes.length).getBytes(StandardCharsets.US_ASCII));
    md.update((byte) ':');
    md.update(bytes);
  }

  /** The mode of a rendered file: 0755 for {@code fsscript/*.sh}, 0644 for the rest. */
  static Set<PosixFilePermission> mode(String path) {
    return path.startsWith("fsscript/") && path.endsWith(".sh") && path.indexOf('/', "fsscript/".length()) < 0
        ? EXEC : FILE;
  }

  /** Refuses an output directory that would mix generated files with the project's sources. */
  static void refuse(Path out, Path projectRoot) throws IOException {
    Path root = real(projectRoot.toAbsolutePath().normalize());
    Path dir = real(out);
    Path src = root.resolve("src");
    if (root.startsWith(dir)) {
      throw new IllegalArgumentException("refusing to write generated files to " + out
          + ": it " + (root.equals(dir) ? "is" : "contains") + " the project root " + projectRoot
          + "; use a directory below target/, e.g. target/osb");
    }
    if (dir.startsWith(src)) {
      throw new IllegalArgumentException("refusing to write generated files to " + out
          + ": it " + (dir.equals(src) ? "is" : "lies inside") + " the project's sources " + src
          + "; use a directory below target/, e.g. target/osb");
    }
    if (Files.isDirectory(dir.resolve("src"))) {
      throw new IllegalArgumentException("refusing to write generated files to " + out
          + ": it contains a src/ directory, so it looks like a project, not an output directory;"
          + " use a directory below target/, e.g. target/osb");
    }
  }

  /** The real path of the longest existing prefix, plus the rest: symlinks cannot hide a parent. */
  private static Path real(Path p) throws IOException {
    Path existing = p;
    Path rest = null;
    while (existing != null && !Files.exists(existing)) {
      Path name = existing.getFileName();
      rest = rest == null ? name : name.resolve(rest);
      existing = existing.getParent();
    }
    if (existing == null) {
      return p;
    }
    Path r = existing.toRealPath();
    return rest == null ? r : r.resolve(rest).normalize();
  }

  /**
   * Refuses a path whose parent directories (below the output directory) include a symbolic
   * link: the writer never writes or deletes outside the output directory.
   */
  private static void noLinkedParents(Path out, String path) throws IOException {
    Path dir = out;
    String[] segments = path.split("/");
    for (int i = 0; i < segments.length - 1; i++) {
      dir = dir.resolve(segments[i]);
      if (Files.isSymbolicLink(dir)) {
        throw new IOException("refusing to write " + out.resolve(path) + ": " + dir
            + " is a symbolic link, and generated files stay inside " + out);
      }
    }
  }

  private static boolean current(Path out, String path, byte[] bytes, Set<PosixFilePermission> mode)
      throws IOException {
    Path file = out.resolve(path);
    String[] segments = path.split("/");
    Path dir = out;
    for (int i = 0; i < segments.length - 1; i++) {
      dir = dir.resolve(segments[i]);
      if (Files.isSymbolicLink(dir)) {
        return false;
      }
    }
    if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) || Files.size(file) != bytes.length) {
      return false;
    }
    if (!Arrays.equals(Files.readAllBytes(file), bytes)) {
      return false;
    }
    return mode == null || Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS).equals(mode);
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /** Removes directories left empty by a deletion, up to (not including) the output directory. */
  private static void pruneEmptyParents(Path out, Path dir) throws IOException {
    while (dir != null && dir.startsWith(out) && !dir.equals(out)) {
      try {
        Files.delete(dir);
      } catch (DirectoryNotEmptyException | NoSuchFileException e) {
        return;
      }
      dir = dir.getParent();
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    Files.walkFileTree(dir, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        Files.delete(file);
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
        if (e != null) {
          throw e;
        }
        Files.delete(d);
        return FileVisitResult.CONTINUE;
      }
    });
  }

  /** A previous index: its fingerprint and the paths it lists (only safe relative paths). */
  private record Index(String fingerprint, Set<String> paths) {

    static Index read(Path file) throws IOException {
      if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
        return null;
      }
      List<String> lines;
      try {
        lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      } catch (java.nio.charset.CharacterCodingException e) {
        return null;
      }
      if (lines.isEmpty() || !lines.get(0).startsWith(FINGERPRINT_PREFIX)) {
        return null;
      }
      Set<String> paths = new LinkedHashSet<>();
      for (String l : lines.subList(1, lines.size())) {
        try {
          Rendered.checkPath(l);
        } catch (IllegalArgumentException e) {
          continue; // a damaged or edited index never leads a deletion outside the output
        }
        if (!l.equals(INDEX)) {
          paths.add(l);
        }
      }
      return new Index(lines.get(0), paths);
    }
  }
}
