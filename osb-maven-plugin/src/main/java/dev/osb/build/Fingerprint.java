package dev.osb.build;

import dev.osb.plan.Build;
import dev.osb.templates.Rendered;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The input fingerprint of one catalyst build: SHA-256 over a canonical stream of named
 * entries, sorted by name, each framed as kind, name and content (lengths first, so no two
 * streams collide). Names are relative ({@code spec}, {@code portage/package.use/osb},
 * {@code project/rootfs/etc/motd}); absolute paths never enter, so a project checked out
 * anywhere gives the same fingerprint.
 *
 * <p>What {@link #of} covers (DESIGN.md, "Paths, names and the store"): the rendered spec, every
 * file of the build's rendered portage tree, its fsscript, the catalyst.conf it runs with, the
 * envscript, the contents of the project files it reads (root overlay, kernel config, local
 * overlays, raw host paths; directories in full, with the executable bit and symbolic link
 * targets), pinned git overlays (uri and commit), the catalyst image digest, the snapshot
 * treeish, the upstream (the seed's SHA-512 for a build on the seed, else the parent build's
 * fingerprint, so a change runs down the chain) and the plugin version. Two things are left out
 * on purpose: the spec's {@code version_stamp} and {@code source_subpath} lines (a SNAPSHOT's
 * stamp carries this fingerprint, and the parent's output name is replaced by the parent's
 * fingerprint) and the envscript's {@code SOURCE_DATE_EPOCH} line (without
 * {@code project.build.outputTimestamp} it is the session's start time, and an unchanged project
 * must run no catalyst).
 */
public final class Fingerprint {

  private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");

  /** Spec lines left out of the fingerprint, see the class comment. */
  private static final Pattern SPEC_SKIPPED = Pattern.compile("(version_stamp|source_subpath):.*");

  /** Envscript lines left out of the fingerprint, see the class comment. */
  private static final Pattern ENV_SKIPPED = Pattern.compile("export SOURCE_DATE_EPOCH=.*");

  private final String hex;

  private Fingerprint(String hex) {
    this.hex = hex;
  }

  /** A fingerprint from its 64 lowercase hex digits (as recorded in the store). */
  public static Fingerprint parse(String hex) {
    if (hex == null || !HEX64.matcher(hex).matches()) {
      throw new IllegalArgumentException("not a fingerprint: '" + hex + "'");
    }
    return new Fingerprint(hex);
  }

  /** The 64 lowercase hex digits. */
  public String hex() {
    return hex;
  }

  /** The first 8 hex digits, for SNAPSHOT version stamps and log lines. */
  public String short8() {
    return hex.substring(0, 8);
  }

  /**
   * {@code versionStamp} with {@code -<short8>} appended when {@code version} is a SNAPSHOT
   * (DESIGN.md: "plus an 8-hex input fingerprint for SNAPSHOT versions"), else unchanged.
   */
  public String stamp(String versionStamp, String version) {
    return version.endsWith("-SNAPSHOT") ? versionStamp + "-" + short8() : versionStamp;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Fingerprint f && f.hex.equals(hex);
  }

  @Override
  public int hashCode() {
    return hex.hashCode();
  }

  @Override
  public String toString() {
    return hex;
  }

  /**
   * What is the same for every build of one run.
   *
   * @param catalystImage the catalyst image's digest (or id), as the runner reports it
   * @param treeish the snapshot treeish
   * @param pluginVersion the OSB plugin's version
   */
  public record Context(String catalystImage, String treeish, String pluginVersion) {
    public Context {
      Objects.requireNonNull(catalystImage, "catalystImage");
      Objects.requireNonNull(treeish, "treeish");
      Objects.requireNonNull(pluginVersion, "pluginVersion");
    }
  }

  /**
   * The fingerprint of one build. {@link Fingerprints#of} calls this for every build of a plan,
   * in graph order, with the right project inputs and upstream.
   *
   * @param rendered the whole rendered tree (specs/, portage/, fsscript/, catalyst.conf, ...)
   * @param upstream the seed's digest ({@code seed:sha512:<hex>}) for a build on the seed, else
   *     the parent build's fingerprint ({@code parent:<hex>})
   * @param projectRoot the project root; every project input must lie below it
   * @param projectInputs project files and directories the build reads, hashed by content under
   *     their path relative to {@code projectRoot}
   * @param pins further named values (a git overlay's uri and commit), hashed as text
   * @throws IllegalArgumentException the rendered tree lacks the build's spec or catalyst.conf, or
   *     a project input lies outside the project root
   */
  public static Fingerprint of(Build build, Rendered rendered, Context context, String upstream, Path projectRoot,
      Collection<Path> projectInputs, Map<String, String> pins) throws IOException {
    Builder b = builder();
    String spec = rendered.text("specs/" + build.id() + ".spec");
    if (spec == null) {
      throw new IllegalArgumentException("the rendered tree has no spec for build '" + build.id() + "'");
    }
    b.text("spec", without(spec, SPEC_SKIPPED));
    String portage = "portage/" + build.id() + "/";
    for (String path : rendered.paths()) {
      if (path.startsWith(portage)) {
        b.bytes("portage/" + path.substring(portage.length()), rendered.bytes(path));
      }
    }
    String fsscript = "fsscript/" + build.id() + ".sh";
    if (rendered.contains(fsscript)) {
      b.bytes("fsscript", rendered.bytes(fsscript));
    }
    byte[] conf = rendered.bytes(build.conf());
    if (conf == null) {
      throw new IllegalArgumentException("the rendered tree has no " + build.conf() + " for build '" + build.id() + "'");
    }
    b.bytes("catalyst.conf", conf);
    String env = rendered.text("envscript");
    if (env != null) {
      b.text("envscript", without(env, ENV_SKIPPED));
    }
    Path root = projectRoot.toAbsolutePath().normalize();
    for (Path p : projectInputs) {
      Path abs = p.toAbsolutePath().normalize();
      if (!abs.startsWith(root)) {
        throw new IllegalArgumentException("project input " + p + " lies outside the project root " + root);
      }
      String rel = root.relativize(abs).toString().replace('\\', '/');
      b.tree(rel.isEmpty() ? "project" : "project/" + rel, abs);
    }
    pins.forEach((k, v) -> b.text("pin/" + k, v));
    b.text("catalyst-image", context.catalystImage());
    b.text("treeish", context.treeish());
    b.text("upstream", upstream);
    b.text("plugin-version", context.pluginVersion());
    return b.build();
  }

