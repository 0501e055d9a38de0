package dev.osb.build;

import dev.osb.model.Seed;
import dev.osb.plan.Layout;
import java.io.IOException;
import java.io.InputStream;
import java.net.ProxySelector;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;

/**
 * Puts the seed of a plan into the store, verified, once: {@code builds/osb-seeds/<file name>},
 * which is what the first build's {@code source_subpath} names.
 *
 * <ul>
 *   <li>{@code seed.url}: downloaded over HTTPS into {@code <file>.part} next to its final place
 *       (resumed, retried, with progress lines; see {@link Download}), its SHA-512 computed
 *       (streaming) and compared with {@code seed.sha512} <em>before</em> it is moved into place
 *       atomically. A mismatch deletes the file and throws a {@link SeedException} naming the URL,
 *       both digests and the fix.
 *   <li>{@code seed.file}: copied into the store (verified against {@code seed.sha512} when
 *       given).
 *   <li>{@code seed.artifact}, or the POM's provided stage4 dependency: the Mojo resolves the
 *       artifact and passes its file to {@link #fetchArtifact}, which copies it like a file.
 * </ul>
 *
 * <p>A verified seed is recorded in {@code osb-state/seeds/<file>.properties} (digest, size,
 * modification time); a later fetch trusts the stored file without reading it when size and time
 * still match, re-hashes it otherwise, and never downloads it again while it matches. Every fetch
 * holds the seed's {@link Locks#seed lock}, so parallel modules download a shared seed once.
 */
public final class SeedFetcher {

  private static final Pattern SHA512 = Pattern.compile("[0-9a-fA-F]{128}");

  /**
   * A seed in the store.
   *
   * @param file its host path, {@code builds/osb-seeds/<file name>}
   * @param sha512 its verified SHA-512, lowercase (the fingerprint's upstream of the first build)
   * @param subpath the {@code source_subpath} that names it: {@code osb-seeds/<file name>}
   * @param downloaded whether this call downloaded or copied it (false: it was already there)
   */
  public record Stored(Path file, String sha512, String subpath, boolean downloaded) {}

  private final Download download;

  private SeedFetcher(Download download) {
    this.download = download;
  }

  /** Production settings: default TLS, {@code proxy} (null for none), 5 attempts, 2 s backoff. */
  public static SeedFetcher create(ProxySelector proxy) {
    return builder().proxy(proxy).build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * A proxy selector for the environment's {@code https_proxy} and {@code no_proxy} values (the
   * Mojo reads the environment; the engine does not), or null when no proxy is set.
   *
   * @throws IllegalArgumentException the proxy URL has credentials or no host
   */
  public static ProxySelector proxySelector(String httpsProxy, String noProxy) {
    return Download.proxySelector(httpsProxy, noProxy);
  }

  /** Settings; every one has a production default. */
  public static final class Builder {
    private SSLContext sslContext;
    private ProxySelector proxy;
    private int attempts = 5;
    private Duration backoff = Duration.ofSeconds(2);
    private Duration maxBackoff = Duration.ofSeconds(60);
    private Duration progressEvery = Duration.ofSeconds(5);
    private Duration stallTimeout = Duration.ofSeconds(60);
    private Duration connectTimeout = Duration.ofSeconds(30);

    private Builder() {}

    /** The TLS context (tests pass one that trusts their server); default: the JDK's. */
    public Builder sslContext(SSLContext c) {
      this.sslContext = c;
      return this;
    }

    /** The proxy selector, e.g. from {@link #proxySelector}; default: none. */
    public Builder proxy(ProxySelector p) {
      this.proxy = p;
      return this;
    }

    /** Consecutive attempts without progress before giving up; default 5. */
    public Builder attempts(int n) {
      this.attempts = n;
      return this;
    }

    /** The first retry's wait, doubled per consecutive failure up to {@code max}; default 2 s, 60 s. */
    public Builder backoff(Duration first, Duration max) {
      this.backoff = first;
      this.maxBackoff = max;
      return this;
    }

    /** The longest gap between progress lines; default 5 s (plus one line per 10%). */
    public Builder progressEvery(Duration d) {
      this.progressEvery = d;
      return this;
    }

