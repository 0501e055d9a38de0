package dev.osb.build.verify;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.zip.GZIPInputStream;
import org.tukaani.xz.XZInputStream;

/**
 * The members of a stage tarball, by normalised path ({@link TarReader#normalize}); a path
 * written twice keeps its last member, as extraction would. Regular files the caller names are
 * kept with their content (up to {@link #MAX_CONTENT}) and digest; a kept name that is a hard
 * link gets its target's content through a second pass when the target was not kept.
 *
 * <p>Compression is recognised by its magic bytes, not the file name: xz (catalyst's pixz and
 * xz modes) and gzip in Java; bzip2 (lbzip2, bzip2 modes) and zstd through {@code lbzip2},
 * {@code bzip2} or {@code zstd} on the PATH; an uncompressed tar as it is.
 */
public final class Tarball {

  /** Largest file content kept in memory; larger kept files carry only their digest. */
  public static final long MAX_CONTENT = 16L << 20;

  private final Path file;
  private final NavigableMap<String, TarEntry> entries;

  private Tarball(Path file, NavigableMap<String, TarEntry> entries) {
    this.file = file;
    this.entries = entries;
  }

  /** Reads every member's metadata and the content of the regular files {@code keep} accepts. */
  public static Tarball read(Path file, Predicate<String> keep) throws IOException {
    NavigableMap<String, TarEntry> map = new TreeMap<>();
    scan(file, keep, e -> map.put(e.path(), e));
    // kept names that are hard links: their content lives with the link's target
    Set<String> targets = new HashSet<>();
    for (TarEntry e : map.values()) {
      if (e.type() == TarEntry.Type.HARDLINK && keep.test(e.path())) {
        TarEntry t = map.get(e.linkTarget());
        if (t != null && t.type() == TarEntry.Type.FILE && t.sha256() == null) {
          targets.add(t.path());
        }
      }
    }
    if (!targets.isEmpty()) {
      scan(file, targets::contains, e -> {
        TarEntry known = map.get(e.path());
        if (targets.contains(e.path()) && known != null && e.sha256() != null) {
          map.put(e.path(), known.withContent(e.content(), e.sha256()));
        }
      });
    }
    return new Tarball(file, Collections.unmodifiableNavigableMap(map));
  }

  private interface Sink {
    void accept(TarEntry e) throws IOException;
  }

  private static void scan(Path file, Predicate<String> keep, Sink sink) throws IOException {
    try (InputStream in = open(file); TarReader r = new TarReader(in)) {
      for (TarEntry e; (e = r.next(keep, MAX_CONTENT)) != null; ) {
        sink.accept(e);
      }
    }
  }

  /** The tar stream of {@code file}, decompressed. */
  public static InputStream open(Path file) throws IOException {
    BufferedInputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
    byte[] magic = new byte[6];
    raw.mark(16);
    int n = raw.readNBytes(magic, 0, magic.length);
    raw.reset();
    try {
      if (n >= 6 && (magic[0] & 0xff) == 0xfd && magic[1] == '7' && magic[2] == 'z' && magic[3] == 'X'
          && magic[4] == 'Z' && magic[5] == 0) {
        return new BufferedInputStream(new XZInputStream(raw), 1 << 16);
      }
      if (n >= 2 && (magic[0] & 0xff) == 0x1f && (magic[1] & 0xff) == 0x8b) {
        return new BufferedInputStream(new GZIPInputStream(raw, 1 << 16), 1 << 16);
      }
      if (n >= 3 && magic[0] == 'B' && magic[1] == 'Z' && magic[2] == 'h') {
        raw.close();
        return external(file, "bzip2", List.of(List.of("lbzip2", "-dc"), List.of("bzip2", "-dc")));
      }
      if (n >= 4 && (magic[0] & 0xff) == 0x28 && (magic[1] & 0xff) == 0xb5 && (magic[2] & 0xff) == 0x2f
          && (magic[3] & 0xff) == 0xfd) {
        raw.close();
        return external(file, "zstd", List.of(List.of("zstd", "-dc")));
      }
      return raw;
    } catch (IOException | RuntimeException e) {
      raw.close();
      throw e;
    }
  }