  private static String without(String text, Pattern skipped) {
    StringBuilder out = new StringBuilder();
    for (String line : text.split("\n", -1)) {
      if (!skipped.matcher(line).matches()) {
        out.append(line).append('\n');
      }
    }
    return out.toString();
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Collects named entries; {@link #build()} hashes them sorted by name. A name given twice is
   * refused (two inputs would hide each other).
   */
  public static final class Builder {

    private sealed interface Source permits Bytes, FileSource, Link, Dir, Missing {}

    private record Bytes(byte[] bytes) implements Source {}

    private record FileSource(Path path, boolean executable) implements Source {}

    private record Link(String target) implements Source {}

    private record Dir() implements Source {}

    private record Missing() implements Source {}

    private final TreeMap<String, Source> entries = new TreeMap<>();

    private Builder() {}

    private Builder put(String name, Source s) {
      if (name == null || name.isEmpty()) {
        throw new IllegalArgumentException("empty fingerprint entry name");
      }
      if (entries.putIfAbsent(name, s) != null) {
        throw new IllegalArgumentException("fingerprint entry '" + name + "' given twice");
      }
      return this;
    }

    /** A text value (UTF-8). */
    public Builder text(String name, String value) {
      return put(name, new Bytes(value.getBytes(StandardCharsets.UTF_8)));
    }

    /** Bytes (copied). */
    public Builder bytes(String name, byte[] value) {
      return put(name, new Bytes(value.clone()));
    }

    /**
     * A file or a directory tree by content: a directory gives one entry per file, directory
     * and symbolic link below it ({@code name/relative/path}), links are not followed; a missing
     * path is an entry of its own kind.
     */
    public Builder tree(String name, Path path) throws IOException {
      if (Files.isSymbolicLink(path)) {
        return put(name, new Link(Files.readSymbolicLink(path).toString()));
      }
      if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
        return put(name, new Missing());
      }
      if (!Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
        return put(name, new FileSource(path, executable(path)));
      }
      Files.walkFileTree(path, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
          put(entryName(name, path, dir), new Dir());
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
          String n = entryName(name, path, file);
          if (attrs.isSymbolicLink()) {
            put(n, new Link(Files.readSymbolicLink(file).toString()));
          } else if (attrs.isRegularFile()) {
            put(n, new FileSource(file, executable(file)));
          } else {
            throw new IOException("cannot fingerprint " + file + ": not a regular file, directory or link");
          }
          return FileVisitResult.CONTINUE;
        }
      });
      return this;
    }

    private static String entryName(String name, Path base, Path p) {
      String rel = base.relativize(p).toString().replace('\\', '/');
      return rel.isEmpty() ? name + "/" : name + "/" + rel;
    }

    /** The owner-executable bit (what git keeps); other mode bits vary with the umask. */
    private static boolean executable(Path p) throws IOException {
      if (!p.getFileSystem().supportedFileAttributeViews().contains("posix")) {
        return false;
      }
      return Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS).contains(PosixFilePermission.OWNER_EXECUTE);
    }

    public Fingerprint build() throws IOException {
      MessageDigest md = sha256();
      md.update("osb-fingerprint-1\n".getBytes(StandardCharsets.UTF_8));
      byte[] buf = new byte[1 << 16];
      for (Map.Entry<String, Source> e : entries.entrySet()) {
        Source s = e.getValue();
        char kind;
        byte[] content = null;
        if (s instanceof Bytes x) {
          kind = 't';
          content = x.bytes();
        } else if (s instanceof Link l) {
          kind = 'l';
          content = l.target().getBytes(StandardCharsets.UTF_8);
        } else if (s instanceof Dir) {
          kind = 'd';
          content = new byte[0];
        } else if (s instanceof Missing) {
          kind = 'm';
          content = new byte[0];
        } else {
          kind = ((FileSource) s).executable() ? 'x' : 'f';
        }
        md.update((byte) kind);
        byte[] name = e.getKey().getBytes(StandardCharsets.UTF_8);
        md.update(ByteBuffer.allocate(4).putInt(name.length).array());
        md.update(name);
        if (content != null) {
          md.update(ByteBuffer.allocate(8).putLong(content.length).array());
          md.update(content);
          continue;
        }
        Path file = ((FileSource) s).path();
        long size = Files.size(file);
        md.update(ByteBuffer.allocate(8).putLong(size).array());
        long read = 0;
        try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
          for (int n; (n = in.read(buf)) > 0; ) {
            md.update(buf, 0, n);
            read += n;
          }
        }
        if (read != size) {
          throw new IOException(file + " changed while it was fingerprinted");
        }
      }
      return new Fingerprint(HexFormat.of().formatHex(md.digest()));
    }
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
