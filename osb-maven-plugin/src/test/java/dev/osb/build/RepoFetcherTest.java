package dev.osb.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real git: an ebuild repository made at test time and fetched through file://, as a local
 * mirror would be. Commits: a good one, a later one, one whose profiles/repo_name names another
 * repository, one without profiles/repo_name.
 */
class RepoFetcherTest {

  static final String WHERE = "os.yaml:31:5";

  @TempDir static Path fixture;
  @TempDir Path storeDir;

  static String url;
  static String good;
  static String later;
  static String renamed;
  static String unnamed;

  static String run(Path dir, String... argv) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(argv).directory(dir.toFile()).redirectErrorStream(true);
    Map<String, String> env = new HashMap<>();
    env.put("GIT_CONFIG_GLOBAL", "/dev/null");
    env.put("GIT_CONFIG_NOSYSTEM", "1");
    env.put("GIT_AUTHOR_DATE", "2026-01-01T00:00:00Z");
    env.put("GIT_COMMITTER_DATE", "2026-01-01T00:00:00Z");
    pb.environment().putAll(env);
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.waitFor(), String.join(" ", argv) + ": " + out);
    return out.strip();
  }

  static String commit(Path repo, String message) throws Exception {
    run(repo, "git", "add", "-A", ".");
    run(repo, "git", "-c", "user.name=OSB Test", "-c", "user.email=test@osb.invalid", "commit", "-q", "--allow-empty",
        "-m", message);
    return run(repo, "git", "rev-parse", "HEAD");
  }

  @BeforeAll
  static void repository() throws Exception {
    Path src = Files.createDirectories(fixture.resolve("site"));
    run(src, "git", "init", "-q", "-b", "main");
    EbuildRepos.write(src, "site", "gentoo", 0755);
    good = commit(src, "hello 1");
    Files.writeString(src.resolve("app-misc/hello/hello-2.ebuild"), "EAPI=8\nSLOT=\"0\"\n");
    later = commit(src, "hello 2");
    Files.writeString(src.resolve("profiles/repo_name"), "other\n");
    renamed = commit(src, "renamed");
    Files.delete(src.resolve("profiles/repo_name"));
    unnamed = commit(src, "unnamed");
    url = src.toUri().toString().replaceFirst("^file:/(?!/)", "file:///");
  }

  /** The real executor, recording every argv. */
  final List<List<String>> calls = new CopyOnWriteArrayList<>();

  RepoFetcher fetcher() {
    return new RepoFetcher((argv, e, stdin, t) -> {
      calls.add(argv);
      assertEquals("0", e.get("GIT_TERMINAL_PROMPT"), "git never asks for a password");
      return SnapshotMaker.exec(argv, e, stdin, t);
    }, Duration.ofMinutes(2));
  }

  Store store() {
    return new Store(storeDir, Progress.NONE);
  }

  static String tarList(Path tar) throws Exception {
    Process p = new ProcessBuilder("tar", "-tvf", tar.toString()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.waitFor(), out);
    return out;
  }

  static List<Path> filesBelow(Path dir) throws Exception {
    if (!Files.exists(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(Files::isRegularFile).toList();
    }
  }

  @Test
  void thePinnedCommitIsFetchedAndArchivedIntoTheStore() throws Exception {
    Store store = store();
    List<String> progress = new CopyOnWriteArrayList<>();
    Path tar = fetcher().ensure(new RepoFetcher.Pinned("site", url, good, WHERE), store, progress::add);

    assertEquals(storeDir.toAbsolutePath().resolve("repos/site-" + good + ".tar"), tar);
    assertEquals(tar, RepoFetcher.tar(store, "site", good));
    String list = tarList(tar);
    for (String f : List.of("profiles/repo_name", "metadata/layout.conf", "app-misc/hello/hello-1.ebuild")) {
      assertTrue(list.contains(f), f + " in\n" + list);
    }
    assertFalse(list.contains("hello-2.ebuild"), "the pinned commit, not the branch head:\n" + list);
    assertTrue(list.lines().anyMatch(l -> l.startsWith("-rwx") && l.endsWith("app-misc/hello/files/hello.sh")),
        "the executable bit is kept:\n" + list);
    assertFalse(Files.exists(tar.resolveSibling(tar.getFileName() + ".part")));

    Path bare = RepoFetcher.bare(store, URI.create(url));
    assertTrue(bare.startsWith(storeDir.toAbsolutePath().resolve("repos/overlays")), bare.toString());
    assertTrue(bare.getFileName().toString().matches("[0-9a-f]{16}\\.git"), bare.toString());
    assertTrue(Files.isRegularFile(bare.resolve("HEAD")), "a bare repository");
    assertFalse(Files.exists(bare.resolve("FETCH_HEAD")), "the fetched URL is not kept");
    List<String> fetch = calls.stream().filter(a -> a.contains("fetch")).findFirst().orElseThrow();
    assertEquals(List.of("git", "--git-dir=" + bare, "-c", "protocol.file.allow=always", "fetch", "--quiet",
        "--no-tags", "--depth=1", url, good), fetch);
    assertEquals(List.of("fetching repository 'site', commit " + good + " of " + url, "wrote " + tar), progress);
  }

  @Test
  void aTarInTheStoreIsReusedWithoutRunningGit() throws Exception {
    Store store = store();
    Path tar = fetcher().ensure(new RepoFetcher.Pinned("site", url, good, WHERE), store, Progress.NONE);
    byte[] before = Files.readAllBytes(tar);
    // even without the bare repository and the URL reachable: the tar is all a build needs
    Store.deleteTree(storeDir.resolve("repos/overlays"));
    calls.clear();
    assertEquals(tar, fetcher().ensure(new RepoFetcher.Pinned("site", "file:///nowhere/site.git", good, WHERE), store,
        Progress.NONE));
    assertEquals(List.of(), calls);
    assertFalse(Files.exists(storeDir.resolve("repos/overlays")));
    assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(tar)));
  }

  @Test
  void anotherCommitOfTheSameRepositoryGetsItsOwnTarFromTheSameBareRepository() throws Exception {
    Store store = store();
    Path first = fetcher().ensure(new RepoFetcher.Pinned("site", url, good, WHERE), store, Progress.NONE);
    Path second = fetcher().ensure(new RepoFetcher.Pinned("site", url, later, WHERE), store, Progress.NONE);
    assertEquals(storeDir.toAbsolutePath().resolve("repos/site-" + later + ".tar"), second);
    assertTrue(tarList(second).contains("hello-2.ebuild"));
    assertFalse(tarList(first).contains("hello-2.ebuild"));
    try (Stream<Path> s = Files.list(storeDir.resolve("repos/overlays"))) {
      assertEquals(1, s.count(), "one bare repository per URL");
    }
  }

  @Test
  void anUnknownCommitIsAClearError() throws Exception {
    Store store = store();
    String unknown = "0123456789abcdef0123456789abcdef01234567";
    RepoException e = assertThrows(RepoException.class,
        () -> fetcher().ensure(new RepoFetcher.Pinned("site", url, unknown, WHERE), store, Progress.NONE));
    String m = e.getMessage();
    assertTrue(m.startsWith(WHERE + ": repository 'site', commit " + unknown + " of " + url
        + ": cannot fetch it (git fetch, exit "), m);
    assertTrue(m.endsWith("; check that the URL is right and reachable from this machine (network, proxy, "
        + "credentials) and that the commit is pushed to that repository (the full 40-hex id of a commit on one of "
        + "its branches or tags)"), m);
    assertFalse(Files.exists(RepoFetcher.tar(store, "site", unknown)));
    assertEquals(List.of(), filesBelow(storeDir.resolve("repos")).stream()
        .filter(p -> p.getFileName().toString().endsWith(".tar") || p.getFileName().toString().endsWith(".part"))
        .toList());
  }

  @Test
  void anUnreachableRepositoryIsAClearError() {
    Store store = store();
    String nowhere = "file://" + fixture.resolve("no-such-repository.git");
    RepoException e = assertThrows(RepoException.class,
        () -> fetcher().ensure(new RepoFetcher.Pinned("site", nowhere, good, WHERE), store, Progress.NONE));
    assertTrue(e.getMessage().startsWith(WHERE + ": repository 'site', commit " + good + " of " + nowhere
        + ": cannot fetch it (git fetch, exit 128: "), e.getMessage());
    assertTrue(e.getMessage().contains("check that the URL is right and reachable"), e.getMessage());
  }

  @Test
  void credentialsAreNeverPrinted() throws Exception {
    Store store = store();
    List<String> progress = new CopyOnWriteArrayList<>();
    String secret = "https://osbuser:s3cr3t@127.0.0.1:1/site.git";
    RepoException e = assertThrows(RepoException.class,
        () -> fetcher().ensure(new RepoFetcher.Pinned("site", secret, good, WHERE), store, progress::add));
    String m = e.getMessage();
    assertTrue(m.startsWith(WHERE + ": repository 'site', commit " + good + " of https://***@127.0.0.1:1/site.git"
        + ": cannot fetch it (git fetch, exit 128: "), m);
    for (String text : List.of(m, String.join("\n", progress))) {
      assertFalse(text.contains("s3cr3t"), text);
      assertFalse(text.contains("osbuser"), text);
    }
    assertTrue(calls.stream().anyMatch(a -> a.contains(secret)), "git itself gets the credentials");
    // the bare repository does not depend on the credentials
    assertEquals(RepoFetcher.bare(store, URI.create("https://127.0.0.1:1/site.git")),
        RepoFetcher.bare(store, URI.create(secret)));
    // what git prints is scrubbed too, the password alone included
    assertEquals("fatal: unable to access 'https://***@h/': no; *** again",
        SnapshotMaker.scrub("fatal: unable to access 'https://osbuser:s3cr3t@h/': no; s3cr3t again",
            URI.create(secret)));
  }

  @Test
  void aRepositoryThatNamesItselfOtherwiseIsRefused() {
    Store store = store();
    RepoException e = assertThrows(RepoException.class,
        () -> fetcher().ensure(new RepoFetcher.Pinned("site", url, renamed, WHERE), store, Progress.NONE));
    assertEquals(WHERE + ": repository 'site', commit " + renamed + " of " + url + " names itself 'other' in "
        + "profiles/repo_name: catalyst mounts it at /var/db/repos/other, not /var/db/repos/site; write name: other",
        e.getMessage());
    assertFalse(Files.exists(RepoFetcher.tar(store, "site", renamed)));

    RepoException none = assertThrows(RepoException.class,
        () -> fetcher().ensure(new RepoFetcher.Pinned("site", url, unnamed, null), store, Progress.NONE));
    assertEquals("repository 'site', commit " + unnamed + " of " + url + " has no profiles/repo_name: catalyst "
        + "names a repository by it; add profiles/repo_name containing 'site' to the repository and pin that commit",
        none.getMessage());
  }

  @Test
  void badNamesCommitsAndUrlsAreRefusedBeforeGitRuns() {
    Store store = store();
    for (String name : List.of("../x", "a/b", "-x", "")) {
      RepoException e = assertThrows(RepoException.class,
          () -> fetcher().ensure(new RepoFetcher.Pinned(name, url, good, WHERE), store, Progress.NONE));
      assertTrue(e.getMessage().contains("the name is not a repository name"), e.getMessage());
    }
    for (String commit : List.of(good.substring(0, 12), good.toUpperCase(), "main", good + "0")) {
      RepoException e = assertThrows(RepoException.class,
          () -> fetcher().ensure(new RepoFetcher.Pinned("site", url, commit, WHERE), store, Progress.NONE));
      assertTrue(e.getMessage().startsWith(WHERE + ": repository 'site': commit '" + commit + "' is not a full commit"
          + " id (40 lowercase hex digits)"), e.getMessage());
    }
    for (String u : List.of("ssh://git@example.org/site.git", "http://example.org/site.git",
        "git://example.org/site.git", "/srv/site.git", "https://example.org/site.git#main")) {
      RepoException e = assertThrows(RepoException.class,
          () -> fetcher().ensure(new RepoFetcher.Pinned("site", u, good, WHERE), store, Progress.NONE));
      assertTrue(e.getMessage().contains("is not an https:// or file:// URL (without a fragment); write uri: "
          + "https://..."), e.getMessage());
      assertFalse(e.getMessage().contains("git@"), "no user info: " + e.getMessage());
    }
    assertEquals(List.of(), calls);
  }
}
