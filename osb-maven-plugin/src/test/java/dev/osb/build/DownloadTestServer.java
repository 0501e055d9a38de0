package dev.osb.build;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A local HTTPS server for download tests: 127.0.0.1, a free port, a self-signed certificate made
 * by the JDK's keytool at test time. Each path serves bytes; each request takes the next scripted
 * {@link Mode} (then behaves normally), and the server records every request's Range header.
 */
final class DownloadTestServer implements AutoCloseable {

  /** How the server answers one request. */
  record Mode(int status, long dropAfter, long stallAfterMillis, boolean honourRange, String contentRange) {
    static final Mode NORMAL = new Mode(0, -1, 0, true, null);

    static Mode status(int s) {
      return new Mode(s, -1, 0, true, null);
    }

    /** Sends the headers for the whole body, then closes the connection after {@code n} bytes. */
    static Mode dropAfter(long n) {
      return new Mode(0, n, 0, true, null);
    }

    /** Sends {@code n} bytes, then nothing for {@code millis}. */
    static Mode stallAfter(long n, long millis) {
      return new Mode(0, n, millis, true, null);
    }

    static Mode ignoreRange() {
      return new Mode(0, -1, 0, false, null);
    }

    /** Answers a Range request with 206 and this Content-Range, serving from the start. */
    static Mode wrongContentRange(String value) {
      return new Mode(0, -1, 0, true, value);
    }
  }

  /** One request as the server saw it. */
  record Request(String path, String range) {}

  private static final Pattern RANGE = Pattern.compile("bytes=(\\d+)-");

  private final HttpsServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final Map<String, byte[]> files = new ConcurrentHashMap<>();
  private final ConcurrentLinkedDeque<Mode> script = new ConcurrentLinkedDeque<>();
  final List<Request> requests = new CopyOnWriteArrayList<>();
  final SSLContext clientContext;

  /** Makes a certificate in {@code dir} with keytool and starts the server. */
  DownloadTestServer(Path dir) throws Exception {
    char[] pass = "changeit".toCharArray();
    Path ks = dir.resolve("server.p12");
    Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
    Process p = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", "osb-test", "-keyalg", "EC",
        "-groupname", "secp256r1", "-validity", "2", "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1,dns:localhost",
        "-keystore", ks.toString(), "-storetype", "PKCS12", "-storepass", "changeit", "-keypass", "changeit")
        .redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IllegalStateException("keytool failed: " + out);
    }
    KeyStore keys = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(ks)) {
      keys.load(in, pass);
    }
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(keys, pass);
    SSLContext serverContext = SSLContext.getInstance("TLS");
    serverContext.init(kmf.getKeyManagers(), null, null);

    Certificate cert = keys.getCertificate("osb-test");
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("osb-test", cert);
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    clientContext = SSLContext.getInstance("TLS");
    clientContext.init(null, tmf.getTrustManagers(), null);

    server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setHttpsConfigurator(new HttpsConfigurator(serverContext));
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  void serve(String path, byte[] content) {
    files.put(path, content);
  }

  /** The next requests are answered like this, in order. */
  void then(Mode... modes) {
    script.addAll(List.of(modes));
  }

  URI uri(String path) {
    return URI.create("https://127.0.0.1:" + server.getAddress().getPort() + path);
  }

  List<String> ranges() {
    List<String> r = new ArrayList<>();
    requests.forEach(q -> r.add(q.range()));
    return r;
  }

  private void handle(HttpExchange ex) throws IOException {
    String path = ex.getRequestURI().getPath();
    String range = ex.getRequestHeaders().getFirst("Range");
    requests.add(new Request(path, range));
    Mode mode = script.poll();
    if (mode == null) {
      mode = Mode.NORMAL;
    }
    try (ex) {
      byte[] data = files.get(path);
      if (mode.status() != 0 || data == null) {
        ex.sendResponseHeaders(data == null ? 404 : mode.status(), -1);
        return;
      }
      int start = 0;
      Matcher m = range == null ? null : RANGE.matcher(range);
      if (m != null && m.matches() && mode.honourRange()) {
        start = Integer.parseInt(m.group(1));
        if (start >= data.length) {
          ex.getResponseHeaders().add("Content-Range", "bytes */" + data.length);
          ex.sendResponseHeaders(416, -1);
          return;
        }
        if (mode.contentRange() != null) {
          ex.getResponseHeaders().add("Content-Range", mode.contentRange());
          start = 0;
        } else {
          ex.getResponseHeaders().add("Content-Range", "bytes " + start + "-" + (data.length - 1) + "/" + data.length);
        }
        ex.sendResponseHeaders(206, data.length - start);
      } else {
        ex.sendResponseHeaders(200, data.length);
      }
      OutputStream os = ex.getResponseBody();
      int end = mode.dropAfter() >= 0 ? (int) Math.min(data.length, start + mode.dropAfter()) : data.length;
      os.write(data, start, end - start);
      os.flush();
      if (mode.stallAfterMillis() > 0) {
        try {
          Thread.sleep(mode.stallAfterMillis());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      if (mode.dropAfter() >= 0) {
        // end the exchange short of its Content-Length: the server closes the connection
        throw new IOException("dropping the connection on purpose");
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
