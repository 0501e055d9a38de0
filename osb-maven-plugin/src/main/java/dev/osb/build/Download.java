package dev.osb.build;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;

/**
 * Downloads one URL over HTTPS into a {@code .part} file: resumes an existing {@code .part} with
 * a Range request (and checks that the server answered 206 with the matching Content-Range,
 * else starts again), retries connection errors, stalls and 5xx answers with exponential
 * backoff, and reports progress as plain lines: one when it starts, at each 10% and at most every
 * {@link Settings#progressEvery()} in between. It does not verify content; {@link SeedFetcher}
 * does that before anything is moved into place.
 *
 * <p>URLs are shown without user info and with any query replaced by {@code ?...}, so a token in
 * a URL never reaches a log.
 */
final class Download {

  /**
   * How downloads behave.
   *
   * @param sslContext the TLS context; null for the JDK default (production)
   * @param proxy the proxy selector; null for the JDK default (no proxy unless system properties
   *     set one)
   * @param attempts how many consecutive attempts without progress before giving up (at least 1)
   * @param backoff the wait after the first failure; doubles per consecutive failure
   * @param maxBackoff the longest wait
   * @param progressEvery the longest gap between progress lines
   * @param stallTimeout an attempt that receives nothing for this long is abandoned and retried
   * @param connectTimeout TCP/TLS connect timeout, also the wait for response headers
   */
  record Settings(SSLContext sslContext, ProxySelector proxy, int attempts, Duration backoff, Duration maxBackoff,
      Duration progressEvery, Duration stallTimeout, Duration connectTimeout) {

    Settings {
      if (attempts < 1) {
        throw new IllegalArgumentException("attempts must be at least 1");
      }
      Objects.requireNonNull(backoff, "backoff");
      Objects.requireNonNull(maxBackoff, "maxBackoff");
      Objects.requireNonNull(progressEvery, "progressEvery");
      Objects.requireNonNull(stallTimeout, "stallTimeout");
      Objects.requireNonNull(connectTimeout, "connectTimeout");
    }
  }

  /** Not worth retrying (a 404, a 403), or retries exhausted; the message says which. */
  static final class Failure extends IOException {
    private static final long serialVersionUID = 1L;

    Failure(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** An attempt failed in a way another attempt may fix. */
  private static final class Retry extends IOException {
    private static final long serialVersionUID = 1L;

    Retry(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** Upper bound on attempts in total, also when each one makes progress. */
  private static final int MAX_TOTAL_ATTEMPTS = 100;

  private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "osb-download-watchdog");
    t.setDaemon(true);
    return t;
  });

  private static final Pattern CONTENT_RANGE = Pattern.compile("bytes (\\d+)-(\\d+)/(\\d+|\\*)");
  private static final Pattern UNSATISFIED_RANGE = Pattern.compile("bytes \\*/(\\d+)");

  private final Settings settings;
  private final HttpClient client;

  Download(Settings settings) {
    this.settings = settings;
    HttpClient.Builder b = HttpClient.newBuilder()
        .followRedirects(HttpClient.Redirect.NORMAL)
        .connectTimeout(settings.connectTimeout());
    if (settings.sslContext() != null) {
      b.sslContext(settings.sslContext());
    }
    if (settings.proxy() != null) {
      b.proxy(settings.proxy());
    }
    this.client = b.build();
  }

  /**
   * Downloads {@code uri} into {@code part}, resuming what {@code part} already holds.
   *
   * @param label how progress lines name the download (a file name)
   * @return the size of the complete {@code part}
   * @throws Failure the server refused (4xx other than 408/429) or every attempt failed; the
   *     message names the URL (without credentials) and the last error
   * @throws IOException writing {@code part} failed
   */
  long fetch(URI uri, Path part, String label, Progress progress) throws IOException, InterruptedException {
    int failures = 0;
    int total = 0;
    String shown = display(uri);
    while (true) {
      total++;
      long before = Files.exists(part) ? Files.size(part) : 0;
      try {
        return attempt(uri, part, before, label, progress);
      } catch (Retry e) {
        long after = Files.exists(part) ? Files.size(part) : 0;
        failures = after > before ? 1 : failures + 1;
        if (failures >= settings.attempts() || total >= MAX_TOTAL_ATTEMPTS) {
          throw new Failure("downloading " + shown + " failed after " + total + " attempt(s): " + e.getMessage(), e);
        }
        Duration wait = backoff(failures);
        progress.line(label + ": " + e.getMessage() + "; retrying in " + human(wait) + " (attempt " + (total + 1)
            + ", " + (settings.attempts() - failures) + " left without progress)");
        Thread.sleep(wait.toMillis());
      }
    }
  }

  private Duration backoff(int failures) {
    Duration d = settings.backoff();
    for (int i = 1; i < failures && d.compareTo(settings.maxBackoff()) < 0; i++) {
      d = d.multipliedBy(2);
    }
    return d.compareTo(settings.maxBackoff()) > 0 ? settings.maxBackoff() : d;
  }

