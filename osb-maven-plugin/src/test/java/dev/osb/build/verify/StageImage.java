package dev.osb.build.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A stage root file system written to a temp directory, with real owners and modes, packed into a
 * tarball by the real GNU {@code tar} (and {@code xz}), as catalyst packs a stage. Owners other
 * than root need root to set: the tests run as root here and in CI (as FsscriptRunTest does).
 */
final class StageImage {

  final Path root;

  private StageImage(Path root) {
    this.root = root;
  }

  static StageImage create(Path dir) throws IOException {
    Path root = dir.resolve("rootfs");
    Files.createDirectories(root);
    mode(root, 0755);
    return new StageImage(root);
  }

  Path path(String abs) {
    return root.resolve(abs.replaceFirst("^/+", ""));
  }

  /** A directory (and its missing parents, root-owned 0755). */
  StageImage dir(String abs, int mode, int uid, int gid) throws IOException {
    Path p = path(abs);
    parents(p);
    if (!Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
      Files.createDirectory(p);
    }
    chown(abs, uid, gid); // before the mode: chown clears setuid and setgid
    mode(p, mode);
    return this;
  }

  StageImage dir(String abs) throws IOException {
    return dir(abs, 0755, 0, 0);
  }

  StageImage file(String abs, String content, int mode, int uid, int gid) throws IOException {
    return file(abs, content.getBytes(StandardCharsets.UTF_8), mode, uid, gid);
  }

  StageImage file(String abs, byte[] content, int mode, int uid, int gid) throws IOException {
    Path p = path(abs);
    parents(p);
    Files.write(p, content);
    chown(abs, uid, gid); // before the mode: chown clears setuid and setgid
    mode(p, mode);
    return this;
  }

  StageImage file(String abs, String content) throws IOException {
    return file(abs, content, 0644, 0, 0);
  }

  StageImage lines(String abs, List<String> lines) throws IOException {
    return file(abs, lines.isEmpty() ? "" : String.join("\n", lines) + "\n");
  }

  StageImage symlink(String abs, String target) throws IOException {
    Path p = path(abs);
    parents(p);
    Files.deleteIfExists(p);
    Files.createSymbolicLink(p, Path.of(target));
    return this;
  }

  StageImage chown(String abs, int uid, int gid) throws IOException {
    Path p = path(abs);
    Files.setAttribute(p, "unix:uid", uid, LinkOption.NOFOLLOW_LINKS);
    Files.setAttribute(p, "unix:gid", gid, LinkOption.NOFOLLOW_LINKS);
    return this;
  }

  StageImage chmod(String abs, int mode) throws IOException {
    mode(path(abs), mode);
    return this;
  }

  StageImage delete(String abs) throws IOException {
    Path p = path(abs);
    if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
      try (Stream<Path> s = Files.walk(p)) {
        for (Path q : s.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(q);
        }
      }
    } else {
      Files.delete(p);
    }
    return this;
  }

  String read(String abs) throws IOException {
    return Files.readString(path(abs), StandardCharsets.UTF_8);
  }

  /** Replaces the first occurrence of {@code from} in a file, keeping its owner and mode. */
  StageImage edit(String abs, String from, String to) throws IOException {
    String s = read(abs);
    if (!s.contains(from)) {
      throw new AssertionError(abs + " does not contain " + from);
    }
    Files.writeString(path(abs), s.replaceFirst(java.util.regex.Pattern.quote(from),
        java.util.regex.Matcher.quoteReplacement(to)), StandardCharsets.UTF_8);
    return this;
  }

  private void parents(Path p) throws IOException {
    List<Path> missing = new ArrayList<>();
    for (Path q = p.getParent(); q != null && !q.equals(root) && !Files.exists(q, LinkOption.NOFOLLOW_LINKS);
        q = q.getParent()) {
      missing.add(0, q);
    }
    for (Path q : missing) {
      Files.createDirectory(q);
      mode(q, 0755);
    }
  }

  /** All mode bits, setuid, setgid and sticky included (a PosixFilePermission set has none of those). */
  static void mode(Path p, int mode) throws IOException {
    Files.setAttribute(p, "unix:mode", mode);
  }

  /**
   * Packs the tree as catalyst does ({@code tar -cpf - -C chroot .}), with numeric owners, sorted
   * names and a fixed mtime, in GNU or POSIX (pax) format, compressed with xz.
   */
  Path pack(Path out, String format) throws IOException, InterruptedException {
    Path tarFile = out.resolveSibling(out.getFileName() + ".tmp.tar");
    run(List.of("tar", "--format=" + format, "--sort=name", "--mtime=@1764003600", "--numeric-owner",
        "-C", root.toString(), "-cpf", tarFile.toString(), "."));
    run(List.of("xz", "-T1", "-6", "-f", tarFile.toString()));
    Files.move(Path.of(tarFile + ".xz"), out, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    return out;
  }

  static String run(List<String> cmd) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IOException("timed out: " + cmd);
    }
    assertEquals(0, p.exitValue(), () -> cmd + " failed:\n" + output);
    return output;
  }
}
