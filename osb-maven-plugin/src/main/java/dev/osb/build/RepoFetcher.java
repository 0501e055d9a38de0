package dev.osb.build;

import dev.osb.model.OsConfig;
import dev.osb.model.Repo;
import dev.osb.plan.Build;
import dev.osb.plan.Layout;
import dev.osb.plan.Plan;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Puts the git overlays of a plan (os.yaml {@code repos} entries with {@code uri},
 * {@code sync: git} and a pinned {@code commit}) into the store, once each:
 *
 * <ol>
 *   <li>{@code git fetch --depth=1 <uri> <commit>} into the bare repository
 *       {@code <store>/repos/overlays/<16 hex of sha256(uri without credentials)>.git} (created
 *       once; skipped when the commit is already there), with {@code GIT_TERMINAL_PROMPT=0};
 *   <li>the commit's {@code profiles/repo_name} must be the repository's name: catalyst mounts a
 *       repository at {@code /var/db/repos/<its repo_name>}, where the profile ({@code repo:path})
 *       and the repos.conf OSB ships for {@code keep: true} expect it;
 *   <li>{@code git archive --format=tar <commit>} into {@code <store>/repos/<name>-<commit>.tar},
 *       through a {@code .part} file and an atomic move.
 * </ol>
 *
 * <p>When the tar exists, nothing runs. The runners unpack it, root-owned, to
 * {@code /osb/input/repos/<name>} (the spec's {@code repos} entry) before catalyst starts
 * ({@code --repo NAME TAR} of {@link dev.osb.build.run.InputScripts}). The commit is not verified
 * by a signature, as the ::gentoo snapshot is: the pinned commit id is the integrity check (it is
 * the hash of the tree git archives). Everything happens under {@link Locks#repo} locks of the
 * bare repository and of the tar. The URL must be {@code https://} or {@code file://} (a local
 * mirror, and the tests); credentials in it are never printed.
 */
public final class RepoFetcher {

  /** The bare repositories below the store. */
  public static final String OVERLAYS = "repos/overlays";

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_-]*");
  private static final Pattern COMMIT = Pattern.compile("[0-9a-f]{40}");
  private static final Duration SHORT = Duration.ofMinutes(2);

  /**
   * One git overlay at its pinned commit.
   *
   * @param name the os.yaml {@code name}
   * @param uri the os.yaml {@code uri}
   * @param commit the pinned commit, 40 lowercase hex digits
   * @param where its os.yaml place ({@code os.yaml:12:5}) for messages, or null
   */
  public record Pinned(String name, String uri, String commit, String where) {

    public Pinned {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(uri, "uri");
      Objects.requireNonNull(commit, "commit");
    }

    /** A git repository of the configuration, its place shown relative to {@code base}. */
    public static Pinned of(Repo r, Path base) {
      if (!r.isGit()) {
        throw new IllegalArgumentException("repository '" + r.name() + "' is not a git repository");
      }
      return new Pinned(r.name(), r.uri(), r.commit(), r.location() == null ? null : r.location().format(base));
    }
  }

  private final SnapshotMaker.Executor executor;
  private final Duration fetchTimeout;

  /**
   * @param executor runs git
   * @param fetchTimeout how long a fetch and an archive may take
   */
  public RepoFetcher(SnapshotMaker.Executor executor, Duration fetchTimeout) {
    this.executor = Objects.requireNonNull(executor, "executor");
    this.fetchTimeout = Objects.requireNonNull(fetchTimeout, "fetchTimeout");
  }

  /** This machine: processes started directly, a 1 hour limit for a fetch. */
  public static RepoFetcher create() {
    return new RepoFetcher(SnapshotMaker::exec, Duration.ofHours(1));
  }

  // ------------------------------------------------------------------ which repositories

  /**
   * The git repositories build {@code b}'s spec names below {@code /osb/input/repos/}, in spec
   * order, from the configuration it was planned from: a variant's own, else {@code os}.
   */
  public static List<Repo> used(Build b, OsConfig os) {
    String repos = b.value("repos");
    if (repos == null) {
      return List.of();
    }
    OsConfig c = os;
    if (b.kind() == Build.Kind.VARIANT && os.variants().get(b.id()) != null) {
      c = os.variants().get(b.id());
    }
    String prefix = Layout.input("repos/");
    List<Repo> out = new ArrayList<>();
    for (String item : repos.split(" ")) {
      if (!item.startsWith(prefix)) {
        continue;
      }
      String name = item.substring(prefix.length());
      Repo found = null;
      for (Repo r : c.repos()) {
        if (r.isGit() && r.name().equals(name)) {
          found = r;
        }
      }
      if (found == null) {
        throw new IllegalStateException("build '" + b.id() + "' names " + item + " but its configuration has no git"
            + " repository '" + name + "'");
      }
      out.add(found);
    }
    return out;
  }

  /** Every git repository the plan's builds use, each name and commit once, in build order. */
  public static List<Pinned> pinned(Plan plan, OsConfig os, Path base) {
    Map<String, Pinned> out = new LinkedHashMap<>();
    for (Build b : plan.builds()) {
      for (Repo r : used(b, os)) {
        out.putIfAbsent(r.name() + "\n" + r.commit(), Pinned.of(r, base));
      }
    }
    return List.copyOf(out.values());
  }

  // ------------------------------------------------------------------ store paths

  /** {@code <store>/repos/<name>-<commit>.tar}, what the runner unpacks. */
  public static Path tar(Path storeRoot, String name, String commit) {
    if (!NAME.matcher(name).matches() || !COMMIT.matcher(commit).matches()) {
      throw new IllegalArgumentException("not a repository name and commit: '" + name + "', '" + commit + "'");
    }
    return storeRoot.toAbsolutePath().normalize().resolve("repos").resolve(name + "-" + commit + ".tar");
  }

  /** {@link #tar(Path, String, String)} of {@code store}. */
  public static Path tar(Store store, String name, String commit) {
    return tar(store.root(), name, commit);
  }

  /** The bare repository a URL is fetched into: {@code repos/overlays/<16 hex>.git}. */
  static Path bare(Store store, URI uri) {
    String plain = uri.getRawUserInfo() == null ? uri.toString() : uri.toString().replace(uri.getRawUserInfo() + "@", "");
    String hash = HexFormat.of().formatHex(Fingerprint.sha256().digest(plain.getBytes(StandardCharsets.UTF_8)));
    return store.root().resolve(OVERLAYS).resolve(hash.substring(0, 16) + ".git");
  }

  // ------------------------------------------------------------------ fetching

  /**
   * The tar of {@code repo} at its commit, fetched and archived when missing.
   *
   * @return {@code <store>/repos/<name>-<commit>.tar}
   * @throws RepoException a bad name, commit or URL, a failed fetch, a {@code profiles/repo_name}
   *     that does not name the repository, a failed archive
   */
  @SuppressWarnings("try") // the locks are held for the whole body
  public Path ensure(Pinned repo, Store store, Progress progress)
      throws RepoException, IOException, InterruptedException {
    String at = (repo.where() == null ? "" : repo.where() + ": ") + "repository '" + repo.name() + "'";
    if (!NAME.matcher(repo.name()).matches()) {
      throw new RepoException(at + ": the name is not a repository name ([A-Za-z0-9_][A-Za-z0-9_-]*)");
    }
    if (!COMMIT.matcher(repo.commit()).matches()) {
      throw new RepoException(at + ": commit '" + repo.commit() + "' is not a full commit id (40 lowercase hex"
          + " digits); pin it with commit: <the 40-hex id git log shows>");
    }
    Path tar = tar(store, repo.name(), repo.commit());
    if (exists(tar)) {
      return tar;
    }
    URI uri;
    try {
      uri = new URI(repo.uri());
    } catch (URISyntaxException e) {
      throw new RepoException(at + ": uri is not a URL (" + e.getReason() + "); write uri: https://...");
    }
    String shown = SnapshotMaker.redact(uri);
    if (!SnapshotMaker.fetchable(uri)) {
      throw new RepoException(at + ": uri " + shown + " is not an https:// or file:// URL (without a fragment);"
          + " write uri: https://...");
    }
    String what = at + ", commit " + repo.commit() + " of " + shown;
    Path bare = bare(store, uri);
    List<Locks.Key> keys = List.of(Locks.repo(store.root().relativize(bare).toString()),
        Locks.repo(store.root().relativize(tar).toString()));
    try (Locks.Held held = store.locks().acquire(keys)) {
      if (exists(tar)) {
        return tar;
      }
      Map<String, String> env = Map.of("GIT_TERMINAL_PROMPT", "0");
      if (!exists(bare.resolve("HEAD"))) {
        Files.createDirectories(bare.getParent());
        git(List.of("git", "init", "-q", "--bare", bare.toString()), env, SHORT, what, uri,
            "cannot create the bare repository " + bare, "check that the store is writable");
      }
      String gitDir = "--git-dir=" + bare;
      SnapshotMaker.Result has = executor.run(List.of("git", gitDir, "cat-file", "-e", repo.commit() + "^{commit}"),
          env, null, SHORT);
      if (has.exit() != 0) {
        progress.line("fetching repository '" + repo.name() + "', commit " + repo.commit() + " of " + shown);
        List<String> fetch = new ArrayList<>(List.of("git", gitDir));
        if ("file".equalsIgnoreCase(uri.getScheme())) {
          fetch.addAll(List.of("-c", "protocol.file.allow=always"));
        }
        fetch.addAll(List.of("fetch", "--quiet", "--no-tags", "--depth=1", repo.uri(), repo.commit()));
        git(fetch, env, fetchTimeout, what, uri, "cannot fetch it",
            "check that the URL is right and reachable from this machine (network, proxy, credentials) and that the"
                + " commit is pushed to that repository (the full 40-hex id of a commit on one of its branches or"
                + " tags)");
        Files.deleteIfExists(bare.resolve("FETCH_HEAD"));
        git(List.of("git", gitDir, "update-ref", "refs/osb/" + repo.commit(), repo.commit()), env, SHORT, what, uri,
            "cannot record it in " + bare, "check that the store is writable");
      }
      SnapshotMaker.Result named = executor.run(List.of("git", gitDir, "cat-file", "blob",
          repo.commit() + ":profiles/repo_name"), env, null, SHORT);
      if (named.exit() != 0) {
        throw new RepoException(what + " has no profiles/repo_name: catalyst names a repository by it; add"
            + " profiles/repo_name containing '" + repo.name() + "' to the repository and pin that commit");
      }
      String actual = named.output().strip();
      if (!actual.equals(repo.name())) {
        throw new RepoException(what + " names itself '" + visible(actual) + "' in profiles/repo_name:"
            + " catalyst mounts it at /var/db/repos/" + visible(actual) + ", not /var/db/repos/" + repo.name()
            + "; write name: " + visible(actual));
      }
      Path part = tar.resolveSibling(tar.getFileName() + ".part");
      Files.createDirectories(tar.getParent());
      Files.deleteIfExists(part);
      git(List.of("git", gitDir, "archive", "--format=tar", "--output=" + part, repo.commit()), env, fetchTimeout,
          what, uri, "git archive failed", "check that the store " + store.root() + " is writable and has space");
      if (!exists(part)) {
        throw new RepoException(what + ": git archive wrote no " + part);
      }
      Store.move(part, tar);
      progress.line("wrote " + tar);
      return tar;
    }
  }

  private void git(List<String> argv, Map<String, String> env, Duration timeout, String what, URI uri,
      String failed, String check) throws RepoException, IOException, InterruptedException {
    SnapshotMaker.Result r = executor.run(argv, env, null, timeout);
    if (r.exit() != 0) {
      String said = r.exit() == -1 ? r.output() : "exit " + r.exit() + ": "
          + SnapshotMaker.tail(SnapshotMaker.scrub(r.output(), uri));
      throw new RepoException(what + ": " + failed + " (git " + gitVerb(argv) + ", " + said
          + "); " + check);
    }
  }

  /** The git subcommand of an argv ({@code fetch}, {@code archive}, ...). */
  private static String gitVerb(List<String> argv) {
    for (int i = 1; i < argv.size(); i++) {
      String a = argv.get(i);
      if (a.equals("-c")) {
        i++;
      } else if (!a.startsWith("-")) {
        return a;
      }
    }
    return argv.get(0);
  }

  /** At most 64 characters, control characters as {@code ?}. */
  private static String visible(String s) {
    String v = s.codePoints().map(c -> c < 0x20 || c == 0x7f ? '?' : c)
        .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
    return v.length() > 64 ? v.substring(0, 64) + "..." : v;
  }

  private static boolean exists(Path p) {
    return Files.exists(p, LinkOption.NOFOLLOW_LINKS);
  }
}
