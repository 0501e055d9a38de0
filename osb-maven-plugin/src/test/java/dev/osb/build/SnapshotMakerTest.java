package dev.osb.build;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.osb.build.run.Host;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real git and gpg: a test key made at test time, a local repository with a commit signed by it,
 * one unsigned, one signed by another key and one whose signature no longer matches.
 */
class SnapshotMakerTest {

  @TempDir static Path fixture;
  @TempDir Path storeDir;

  private static SignedRepo repo;
  private static Path trusted;
  private static String url;
  private static String signed;
  private static String unsigned;
  private static String otherKey;
  private static String tampered;

  private static String fingerprint() throws Exception {
    return repo.fingerprint(SignedRepo.Signer.TRUSTED);
  }

  @BeforeAll
  static void repository() throws Exception {
    repo = new SignedRepo(fixture);
    trusted = repo.trustedKeys();
    repo.write("profiles/repo_name", "gentoo\n");
    repo.write("metadata/layout.conf", "masters =\nthin-manifests = true\n");
    repo.write("app-misc/hello/hello-1.ebuild", "EAPI=8\n");
    signed = repo.commit(SignedRepo.Signer.TRUSTED, "signed");
    unsigned = repo.commit(SignedRepo.Signer.NONE, "unsigned");
    otherKey = repo.commit(SignedRepo.Signer.OTHER, "other key");
    // the signed commit with another message: the signature no longer matches
    Path src = repo.workTree();
    String text = repo.run(src, "git", "cat-file", "commit", signed) + "\n";
    Path bad = fixture.resolve("bad-commit");
    Files.writeString(bad, text.replace("\nsigned\n", "\nsigned, then altered\n"));
    tampered = repo.run(src, "git", "hash-object", "-t", "commit", "-w", bad.toString());
    repo.run(src, "git", "update-ref", "refs/heads/tampered", tampered);
    url = repo.url();
  }

  @AfterAll
  static void stopAgent() throws Exception {
    repo.close();
  }

  /** The real executor, recording every argv. */
  private final List<List<String>> calls = new CopyOnWriteArrayList<>();

  private SnapshotMaker maker(boolean tar2sqfs) {
    Host host = Host.system();
    return new SnapshotMaker((argv, e, stdin, t) -> {
      calls.add(argv);
      return SnapshotMaker.exec(argv, e, stdin, t);
    }, cmd -> tar2sqfs ? host.which(cmd) : Optional.empty(), Duration.ofMinutes(5));
  }

  private Store store() {
    return new Store(storeDir, Progress.NONE);
  }

  private static String tarList(Path tar) throws Exception {
    Process p = new ProcessBuilder("tar", "-tf", tar.toString()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.waitFor(), out);
    return out;
  }

  @Test
  void signedCommitBecomesTarAndSquashfs() throws Exception {
    Store store = store();
    Path tar = store.root().resolve("snapshots/gentoo-" + signed + ".tar");
    Path sqfs = store.root().resolve("snapshots/gentoo-" + signed + ".sqfs");
    assertEquals(tar, SnapshotMaker.tar(store, signed));
    List<String> lines = new CopyOnWriteArrayList<>();
    boolean have = Host.system().which("tar2sqfs").isPresent();
    if (have) {
      assertEquals(sqfs, maker(true).ensure(url, signed, trusted, store, lines::add));
      try (InputStream in = Files.newInputStream(sqfs)) {
        assertArrayEquals("hsqs".getBytes(StandardCharsets.US_ASCII), in.readNBytes(4));
      }
    } else {
      SnapshotException e = assertThrows(SnapshotException.class,
          () -> maker(true).ensure(url, signed, trusted, store, lines::add));
      assertEquals("cannot make the snapshot " + sqfs + ": " + SnapshotMaker.NO_TAR2SQFS, e.getMessage());
    }
    String list = tarList(tar);
    assertTrue(list.contains("profiles/repo_name"), list);
    assertTrue(list.contains("metadata/layout.conf"), list);
    assertTrue(list.contains("app-misc/hello/hello-1.ebuild"), list);
    assertFalse(Files.exists(tar.resolveSibling(tar.getFileName() + ".part")));
    assertTrue(Files.isDirectory(store.root().resolve("repos/gentoo.git")));
    String fpr = fingerprint();
    assertTrue(lines.stream().anyMatch(l -> l.contains("is signed by " + fpr)), lines.toString());
    assertTrue(calls.stream().anyMatch(a -> a.contains("fetch") && a.contains("--depth=1") && a.contains(signed)));

    if (have) {
      // (e) everything present: no git, no gpg; the bare repository is not recreated
      Store.deleteTree(store.root().resolve("repos"));
      calls.clear();
      assertEquals(sqfs, maker(true).ensure(url, signed, trusted, store, Progress.NONE));
      assertEquals(List.of(), calls);
      assertFalse(Files.exists(store.root().resolve("repos")));
    }
  }