  private long attempt(URI uri, Path part, long have, String label, Progress progress)
      throws IOException, InterruptedException {
    HttpRequest.Builder rb = HttpRequest.newBuilder(uri).GET().timeout(settings.connectTimeout())
        .header("Accept-Encoding", "identity");
    if (have > 0) {
      rb.header("Range", "bytes=" + have + "-");
    }
    HttpResponse<InputStream> r;
    try {
      r = client.send(rb.build(), HttpResponse.BodyHandlers.ofInputStream());
    } catch (IOException e) {
      for (Throwable t = e; t != null; t = t.getCause()) {
        if (t instanceof javax.net.ssl.SSLHandshakeException || t instanceof javax.net.ssl.SSLPeerUnverifiedException) {
          throw new Failure("downloading " + display(uri) + " failed: the server's TLS certificate is not trusted ("
              + describe(t) + ")", e);
        }
      }
      throw new Retry(describe(e), e);
    }
    try (InputStream in = r.body()) {
      int status = r.statusCode();
      long expectedTotal;
      boolean append;
      if (status == 206 && have > 0) {
        String cr = r.headers().firstValue("Content-Range").orElse("");
        Matcher m = CONTENT_RANGE.matcher(cr.trim());
        if (!m.matches() || Long.parseLong(m.group(1)) != have) {
          Files.deleteIfExists(part);
          throw new Retry("the server answered the request for bytes " + have + "- with Content-Range '" + cr
              + "'; starting again", null);
        }
        expectedTotal = m.group(3).equals("*") ? -1 : Long.parseLong(m.group(3));
        append = true;
        progress.line(label + ": resuming at " + mib(have) + (expectedTotal > 0 ? " of " + mib(expectedTotal) : ""));
      } else if (status == 200) {
        if (have > 0) {
          progress.line(label + ": the server does not resume downloads; starting again");
        }
        OptionalLong len = r.headers().firstValueAsLong("Content-Length");
        expectedTotal = len.isPresent() ? len.getAsLong() : -1;
        append = false;
        have = 0;
        progress.line("downloading " + display(r.uri()) + (expectedTotal >= 0 ? " (" + mib(expectedTotal) + ")" : ""));
      } else if (status == 416 && have > 0) {
        Matcher m = UNSATISFIED_RANGE.matcher(r.headers().firstValue("Content-Range").orElse("").trim());
        if (m.matches() && Long.parseLong(m.group(1)) == have) {
          return have;
        }
        Files.deleteIfExists(part);
        throw new Retry("the server cannot resume at byte " + have + " (HTTP 416); starting again", null);
      } else if (status >= 500 || status == 408 || status == 429) {
        throw new Retry("HTTP " + status, null);
      } else {
        throw new Failure("downloading " + display(uri) + " failed: HTTP " + status, null);
      }
      long size = copy(in, part, append, have, expectedTotal, label, progress);
      if (expectedTotal >= 0 && size != expectedTotal) {
        throw new Retry("the connection closed after " + mib(size) + " of " + mib(expectedTotal), null);
      }
      return size;
    }
  }

  /** Copies the body into {@code part}, abandoning the attempt when nothing arrives for the stall timeout. */
  private long copy(InputStream in, Path part, boolean append, long have, long expectedTotal, String label,
      Progress progress) throws IOException, InterruptedException {
    Files.createDirectories(part.getParent());
    Meter meter = new Meter(label, expectedTotal, have, settings.progressEvery(), progress);
    Thread reader = Thread.currentThread();
    Object guard = new Object();
    boolean[] state = {true, false}; // armed, fired
    long[] last = {System.nanoTime()};
    long stall = settings.stallTimeout().toNanos();
    long period = Math.max(10, settings.stallTimeout().toMillis() / 4);
    ScheduledFuture<?> watch = WATCHDOG.scheduleAtFixedRate(() -> {
      synchronized (guard) {
        if (state[0] && System.nanoTime() - last[0] > stall) {
          state[0] = false;
          state[1] = true;
          // closing makes the blocked read fail; JDK 17's stream swallows a bare interrupt
          try {
            in.close();
          } catch (IOException | RuntimeException ignored) {
            // the read fails either way
          }
          reader.interrupt();
        }
      }
    }, period, period, TimeUnit.MILLISECONDS);
    long size = have;
    try (OutputStream out = Files.newOutputStream(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING)) {
      byte[] buf = new byte[1 << 16];
      for (int n; (n = in.read(buf)) >= 0; ) {
        if (n == 0) {
          continue;
        }
        out.write(buf, 0, n);
        size += n;
        synchronized (guard) {
          last[0] = System.nanoTime();
        }
        meter.update(size);
      }
    } catch (IOException e) {
      boolean fired;
      synchronized (guard) {
        fired = state[1];
      }
      if (fired) {
        throw new Retry("no data for " + human(settings.stallTimeout()), e);
      }
      if (Thread.currentThread().isInterrupted()) {
        InterruptedException ie = new InterruptedException("download of " + label + " interrupted");
        ie.initCause(e);
        throw ie;
      }
      throw new Retry(describe(e), e);
    } finally {
      watch.cancel(false);
      synchronized (guard) {
        state[0] = false;
        if (state[1]) {
          Thread.interrupted(); // the watchdog's interrupt, not the caller's
        }
      }
    }
    meter.done(size);
    return size;
  }

