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
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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

  private static Path gnupg;
  private static Path trusted;
  private static String url;
  private static String signed;
  private static String unsigned;
  private static String otherKey;
  private static String tampered;

  private static Map<String, String> env() {
    Map<String, String> env = new HashMap<>();
    env.put("GNUPGHOME", gnupg.toString());
    env.put("GIT_CONFIG_GLOBAL", "/dev/null");
    env.put("GIT_CONFIG_NOSYSTEM", "1");
    env.put("GIT_AUTHOR_DATE", "2026-01-01T00:00:00Z");
    env.put("GIT_COMMITTER_DATE", "2026-01-01T00:00:00Z");
    return env;
  }

  private static String run(Path dir, String... argv) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(argv).directory(dir.toFile()).redirectErrorStream(true);
    pb.environment().putAll(env());
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.waitFor(), String.join(" ", argv) + ": " + out);
    return out.strip();
  }

  private static String fingerprint(String uid) throws Exception {
    for (String line : run(fixture, "gpg", "--batch", "--with-colons", "--fingerprint", "--list-keys", uid)
        .split("\n")) {
      if (line.startsWith("fpr:")) {
        return line.split(":")[9];
      }
    }
    throw new AssertionError("no fingerprint for " + uid);
  }

  private static String commit(Path repo, String key, String message) throws Exception {
    List<String> argv = new ArrayList<>(List.of("git", "-c", "user.name=OSB Test", "-c", "user.email=test@osb.invalid",
        "-c", "gpg.program=gpg"));
    if (key != null) {
      argv.addAll(List.of("-c", "user.signingkey=" + key));
    }
    argv.addAll(List.of("commit", "-q", "--allow-empty", "-m", message));
    if (key != null) {
      argv.add("-S");
    }
    run(repo, argv.toArray(String[]::new));
    return run(repo, "git", "rev-parse", "HEAD");
  }

  @BeforeAll
  static void repository() throws Exception {
    gnupg = Files.createDirectory(fixture.resolve("gnupg"),
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    run(fixture, "gpg", "--batch", "--passphrase", "", "--quick-gen-key", "OSB Test <test@osb.invalid>", "ed25519",
        "sign", "never");
    run(fixture, "gpg", "--batch", "--passphrase", "", "--quick-gen-key", "Other <other@osb.invalid>", "ed25519",
        "sign", "never");
    String test = fingerprint("test@osb.invalid");
    String other = fingerprint("other@osb.invalid");
    trusted = fixture.resolve("trusted.asc");
    Files.writeString(trusted, run(fixture, "gpg", "--batch", "--armor", "--export", test) + "\n");

    Path src = Files.createDirectories(fixture.resolve("src"));
    run(src, "git", "init", "-q", "-b", "master");
    EbuildRepos.write(src, "gentoo", "", null);
    run(src, "git", "add", ".");
    signed = commit(src, test, "signed");
    unsigned = commit(src, null, "unsigned");
    otherKey = commit(src, other, "other key");
    // the signed commit with another message: the signature no longer matches
    String text = run(src, "git", "cat-file", "commit", signed) + "\n";
    Path bad = fixture.resolve("bad-commit");
    Files.writeString(bad, text.replace("\nsigned\n", "\nsigned, then altered\n"));
    tampered = run(src, "git", "hash-object", "-t", "commit", "-w", bad.toString());
    run(src, "git", "update-ref", "refs/heads/tampered", tampered);
    url = src.toUri().toString().replaceFirst("^file:/(?!/)", "file:///");
  }

  @AfterAll
  static void stopAgent() throws Exception {
    new ProcessBuilder("gpgconf", "--homedir", gnupg.toString(), "--kill", "all").start().waitFor();
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
    String fpr = fingerprint("test@osb.invalid");
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