  @Test
  void withoutTar2sqfsTheTarIsMadeAndTheMessageSaysWhatToInstall() throws Exception {
    Store store = store();
    Path sqfs = store.snapshot(signed);
    SnapshotException e = assertThrows(SnapshotException.class,
        () -> maker(false).ensure(url, signed, trusted, store, Progress.NONE));
    assertEquals("cannot make the snapshot " + sqfs + ": " + SnapshotMaker.NO_TAR2SQFS, e.getMessage());
    assertTrue(e.getMessage().contains("install squashfs-tools-ng"));
    assertTrue(Files.exists(SnapshotMaker.tar(store, signed)));
    assertFalse(Files.exists(sqfs));

    // ensureTar alone: already there, no command runs
    calls.clear();
    assertEquals(SnapshotMaker.tar(store, signed), maker(false).ensureTar(url, signed, trusted, store, Progress.NONE));
    assertEquals(List.of(), calls);
  }

  @Test
  void sqfsCommandRunsTar2sqfsWithoutAShellString() throws Exception {
    List<String> argv = SnapshotMaker.sqfsCommand(Path.of("/s/gentoo-x.tar"), Path.of("/s/gentoo-x.sqfs"));
    assertEquals(List.of("sh", "-c", "exec tar2sqfs -q -f -j1 -c gzip \"$1\" < \"$2\"", "osb-tar2sqfs",
        "/s/gentoo-x.sqfs", "/s/gentoo-x.tar"), argv);
  }

  private void assertRefused(String commit, String gpgSays) throws Exception {
    Store store = store();
    SnapshotException e = assertThrows(SnapshotException.class,
        () -> maker(true).ensure(url, commit, trusted, store, Progress.NONE));
    assertTrue(e.getMessage().startsWith("commit " + commit + " of " + url + " is not signed by a key of " + trusted
        + "; refusing it. gpg said: "), e.getMessage());
    assertTrue(e.getMessage().contains(gpgSays), e.getMessage());
    assertFalse(Files.exists(SnapshotMaker.tar(store, commit)));
    assertFalse(Files.exists(store.snapshot(commit)));
    try (var s = Files.list(store.root().resolve("snapshots")).filter(p -> true)) {
      assertEquals(0, s.count());
    } catch (java.nio.file.NoSuchFileException ok) {
      // no snapshots directory at all
    }
  }

  @Test
  void unsignedCommitIsRefused() throws Exception {
    assertRefused(unsigned, "no signature");
  }

  @Test
  void commitSignedByAnotherKeyIsRefused() throws Exception {
    assertRefused(otherKey, "NO_PUBKEY");
  }

  @Test
  void badSignatureIsRefused() throws Exception {
    assertRefused(tampered, "BADSIG");
  }

  @Test
  void treeishMustBeAFullLowercaseCommit() {
    Store store = store();
    for (String t : List.of(signed.substring(0, 12), signed.toUpperCase(), "master", signed + "0", "")) {
      SnapshotException e = assertThrows(SnapshotException.class,
          () -> maker(true).ensure(url, t, trusted, store, Progress.NONE));
      assertTrue(e.getMessage().contains("is not a full commit id (40 lowercase hex digits)"), e.getMessage());
    }
    assertEquals(List.of(), calls);
  }

  @Test
  void onlyHttpsAndFileUrlsAndCredentialsAreNeverPrinted() throws Exception {
    Store store = store();
    for (String u : List.of("ssh://git@example.org/gentoo.git", "http://example.org/gentoo.git",
        "git://example.org/gentoo.git", "/tmp/x", "https://example.org/g.git#frag")) {
      SnapshotException e = assertThrows(SnapshotException.class,
          () -> maker(true).ensure(u, signed, trusted, store, Progress.NONE));
      assertTrue(e.getMessage().contains("is not an https:// or file:// URL"), e.getMessage());
    }
    SnapshotException e = assertThrows(SnapshotException.class, () -> maker(true).ensure(
        "https://osbuser:s3cr3t@127.0.0.1:1/gentoo.git", signed, trusted, store, Progress.NONE));
    assertTrue(e.getMessage().contains("https://***@127.0.0.1:1/gentoo.git"), e.getMessage());
    assertFalse(e.getMessage().contains("s3cr3t"), e.getMessage());
    assertFalse(e.getMessage().contains("osbuser"), e.getMessage());
  }

  @Test
  void missingKeyFileIsReported() throws IOException {
    Store store = store();
    Path none = storeDir.resolve("none.asc");
    SnapshotException e = assertThrows(SnapshotException.class,
        () -> maker(true).ensure(url, signed, none, store, Progress.NONE));
    assertTrue(e.getMessage().contains("the trusted key file " + none + " does not exist"), e.getMessage());
  }
}