  /** Progress lines: at start, at each 10% and at most every {@code every} otherwise. */
  private static final class Meter {
    private final String label;
    private final long total;
    private final long every;
    private final Progress progress;
    private final long startNanos = System.nanoTime();
    private final long startBytes;
    private long lastNanos = System.nanoTime();
    private int lastDecile;

    Meter(String label, long total, long have, Duration every, Progress progress) {
      this.label = label;
      this.total = total;
      this.every = every.toNanos();
      this.progress = progress;
      this.startBytes = have;
      this.lastDecile = total > 0 ? (int) (have * 10 / total) : 0;
    }

    void update(long size) {
      long now = System.nanoTime();
      int decile = total > 0 ? (int) Math.min(10, size * 10 / total) : 0;
      if (decile > lastDecile || now - lastNanos >= every) {
        lastDecile = Math.max(decile, lastDecile);
        lastNanos = now;
        progress.line(line(size, now));
      }
    }

    void done(long size) {
      if (total <= 0) {
        progress.line(line(size, System.nanoTime()));
      }
    }

    private String line(long size, long now) {
      double secs = Math.max(1e-3, (now - startNanos) / 1e9);
      String rate = String.format(Locale.ROOT, "%.1f MiB/s", (size - startBytes) / secs / (1 << 20));
      if (total > 0) {
        return label + ": " + (size * 100 / total) + "% (" + mib(size) + " of " + mib(total) + ", " + rate + ")";
      }
      return label + ": " + mib(size) + " (" + rate + ")";
    }
  }

  // ---------------------------------------------------------------- helpers

  /** {@code scheme://host[:port]/path}, without user info, a query shown as {@code ?...}. */
  static String display(URI uri) {
    StringBuilder b = new StringBuilder();
    b.append(uri.getScheme()).append("://").append(uri.getHost() == null ? "?" : uri.getHost());
    if (uri.getPort() >= 0) {
      b.append(':').append(uri.getPort());
    }
    b.append(uri.getRawPath() == null ? "" : uri.getRawPath());
    if (uri.getRawQuery() != null) {
      b.append("?...");
    }
    return b.toString();
  }

  private static String describe(Throwable e) {
    List<String> parts = new ArrayList<>();
    for (Throwable t = e; t != null && parts.size() < 3; t = t.getCause()) {
      String m = t.getMessage();
      parts.add(t.getClass().getSimpleName() + (m == null || m.isBlank() ? "" : ": " + m));
    }
    return String.join(", caused by ", parts);
  }

  static String mib(long bytes) {
    return String.format(Locale.ROOT, "%.1f MiB", bytes / (double) (1 << 20));
  }

  static String human(Duration d) {
    long ms = d.toMillis();
    return ms < 1000 ? ms + " ms" : String.format(Locale.ROOT, "%.0f s", ms / 1000.0);
  }

  /**
   * A proxy selector for an {@code https_proxy} value ({@code http://host:port}), bypassing the
   * hosts of {@code no_proxy} (comma-separated names or domain suffixes, {@code *} for all);
   * null when {@code httpsProxy} is null or blank. The Mojo passes the environment's values;
   * the engine never reads the environment.
   *
   * @throws IllegalArgumentException the value has no host, or carries credentials (which a
   *     proxy selector cannot use, and which must not be logged)
   */
  static ProxySelector proxySelector(String httpsProxy, String noProxy) {
    if (httpsProxy == null || httpsProxy.isBlank()) {
      return null;
    }
    String v = httpsProxy.trim();
    URI u = URI.create(v.contains("://") ? v : "http://" + v);
    if (u.getRawUserInfo() != null) {
      throw new IllegalArgumentException("the https proxy carries credentials, which OSB's downloads cannot use;"
          + " use a proxy without credentials in its URL");
    }
    if (u.getHost() == null) {
      throw new IllegalArgumentException("the https proxy '" + display(u) + "' names no host");
    }
    InetSocketAddress addr = InetSocketAddress.createUnresolved(u.getHost(), u.getPort() >= 0 ? u.getPort() : 80);
    List<String> bypass = new ArrayList<>();
    if (noProxy != null) {
      for (String s : noProxy.split(",")) {
        String t = s.trim().toLowerCase(Locale.ROOT);
        if (!t.isEmpty()) {
          bypass.add(t.startsWith("*.") ? t.substring(1) : t);
        }
      }
    }
    return new ProxySelector() {
      @Override
      public List<Proxy> select(URI uri) {
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        for (String b : bypass) {
          if (b.equals("*") || host.equals(b) || host.equals(b.startsWith(".") ? b.substring(1) : b)
              || host.endsWith(b.startsWith(".") ? b : "." + b)) {
            return List.of(Proxy.NO_PROXY);
          }
        }
        return List.of(new Proxy(Proxy.Type.HTTP, addr));
      }

      @Override
      public void connectFailed(URI uri, SocketAddress sa, IOException ioe) {
        // nothing to remember: the retry loop reports and retries
      }
    };
  }
}
