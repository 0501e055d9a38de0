package dev.osb.build;

import dev.osb.catalyst.KeyTables;
import dev.osb.plan.Build;
import dev.osb.plan.Layout;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The catalyst store on the host: the directory the runners mount at {@link Layout#STORE}
 * (catalyst's {@code storedir}). It knows where catalyst puts things (reference/catalyst.md §4)
 * and where OSB keeps its own records:
 *
 * <pre>
 * builds/&lt;relType&gt;/&lt;outputName&gt;.&lt;ext&gt;            a build's tarball (ext from compression_mode)
 *                                  ….CONTENTS.gz, ….DIGESTS, ….sha256
 * builds/osb-seeds/&lt;file&gt;                       verified seeds, shared by every project
 * tmp/&lt;relType&gt;/&lt;outputName&gt;/                  a build's chroot
 * snapshots/gentoo-&lt;treeish&gt;.sqfs               the ::gentoo snapshot
 * packages/                                     pkgcache
 * osb-state/&lt;relType&gt;/&lt;outputName&gt;.properties   the fingerprint of a finished output
 * osb-state/seeds/&lt;file&gt;.properties              digest, size and mtime of a verified seed
 * locks/                                        {@link Locks}
 * </pre>
 *
 * <p>Reuse: a build is finished when its output exists and the fingerprint recorded for it
 * equals the one just computed ({@link #isFinished}); otherwise {@link #prepareRebuild} deletes
 * the record, the stale output and the build's {@code tmp/} chroot before catalyst runs, and
 * {@link #markFinished} records the fingerprint after it succeeded. Callers hold the build's
 * {@link Locks#output(Build) output lock} around all three.
 */
public final class Store {

  /** Where OSB records state below the store; catalyst never looks there. */
  public static final String STATE = "osb-state";

  private static final String FINGERPRINT_KEY = "fingerprint";

  private final Path root;
  private final Locks locks;

  /**
   * @param root the host directory mounted at {@link Layout#STORE}
   * @param progress where lock waits are reported
   */
  public Store(Path root, Progress progress) {
    this.root = root.toAbsolutePath().normalize();
    this.locks = new Locks(this.root.resolve("locks"), progress);
  }

  public Path root() {
    return root;
  }

  public Locks locks() {
    return locks;
  }

  // ---------------------------------------------------------------- paths

  /**
   * The tarball extension catalyst gives {@code compression_mode} (catalyst's default, lbzip2,
   * when null): pixz/xz: {@code tar.xz}; lbzip2/bzip2: {@code tar.bz2}; gzip: {@code tar.gz};
   * tar: {@code tar}; zstd/pzstd: {@code tar.zst}; squashfs_*: {@code squashfs}. An {@code _x}
   * suffix (xattrs) does not change it.
   *
   * @throws IllegalArgumentException an unknown mode
   */
  public static String extension(String compression) {
    String mode = compression == null ? "lbzip2" : compression.trim().toLowerCase(Locale.ROOT);
    if (mode.startsWith("squashfs")) {
      return "squashfs";
    }
    if (mode.endsWith("_x")) {
      mode = mode.substring(0, mode.length() - 2);
    }
    return switch (mode) {
      case "pixz", "xz" -> "tar.xz";
      case "lbzip2", "bzip2" -> "tar.bz2";
      case "gzip" -> "tar.gz";
      case "tar" -> "tar";
      case "zstd", "pzstd" -> "tar.zst";
      default -> throw new IllegalArgumentException("unknown compression_mode '" + compression + "'");
    };
  }

  /** A path below {@code builds/}, e.g. a {@code source_subpath}. */
  public Path builds(String subpath) {
    return inside(root.resolve("builds"), subpath);
  }

  /**
   * The host path of a build's output: for a target that packs a tarball,
   * {@code builds/<relType>/<outputName>.<ext>} (with the build's {@code rename_regexp} applied
   * to the file name, as catalyst does); for livecd-stage2 / diskimage-stage2 the image named by
   * {@code livecd/iso} / {@code diskimage/qcow2} when set relative, else the directory
   * {@code builds/<relType>/<outputName>}.
   */
  public Path output(Build b) {
    Path dir = builds(b.relType());
    if (!KeyTables.yieldsTarball(b.target())) {
      for (String key : List.of("livecd/iso", "diskimage/qcow2")) {
        String v = b.value(key);
        if (v != null && !v.startsWith("/")) {
          return inside(dir, v);
        }
      }
      return inside(dir, b.outputName());
    }
    String name = b.outputName() + "." + extension(b.value("compression_mode"));
    String rename = b.value("rename_regexp");
    if (rename != null) {
      name = sedSubstitute(rename, name);
    }
    return inside(dir, name);
  }

  /** {@code <output>.CONTENTS.gz} (catalyst always writes it for a tarball). */
  public Path contents(Build b) {
    return sibling(output(b), ".CONTENTS.gz");
  }

  /** {@code <output>.DIGESTS} (written when catalyst.conf sets digests, as OSB's does). */
  public Path digests(Build b) {
    return sibling(output(b), ".DIGESTS");
  }

  /** {@code <output>.sha256}. */
  public Path sha256(Build b) {
    return sibling(output(b), ".sha256");
  }

  /** The build's chroot: {@code tmp/<relType>/<outputName>}. */
  public Path chroot(Build b) {
    return inside(inside(root.resolve("tmp"), b.relType()), b.outputName());
  }

  /** The directory of verified seeds: {@code builds/osb-seeds}. */
  public Path seeds() {
    return root.resolve("builds").resolve(Layout.SEEDS);
  }

  /** A seed in the store: {@code builds/osb-seeds/<fileName>}. */
  public Path seed(String fileName) {
    return inside(seeds(), fileName);
  }

  /** The record of a verified seed: {@code osb-state/seeds/<fileName>.properties}. */
  public Path seedRecord(String fileName) {
    return inside(root.resolve(STATE).resolve("seeds"), fileName + ".properties");
  }

  /** {@code snapshots/gentoo-<treeish>.sqfs}. */
  public Path snapshot(String treeish) {
    return inside(root.resolve("snapshots"), "gentoo-" + treeish + ".sqfs");
  }

  /** {@code packages/}, the pkgcache root. */
  public Path packages() {
    return root.resolve("packages");
  }

  /**
   * The host path of an in-container store path ({@code /var/tmp/catalyst/...}, e.g. a spec's
   * {@code pkgcache_path}).
   *
   * @throws IllegalArgumentException the path is not below {@link Layout#STORE}
   */
  public Path host(String layoutPath) {
    if (layoutPath.equals(Layout.STORE)) {
      return root;
    }
    if (!layoutPath.startsWith(Layout.STORE + "/")) {
      throw new IllegalArgumentException("'" + layoutPath + "' is not below " + Layout.STORE);
    }
    return inside(root, layoutPath.substring(Layout.STORE.length() + 1));
  }

  /** The record of a build's finished output: {@code osb-state/<relType>/<outputName>.properties}. */
  public Path state(Build b) {
    return inside(inside(root.resolve(STATE), b.relType()), b.outputName() + ".properties");
  }

  // ---------------------------------------------------------------- reuse

  /** The fingerprint recorded for the build's output, if any. */
  public Optional<String> recordedFingerprint(Build b) throws IOException {
    return Records.read(state(b)).map(p -> p.get(FINGERPRINT_KEY));
  }

  /** Whether the build's output exists and was finished with exactly this fingerprint. */
  public boolean isFinished(Build b, Fingerprint fingerprint) throws IOException {
    Objects.requireNonNull(fingerprint, "fingerprint");
    return Files.exists(output(b), LinkOption.NOFOLLOW_LINKS)
        && recordedFingerprint(b).map(fingerprint.hex()::equals).orElse(false);
  }

  /**
   * Makes way for a fresh catalyst run of {@code b}: deletes its record, its stale output (with
   * CONTENTS, DIGESTS and sha256) and its {@code tmp/} chroot (and a {@code .autoresume-} dir).
   *
   * @return the paths deleted
   * @throws IOException a path could not be deleted; the message says which and why (a chroot
   *     with a mount point below it is refused: a catalyst run is still active or crashed without
   *     unmounting, and deleting through a bind mount would delete the mounted host directory)
   */
  public List<Path> prepareRebuild(Build b) throws IOException {
    List<Path> deleted = new ArrayList<>();
    for (Path p : List.of(state(b), output(b), contents(b), digests(b), sha256(b))) {
      if (deleteTree(p)) {
        deleted.add(p);
      }
    }
    Path chroot = chroot(b);
    Path autoresume = chroot.resolveSibling(".autoresume-" + b.outputName());
    for (Path p : List.of(chroot, autoresume)) {
      if (deleteTree(p)) {
        deleted.add(p);
      }
    }
    return deleted;
  }

  /**
   * Records that {@code b}'s output was built with {@code fingerprint}.
   *
   * @throws IllegalStateException the output does not exist (catalyst failed silently)
   */
  public void markFinished(Build b, Fingerprint fingerprint) throws IOException {
    Path out = output(b);
    if (!Files.exists(out, LinkOption.NOFOLLOW_LINKS)) {
      throw new IllegalStateException("build '" + b.id() + "' finished without its output " + out);
    }
    java.util.Map<String, String> values = new java.util.LinkedHashMap<>();
    values.put(FINGERPRINT_KEY, fingerprint.hex());
    values.put("build", b.id());
    values.put("output", root.relativize(out).toString().replace('\\', '/'));
    Records.write(state(b), values);
  }

  // ---------------------------------------------------------------- helpers

  /**
   * Deletes a file or a whole tree without following symbolic links, refusing to descend into a
   * mount point.
   *
   * @return whether anything existed
   */
  static boolean deleteTree(Path p) throws IOException {
    if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
      return false;
    }
    if (!Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
      Files.deleteIfExists(p);
      return true;
    }
    List<String> mounts = Mounts.below(p);
    if (!mounts.isEmpty()) {
      throw new IOException("cannot delete " + p + ": " + mounts.get(0) + " is mounted below it (a catalyst"
          + " run is still active, or one was killed before it unmounted); unmount it (umount -R) and run again");
    }
    try {
      Files.walkFileTree(p, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
          Files.deleteIfExists(file);
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
          if (exc != null) {
            throw exc;
          }
          Files.deleteIfExists(dir);
          return FileVisitResult.CONTINUE;
        }
      });
    } catch (java.nio.file.AccessDeniedException e) {
      throw new IOException("cannot delete " + e.getFile() + " (permission denied) while removing " + p
          + ": catalyst created it as root; remove " + p + " as root, or let the runner remove it", e);
    }
    return true;
  }

  /** Writes {@code bytes} to {@code target} through a temporary sibling and an atomic move. */
  static void writeAtomically(Path target, byte[] bytes) throws IOException {
    Files.createDirectories(target.getParent());
    Path tmp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
    try {
      Files.write(tmp, bytes);
      move(tmp, target);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /** Moves atomically where the file system can, else replaces. */
  static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
    } catch (DirectoryNotEmptyException e) {
      throw new IOException("cannot replace the directory " + to, e);
    }
  }

  /** {@code base/relative}, refusing a relative path that leaves {@code base}. */
  private static Path inside(Path base, String relative) {
    if (relative == null || relative.isEmpty() || relative.startsWith("/") || relative.indexOf('\0') >= 0) {
      throw new IllegalArgumentException("not a relative store path: '" + relative + "'");
    }
    Path p = base.resolve(relative).normalize();
    if (!p.startsWith(base) || p.equals(base)) {
      throw new IllegalArgumentException("store path '" + relative + "' leaves " + base);
    }
    return p;
  }

  private static Path sibling(Path p, String suffix) {
    return p.resolveSibling(p.getFileName() + suffix);
  }

  private static final Pattern BACKREF = Pattern.compile("\\\\([0-9])|&|\\$|\\\\(.)");

  /**
   * Applies a {@code sed -E} substitution ({@code s<d>regex<d>replacement<d>[flags]}, any
   * delimiter, flags {@code g} and {@code i}) to {@code name}, as catalyst's rename_regexp does.
   *
   * @throws IllegalArgumentException the expression is not such a substitution
   */
  static String sedSubstitute(String expr, String name) {
    if (expr.length() < 4 || expr.charAt(0) != 's') {
      throw new IllegalArgumentException("rename_regexp '" + expr + "' is not a sed s/// expression");
    }
    char d = expr.charAt(1);
    List<String> parts = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    for (int i = 2; i < expr.length(); i++) {
      char c = expr.charAt(i);
      if (c == '\\' && i + 1 < expr.length() && expr.charAt(i + 1) == d) {
        cur.append(d);
        i++;
      } else if (c == d && parts.size() < 2) {
        parts.add(cur.toString());
        cur.setLength(0);
      } else {
        cur.append(c);
      }
    }
    if (parts.size() != 2) {
      throw new IllegalArgumentException("rename_regexp '" + expr + "' is not a sed s/// expression");
    }
    String flags = cur.toString();
    if (!flags.matches("[gi]*")) {
      throw new IllegalArgumentException("rename_regexp '" + expr + "' has flags OSB cannot apply: " + flags);
    }
    Pattern re = Pattern.compile(parts.get(0), flags.contains("i") ? Pattern.CASE_INSENSITIVE : 0);
    // sed replacement -> Java replacement: \N and & are groups, everything else literal
    Matcher m = BACKREF.matcher(parts.get(1));
    StringBuilder repl = new StringBuilder();
    int last = 0;
    while (m.find()) {
      repl.append(Matcher.quoteReplacement(parts.get(1).substring(last, m.start())));
      if (m.group(1) != null) {
        repl.append('$').append(m.group(1));
      } else if (m.group().equals("&")) {
        repl.append("$0");
      } else if (m.group().equals("$")) {
        repl.append("\\$");
      } else {
        repl.append(Matcher.quoteReplacement(m.group(2)));
      }
      last = m.end();
    }
    repl.append(Matcher.quoteReplacement(parts.get(1).substring(last)));
    Matcher n = re.matcher(name);
    return flags.contains("g") ? n.replaceAll(repl.toString()) : n.replaceFirst(repl.toString());
  }

  /** Small {@code key=value} records, one per line, sorted as written, UTF-8. */
  static final class Records {

    private Records() {}

    static Optional<java.util.Map<String, String>> read(Path file) throws IOException {
      List<String> lines;
      try {
        lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      } catch (NoSuchFileException e) {
        return Optional.empty();
      }
      java.util.Map<String, String> m = new java.util.LinkedHashMap<>();
      for (String l : lines) {
        int eq = l.indexOf('=');
        if (eq > 0 && !l.startsWith("#")) {
          m.put(l.substring(0, eq), l.substring(eq + 1));
        }
      }
      return Optional.of(m);
    }

    static void write(Path file, java.util.Map<String, String> values) throws IOException {
      StringBuilder sb = new StringBuilder("# written by OSB; delete to force a rebuild\n");
      values.forEach((k, v) -> {
        if (v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0) {
          throw new IllegalArgumentException("record value for " + k + " holds a line break");
        }
        sb.append(k).append('=').append(v).append('\n');
      });
      writeAtomically(file, sb.toString().getBytes(StandardCharsets.UTF_8));
    }
  }

  /** Mount points, from {@code /proc/self/mountinfo} where there is one. */
  static final class Mounts {

    private Mounts() {}

    /** Mount points strictly below or at {@code dir}; empty when unknown (no /proc). */
    static List<String> below(Path dir) {
      Path info = Path.of("/proc/self/mountinfo");
      List<String> out = new ArrayList<>();
      if (!Files.isReadable(info)) {
        return out;
      }
      Path real;
      try {
        real = dir.toRealPath();
      } catch (IOException e) {
        real = dir.toAbsolutePath().normalize();
      }
      try {
        for (String line : Files.readAllLines(info, StandardCharsets.UTF_8)) {
          String[] f = line.split(" ");
          if (f.length > 4) {
            Path mp = Path.of(unescape(f[4]));
            if (mp.startsWith(real)) {
              out.add(mp.toString());
            }
          }
        }
      } catch (IOException | RuntimeException e) {
        return out;
      }
      return out;
    }

    /** mountinfo escapes space, tab, newline and backslash as octal {@code \NNN}. */
    static String unescape(String s) {
      StringBuilder b = new StringBuilder();
      for (int i = 0; i < s.length(); i++) {
        char c = s.charAt(i);
        if (c == '\\' && i + 3 < s.length() && s.substring(i + 1, i + 4).matches("[0-7]{3}")) {
          b.append((char) Integer.parseInt(s.substring(i + 1, i + 4), 8));
          i += 3;
        } else {
          b.append(c);
        }
      }
      return b.toString();
    }
  }
}