    /** An attempt receiving nothing for this long is abandoned and retried; default 60 s. */
    public Builder stallTimeout(Duration d) {
      this.stallTimeout = d;
      return this;
    }

    /** Connect and response-header timeout; default 30 s. */
    public Builder connectTimeout(Duration d) {
      this.connectTimeout = d;
      return this;
    }

    public SeedFetcher build() {
      return new SeedFetcher(new Download(new Download.Settings(sslContext, proxy, attempts, backoff, maxBackoff,
          progressEvery, stallTimeout, connectTimeout)));
    }
  }

  // ---------------------------------------------------------------- entry points

  /**
   * Puts a {@code url} or {@code file} seed into the store, verified.
   *
   * @throws SeedException the digest does not match, the server refused, every attempt failed,
   *     or the seed file is missing
   * @throws IllegalArgumentException an {@code artifact} seed (use {@link #fetchArtifact})
   * @throws IOException the store cannot be written
   */
  public Stored fetch(Seed seed, Store store, Progress progress)
      throws SeedException, IOException, InterruptedException {
    return switch (seed.kind()) {
      case URL -> fetchUrl(seed, store, progress);
      case FILE -> copy(seed.file(), seed.fileName(), seed.sha512(), "seed.file " + seed.file(), store, progress);
      case ARTIFACT, PROVIDED -> throw new IllegalArgumentException("an artifact seed is resolved by the Mojo; use fetchArtifact");
    };
  }

  /**
   * Copies a resolved {@code artifact} seed into the store as {@code fileName} (the file name of
   * the plan's {@code seedSubpath}).
   */
  public Stored fetchArtifact(Path resolved, String fileName, Store store, Progress progress)
      throws SeedException, IOException, InterruptedException {
    return copy(resolved, fileName, null, "the seed artifact " + resolved, store, progress);
  }

  // ---------------------------------------------------------------- url

  @SuppressWarnings("try") // the lock is held for the whole body
  private Stored fetchUrl(Seed seed, Store store, Progress progress)
      throws SeedException, IOException, InterruptedException {
    String expected = expectedDigest(seed.sha512(), "seed.url");
    URI uri = URI.create(seed.url());
    String shown = Download.display(uri);
    String name = seed.fileName();
    Path target = store.seed(name);
    Path part = target.resolveSibling(name + ".part");
    try (Locks.Held held = store.locks().acquire(Locks.seed(name))) {
      if (reuse(store, name, target, expected, progress)) {
        return new Stored(target, expected, subpath(name), false);
      }
      try {
        download.fetch(uri, part, name, progress);
      } catch (Download.Failure e) {
        throw new SeedException(e.getMessage() + ". Check seed.url in os.yaml, the network and the proxy"
            + " (https_proxy); run again to resume the download", e);
      }
      progress.line(name + ": verifying SHA-512");
      String actual = sha512(part);
      if (!actual.equals(expected)) {
        Files.deleteIfExists(part);
        throw new SeedException("the seed downloaded from " + shown + " does not match seed.sha512: expected "
            + expected + ", got " + actual + ". The download was deleted. Check seed.sha512 in os.yaml against the"
            + " SHA512 HASH in the .DIGESTS file next to the seed (" + digestsUrl(uri) + "); if they match, the"
            + " server delivered a different file: run again, or use another mirror.");
      }
      Store.move(part, target);
      record(store, name, target, actual, shown);
      progress.line(name + ": verified and stored in " + target);
      return new Stored(target, actual, subpath(name), true);
    }
  }

  private static String digestsUrl(URI uri) {
    String shown = Download.display(uri);
    int q = shown.indexOf('?');
    return (q < 0 ? shown : shown.substring(0, q)) + ".DIGESTS";
  }

  // ---------------------------------------------------------------- file, artifact

