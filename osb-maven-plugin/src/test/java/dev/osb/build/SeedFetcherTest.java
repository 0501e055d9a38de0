package dev.osb.build;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.osb.build.DownloadTestServer.Mode;
import dev.osb.model.Seed;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Seeds downloaded from a local HTTPS server with a certificate made at test time. */
@Timeout(120)
class SeedFetcherTest {

  private static final String NAME = "stage3-amd64-openrc-20261124T170000Z.tar.xz";
  private static final String PATH = "/releases/amd64/autobuilds/20261124T170000Z/" + NAME;
  private static final int MIB = 1 << 20;
  private static final byte[] DATA = new byte[3 * MIB];
  private static String sha512;

  @TempDir
  static Path certDir;

  private static DownloadTestServer server;

  @TempDir
  Path tmp;

  private Store store;
  private final List<String> lines = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void startServer() throws Exception {
    new Random(42).nextBytes(DATA);
    sha512 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-512").digest(DATA));
    server = new DownloadTestServer(certDir);
    server.serve(PATH, DATA);
  }

  @AfterAll
  static void stopServer() {
    server.close();
  }

  @BeforeEach
  void reset() {
    server.requests.clear();
    store = new Store(tmp.resolve("store"), lines::add);
  }

  private SeedFetcher fetcher() {
    return SeedFetcher.builder()
        .sslContext(server.clientContext)
        .attempts(3)
        .backoff(Duration.ofMillis(10), Duration.ofMillis(40))
        .progressEvery(Duration.ofSeconds(5))
        .stallTimeout(Duration.ofMillis(500))
        .connectTimeout(Duration.ofSeconds(10))
        .build();
  }

  private static Seed urlSeed(String digest) {
    return new Seed(Seed.Kind.URL, server.uri(PATH).toString(), digest, null, null);
  }

  private SeedFetcher.Stored fetch(String digest) throws Exception {
    return fetcher().fetch(urlSeed(digest), store, lines::add);
  }

  private void assertStored(SeedFetcher.Stored s) throws Exception {
    assertEquals(store.seed(NAME), s.file());
    assertEquals("osb-seeds/" + NAME, s.subpath());
    assertEquals(sha512, s.sha512());
    assertArrayEquals(DATA, Files.readAllBytes(s.file()));
    assertFalse(Files.exists(s.file().resolveSibling(NAME + ".part")), "no .part left behind");
    assertTrue(lines.stream().noneMatch(l -> l.indexOf('\r') >= 0 || l.indexOf('\n') >= 0), "plain lines");
  }

  @Test
  void downloadsAndVerifies() throws Exception {
    SeedFetcher.Stored s = fetch(sha512);
    assertStored(s);
    assertTrue(s.downloaded());
    assertEquals(1, server.requests.size());
    assertEquals(null, server.requests.get(0).range());
    assertTrue(lines.stream().anyMatch(l -> l.startsWith("downloading https://127.0.0.1:") && l.contains("(3.0 MiB)")),
        lines.toString());
    assertTrue(lines.stream().anyMatch(l -> l.startsWith(NAME + ": 100% (3.0 MiB of 3.0 MiB")), lines.toString());
    long percentLines = lines.stream().filter(l -> l.matches(Pattern.quote(NAME) + ": \\d+% .*")).count();
    assertTrue(percentLines <= 11, "one line per 10% at most on a fast link: " + lines);
    assertTrue(Files.exists(store.seedRecord(NAME)));
  }

  @Test
  void aDroppedConnectionIsResumedWithARangeRequest() throws Exception {
    server.then(Mode.dropAfter(MIB));
    SeedFetcher.Stored s = fetch(sha512);
    assertStored(s);
    assertEquals(2, server.requests.size(), server.requests.toString());
    assertEquals(null, server.requests.get(0).range());
    Matcher m = Pattern.compile("bytes=(\\d+)-").matcher(String.valueOf(server.requests.get(1).range()));
    assertTrue(m.matches(), "the second request resumes: " + server.requests);
    long offset = Long.parseLong(m.group(1));
    assertTrue(offset > 0 && offset <= MIB, "resumed at what arrived: " + offset);
    assertTrue(lines.stream().anyMatch(l -> l.startsWith(NAME + ": resuming at ")), lines.toString());
    assertTrue(lines.stream().anyMatch(l -> l.contains("retrying in")), lines.toString());
  }

  @Test
  void aPartFromAnEarlierRunIsResumed() throws Exception {
    Path part = store.seed(NAME).resolveSibling(NAME + ".part");
    Files.createDirectories(part.getParent());
    Files.write(part, java.util.Arrays.copyOf(DATA, 1234567));
    assertStored(fetch(sha512));
    assertEquals(List.of("bytes=1234567-"), server.ranges());
  }