  /** A decompressor process reading {@code file}; closing the stream waits for it and checks its exit. */
  private static InputStream external(Path file, String format, List<List<String>> commands) throws IOException {
    IOException last = null;
    for (List<String> cmd : commands) {
      List<String> argv = new ArrayList<>(cmd);
      argv.add("--");
      argv.add(file.toAbsolutePath().toString());
      Process p;
      try {
        p = new ProcessBuilder(argv).redirectError(ProcessBuilder.Redirect.DISCARD)
            .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
      } catch (IOException e) {
        last = e;
        continue;
      }
      return new BufferedInputStream(new FilterInputStream(p.getInputStream()) {
        @Override
        public void close() throws IOException {
          // drain, so the decompressor is not killed by a broken pipe after the end-of-archive block
          in.transferTo(OutputStreamNull.INSTANCE);
          super.close();
          try {
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
              p.destroyForcibly();
              throw new IOException(cmd.get(0) + " did not finish decompressing " + file);
            }
          } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while decompressing " + file, e);
          }
          if (p.exitValue() != 0) {
            throw new IOException(cmd.get(0) + " failed (exit " + p.exitValue() + ") decompressing " + file);
          }
        }
      }, 1 << 16);
    }
    throw new IOException(file + " is " + format + "-compressed; osb:verify reads it through "
        + commands.stream().map(c -> c.get(0)).toList() + ", and none could be started", last);
  }

  /** An output stream that discards. */
  private static final class OutputStreamNull extends java.io.OutputStream {
    static final OutputStreamNull INSTANCE = new OutputStreamNull();

    @Override
    public void write(int b) {}

    @Override
    public void write(byte[] b, int off, int len) {}
  }

  // ------------------------------------------------------------------ lookups

  public Path file() {
    return file;
  }

  /** The member at {@code path} exactly (no link is followed), or null. */
  public TarEntry get(String path) {
    return entries.get(TarReader.normalize(path));
  }

  public boolean contains(String path) {
    return get(path) != null;
  }

  /** Every member, sorted by path. */
  public Collection<TarEntry> entries() {
    return entries.values();
  }

  /** Members strictly below directory {@code dir}, sorted by path. */
  public List<TarEntry> under(String dir) {
    String d = TarReader.normalize(dir);
    String from = d.equals("/") ? "/" : d + "/";
    List<TarEntry> out = new ArrayList<>();
    for (TarEntry e : entries.tailMap(from, true).values()) {
      if (!e.path().startsWith(from)) {
        break;
      }
      if (!e.path().equals(d)) {
        out.add(e);
      }
    }
    return out;
  }

  /** Members directly in directory {@code dir}. */
  public List<TarEntry> children(String dir) {
    String d = TarReader.normalize(dir);
    String from = d.equals("/") ? "/" : d + "/";
    return under(d).stream().filter(e -> e.path().indexOf('/', from.length()) < 0).toList();
  }

  /**
   * The member {@code path} names once the symlinks in the image are followed (in its parents and
   * at the end), as a process inside the image would see it; null when it leads nowhere or loops.
   */
  public TarEntry resolve(String path) {
    return resolve(TarReader.normalize(path), 0, true);
  }

  /** As {@link #resolve(String)}, without following a symlink at the last component. */
  public TarEntry resolveParents(String path) {
    return resolve(TarReader.normalize(path), 0, false);
  }

  private TarEntry resolve(String path, int depth, boolean followLast) {
    if (depth > 40) {
      return null;
    }
    if (path.equals("/")) {
      return entries.get("/");
    }
    String[] segs = path.substring(1).split("/");
    String cur = "";
    for (int i = 0; i < segs.length; i++) {
      String next = cur + "/" + segs[i];
      if (segs[i].equals("..")) {
        int slash = cur.lastIndexOf('/');
        next = slash <= 0 ? "" : cur.substring(0, slash);
        cur = next;
        continue;
      }
      TarEntry e = entries.get(next);
      boolean last = i == segs.length - 1;
      if (e != null && e.type() == TarEntry.Type.SYMLINK && (!last || followLast)) {
        String target = e.linkTarget();
        String base = target.startsWith("/") ? "" : cur;
        String rest = last ? "" : "/" + String.join("/", java.util.Arrays.copyOfRange(segs, i + 1, segs.length));
        String joined = base + "/" + target + rest;
        return resolve(normalizeDots(joined), depth + 1, followLast);
      }
      if (e == null && !last) {
        // a parent directory without its own member (tar writers may omit them): go on by name
        cur = next;
        continue;
      }
      if (last) {
        return e;
      }
      cur = next;
    }
    return entries.get(cur.isEmpty() ? "/" : cur);
  }

  /** Normalises and resolves {@code ..} lexically (only used after a symlink has been followed). */
  private static String normalizeDots(String p) {
    List<String> out = new ArrayList<>();
    for (String seg : p.split("/")) {
      if (seg.isEmpty() || seg.equals(".")) {
        continue;
      }
      if (seg.equals("..")) {
        if (!out.isEmpty()) {
          out.remove(out.size() - 1);
        }
        continue;
      }
      out.add(seg);
    }
    return out.isEmpty() ? "/" : "/" + String.join("/", out);
  }

  /**
   * The kept content of the regular file at {@code path} as UTF-8, following a hard link to its
   * target; null when there is no such file or its content was not kept.
   */
  public String text(String path) {
    TarEntry e = contentEntry(path);
    return e == null ? null : e.text();
  }

  /** The member holding {@code path}'s data: itself, or a hard link's target. */
  public TarEntry contentEntry(String path) {
    TarEntry e = get(path);
    if (e != null && e.type() == TarEntry.Type.HARDLINK) {
      e = get(e.linkTarget());
    }
    return e != null && e.type() == TarEntry.Type.FILE ? e : null;
  }
}