  @SuppressWarnings("try") // the lock is held for the whole body
  private Stored copy(Path source, String name, String sha512, String what, Store store, Progress progress)
      throws SeedException, IOException, InterruptedException {
    String expected = sha512 == null ? null : expectedDigest(sha512, what);
    if (!Files.isRegularFile(source)) {
      throw new SeedException(what + " is not a file; check the path in os.yaml");
    }
    Path target = store.seed(name);
    try (Locks.Held held = store.locks().acquire(Locks.seed(name))) {
      String actual = sha512(source);
      if (expected != null && !actual.equals(expected)) {
        throw new SeedException(what + " does not match seed.sha512: expected " + expected + ", got " + actual
            + ". Nothing was copied. Check seed.sha512 in os.yaml against the .DIGESTS file that came with the"
            + " seed, or replace the file.");
      }
      if (reuse(store, name, target, actual, progress)) {
        return new Stored(target, actual, subpath(name), false);
      }
      Path part = target.resolveSibling(name + ".part");
      Files.createDirectories(target.getParent());
      progress.line(name + ": copying " + what + " into the store");
      Files.copy(source, part, StandardCopyOption.REPLACE_EXISTING);
      String copied = sha512(part);
      if (!copied.equals(actual)) {
        Files.deleteIfExists(part);
        throw new IOException(what + " changed while it was copied into the store; run again");
      }
      Store.move(part, target);
      record(store, name, target, actual, what);
      return new Stored(target, actual, subpath(name), true);
    }
  }

  // ---------------------------------------------------------------- store records

  /**
   * Whether {@code target} holds the seed with digest {@code expected}: trusted from its record
   * when size and modification time match, else re-hashed (and the record rewritten). A stored
   * file with another digest is deleted.
   */
  private static boolean reuse(Store store, String name, Path target, String expected, Progress progress)
      throws IOException {
    if (!Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)) {
      return false;
    }
    Path recordFile = store.seedRecord(name);
    Optional<Map<String, String>> rec = Store.Records.read(recordFile);
    long size = Files.size(target);
    long mtime = Files.getLastModifiedTime(target, LinkOption.NOFOLLOW_LINKS).toMillis();
    if (rec.isPresent() && expected.equals(rec.get().get("sha512"))
        && String.valueOf(size).equals(rec.get().get("size"))
        && String.valueOf(mtime).equals(rec.get().get("mtime"))) {
      progress.line(name + ": verified seed in the store, not downloaded again");
      return true;
    }
    progress.line(name + ": checking the SHA-512 of the seed already in the store");
    String actual = sha512(target);
    if (actual.equals(expected)) {
      record(store, name, target, actual, rec.map(r -> r.get("source")).orElse("store"));
      progress.line(name + ": verified seed in the store, not downloaded again");
      return true;
    }
    progress.line(name + ": the seed in the store has another SHA-512 (" + actual + "); replacing it");
    Files.deleteIfExists(recordFile);
    Files.delete(target);
    return false;
  }

  private static void record(Store store, String name, Path target, String sha512, String source) throws IOException {
    Map<String, String> v = new LinkedHashMap<>();
    v.put("sha512", sha512);
    v.put("size", String.valueOf(Files.size(target)));
    v.put("mtime", String.valueOf(Files.getLastModifiedTime(target, LinkOption.NOFOLLOW_LINKS).toMillis()));
    v.put("source", source.replaceAll("[\\r\\n]", "?"));
    Store.Records.write(store.seedRecord(name), v);
  }

  private static String subpath(String name) {
    return Layout.SEEDS + "/" + name;
  }

  private static String expectedDigest(String sha512, String what) throws SeedException {
    if (sha512 == null || !SHA512.matcher(sha512).matches()) {
      throw new SeedException(what + " needs seed.sha512: 128 hex digits, from the .DIGESTS file next to the seed");
    }
    return sha512.toLowerCase(Locale.ROOT);
  }

  /** The SHA-512 of a file, lowercase hex, read in a stream. */
  public static String sha512(Path file) throws IOException {
    MessageDigest md;
    try {
      md = MessageDigest.getInstance("SHA-512");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    byte[] buf = new byte[1 << 16];
    try (InputStream in = Files.newInputStream(Objects.requireNonNull(file))) {
      for (int n; (n = in.read(buf)) > 0; ) {
        md.update(buf, 0, n);
      }
    }
    return HexFormat.of().formatHex(md.digest());
  }
}