  @Test
  void aServerThatIgnoresRangeRestartsTheDownload() throws Exception {
    Path part = store.seed(NAME).resolveSibling(NAME + ".part");
    Files.createDirectories(part.getParent());
    Files.write(part, new byte[MIB]); // garbage that must not survive
    server.then(Mode.ignoreRange());
    assertStored(fetch(sha512));
    assertEquals(List.of("bytes=" + MIB + "-"), server.ranges());
    assertTrue(lines.stream().anyMatch(l -> l.contains("does not resume downloads; starting again")), lines.toString());
  }

  @Test
  void aWrongContentRangeRestartsTheDownload() throws Exception {
    Path part = store.seed(NAME).resolveSibling(NAME + ".part");
    Files.createDirectories(part.getParent());
    Files.write(part, java.util.Arrays.copyOf(DATA, MIB));
    server.then(Mode.wrongContentRange("bytes 0-" + (DATA.length - 1) + "/" + DATA.length));
    assertStored(fetch(sha512));
    assertEquals(2, server.requests.size());
    assertEquals(null, server.requests.get(1).range(), "started again from scratch");
  }

  @Test
  void aWrongDigestIsRefusedAndTheFileDeleted() throws Exception {
    String wrong = "ab".repeat(64);
    SeedException e = assertThrows(SeedException.class, () -> fetch(wrong.toUpperCase()));
    String msg = e.getMessage();
    assertTrue(msg.contains(server.uri(PATH).toString()), msg);
    assertTrue(msg.contains("expected " + wrong), msg);
    assertTrue(msg.contains("got " + sha512), msg);
    assertTrue(msg.contains(".DIGESTS"), msg);
    assertTrue(msg.contains("seed.sha512"), msg);
    assertFalse(Files.exists(store.seed(NAME)));
    assertFalse(Files.exists(store.seed(NAME).resolveSibling(NAME + ".part")));
    assertFalse(Files.exists(store.seedRecord(NAME)));
  }

  @Test
  void aServerErrorIsRetried() throws Exception {
    server.then(Mode.status(500));
    assertStored(fetch(sha512));
    assertEquals(2, server.requests.size());
    assertTrue(lines.stream().anyMatch(l -> l.startsWith(NAME + ": HTTP 500; retrying in 10 ms")), lines.toString());
  }

  @Test
  void retriesAreBounded() throws Exception {
    server.then(Mode.status(503), Mode.status(503), Mode.status(503), Mode.status(503));
    SeedException e = assertThrows(SeedException.class, () -> fetch(sha512));
    assertTrue(e.getMessage().contains("failed after 3 attempt(s): HTTP 503"), e.getMessage());
    assertEquals(3, server.requests.size());
    server.requests.clear();
    assertStored(fetch(sha512)); // the 4th scripted 503, then success
  }

  @Test
  void aMissingFileIsNotRetried() throws Exception {
    Seed missing = new Seed(Seed.Kind.URL, server.uri("/nope/" + NAME).toString(), sha512, null, null);
    SeedException e = assertThrows(SeedException.class, () -> fetcher().fetch(missing, store, lines::add));
    assertTrue(e.getMessage().contains("HTTP 404"), e.getMessage());
    assertEquals(1, server.requests.size());
  }

  @Test
  void anUntrustedCertificateIsNotRetried() throws Exception {
    // production's default TLS context does not trust the test's self-signed certificate
    SeedFetcher untrusting = SeedFetcher.builder().attempts(3).backoff(Duration.ofMillis(10), Duration.ofMillis(10))
        .build();
    SeedException e = assertThrows(SeedException.class, () -> untrusting.fetch(urlSeed(sha512), store, lines::add));
    assertTrue(e.getMessage().contains("certificate is not trusted"), e.getMessage());
    assertTrue(server.requests.isEmpty());
    assertTrue(lines.stream().noneMatch(l -> l.contains("retrying")), lines.toString());
  }

  @Test
  void aStalledTransferIsAbandonedAndResumed() throws Exception {
    // the server goes quiet for 20 s; the 500 ms stall timeout abandons it long before
    server.then(Mode.stallAfter(MIB, 20_000));
    long start = System.nanoTime();
    assertStored(fetch(sha512));
    assertTrue(System.nanoTime() - start < Duration.ofSeconds(15).toNanos(), "did not wait for the stalled server: " + lines);
    assertEquals(2, server.requests.size());
    assertTrue(lines.stream().anyMatch(l -> l.contains("no data for 500 ms")), lines.toString());
    assertTrue(String.valueOf(server.requests.get(1).range()).startsWith("bytes="), server.requests.toString());
  }

  @Test
  void aVerifiedSeedInTheStoreIsNotDownloadedAgain() throws Exception {
    assertTrue(fetch(sha512).downloaded());
    server.requests.clear();
    lines.clear();
    SeedFetcher.Stored again = fetch(sha512);
    assertStored(again);
    assertFalse(again.downloaded());
    assertEquals(List.of(), server.requests, "no request at all");
    // a touched file is hashed again, still not downloaded
    Files.setLastModifiedTime(again.file(), FileTime.fromMillis(0));
    assertFalse(fetch(sha512).downloaded());
    assertEquals(List.of(), server.requests);
    assertTrue(lines.stream().anyMatch(l -> l.contains("checking the SHA-512")), lines.toString());
  }

  @Test
  void aCorruptedSeedInTheStoreIsReplaced() throws Exception {
    fetch(sha512);
    server.requests.clear();
    byte[] bad = DATA.clone();
    bad[5] ^= 1;
    Files.write(store.seed(NAME), bad);
    SeedFetcher.Stored s = fetch(sha512);
    assertTrue(s.downloaded());
    assertStored(s);
    assertEquals(1, server.requests.size());
  }

  @Test
  void parallelFetchesOfOneSeedDownloadOnce() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(3);
    try {
      List<Future<SeedFetcher.Stored>> fs = List.of(1, 2, 3).stream()
          .map(i -> pool.submit(() -> fetcher().fetch(urlSeed(sha512), new Store(store.root(), lines::add),
              lines::add)))
          .toList();
      int downloaded = 0;
      for (Future<SeedFetcher.Stored> f : fs) {
        SeedFetcher.Stored s = f.get();
        assertStored(s);
        downloaded += s.downloaded() ? 1 : 0;
      }
      assertEquals(1, downloaded);
      assertEquals(1, server.requests.size());
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aFileSeedIsCopiedAndVerified() throws Exception {
    Path file = tmp.resolve("project/seeds/" + NAME);
    Files.createDirectories(file.getParent());
    Files.write(file, DATA);
    Seed seed = new Seed(Seed.Kind.FILE, null, sha512, file, null);
    SeedFetcher.Stored s = fetcher().fetch(seed, store, lines::add);
    assertStored(s);
    assertTrue(s.downloaded());
    assertFalse(fetcher().fetch(seed, store, lines::add).downloaded());

    Seed unverified = new Seed(Seed.Kind.FILE, null, null, file, null);
    assertEquals(sha512, fetcher().fetch(unverified, store, lines::add).sha512(), "the digest is computed");

    Seed wrong = new Seed(Seed.Kind.FILE, null, "cd".repeat(64), file, null);
    SeedException e = assertThrows(SeedException.class, () -> fetcher().fetch(wrong, store, lines::add));
    assertTrue(e.getMessage().contains("expected " + "cd".repeat(64)) && e.getMessage().contains("got " + sha512),
        e.getMessage());
    assertTrue(Files.exists(file), "the project's file is never deleted");
    assertEquals(List.of(), server.requests);
  }

  @Test
  void aChangedFileSeedReplacesTheStoredCopy() throws Exception {
    Path file = tmp.resolve("project/seeds/" + NAME);
    Files.createDirectories(file.getParent());
    Files.write(file, new byte[] {1, 2, 3});
    fetcher().fetch(new Seed(Seed.Kind.FILE, null, null, file, null), store, lines::add);
    Files.write(file, DATA);
    SeedFetcher.Stored s = fetcher().fetch(new Seed(Seed.Kind.FILE, null, null, file, null), store, lines::add);
    assertTrue(s.downloaded());
    assertStored(s);
  }

  @Test
  void anArtifactIsCopiedUnderThePlansName() throws Exception {
    Path jar = tmp.resolve("repo/base-os-1.4.0-stage4.tar.xz");
    Files.createDirectories(jar.getParent());
    Files.write(jar, DATA);
    SeedFetcher.Stored s = fetcher().fetchArtifact(jar, "com.example.base-os-1.4.0.tar.xz", store, lines::add);
    assertEquals(store.seed("com.example.base-os-1.4.0.tar.xz"), s.file());
    assertEquals(sha512, s.sha512());
    assertEquals("osb-seeds/com.example.base-os-1.4.0.tar.xz", s.subpath());
    assertThrows(IllegalArgumentException.class, () -> fetcher().fetch(
        new Seed(Seed.Kind.ARTIFACT, null, null, null, "com.example:base-os:1.4.0"), store, lines::add));
  }

  @Test
  void aUrlSeedWithoutDigestIsRefused() {
    SeedException e = assertThrows(SeedException.class, () -> fetch(null));
    assertTrue(e.getMessage().contains("seed.sha512"), e.getMessage());
    assertEquals(List.of(), server.requests);
  }

  @Test
  void urlsAreShownWithoutCredentialsOrQuery() {
    assertEquals("https://example.org/a/b.tar.xz?...",
        Download.display(java.net.URI.create("https://user:secret@example.org/a/b.tar.xz?token=abc")));
    assertThrows(IllegalArgumentException.class, () -> SeedFetcher.proxySelector("http://u:p@proxy:3128", null));
    var sel = SeedFetcher.proxySelector("http://proxy.example:3128", "localhost,.internal.example");
    assertEquals("HTTP @ proxy.example/<unresolved>:3128",
        sel.select(java.net.URI.create("https://distfiles.gentoo.org/x")).get(0).toString());
    assertEquals(java.net.Proxy.NO_PROXY, sel.select(java.net.URI.create("https://mirror.internal.example/x")).get(0));
    assertEquals(null, SeedFetcher.proxySelector(" ", null));
  }
}
