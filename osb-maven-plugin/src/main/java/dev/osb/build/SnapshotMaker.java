package dev.osb.build;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Makes the ::gentoo snapshot of a pinned commit in the store, verified, once:
 *
 * <ol>
 *   <li>{@code git fetch --depth=1 <repo> <treeish>} into the bare repository
 *       {@code <store>/repos/gentoo.git} (created once; skipped when the commit is already
 *       there), with {@code GIT_TERMINAL_PROMPT=0};
 *   <li>{@code git verify-commit --raw <treeish>} with a throw-away {@code GNUPGHOME} (0700) that
 *       holds only the keys of the trusted key file (the Gentoo release key,
 *       {@code /usr/share/openpgp-keys/gentoo-release.asc} on Gentoo): the gpg status lines must
 *       show a GOODSIG and a VALIDSIG by a key of that file, and no BADSIG, ERRSIG, EXPSIG,
 *       EXPKEYSIG or REVKEYSIG; an unsigned commit is refused;
 *   <li>{@code git archive --format=tar <treeish>} into {@code snapshots/gentoo-<treeish>.tar}
 *       (through a {@code .part} file and an atomic move): the portage image's build context;
 *   <li>{@code tar2sqfs -q -f -j1 -c gzip} (squashfs-tools-ng, as catalyst runs it) from that tar
 *       into {@code snapshots/gentoo-<treeish>.sqfs}, also through a {@code .part} file.
 * </ol>
 *
 * <p>When both files exist, nothing runs. Everything happens under the snapshot's
 * {@link Locks#snapshot lock} and a lock of the bare repository. The repository URL must be
 * {@code https://} or {@code file://} (a local mirror, and the tests); credentials in it are never
 * printed. The treeish must be a full commit id, 40 lowercase hex digits.
 *
 * <p>Without {@code tar2sqfs} on PATH, {@link #ensure} fails with a message saying to install
 * squashfs-tools-ng; the Mojo can instead call {@link #ensureTar} and run {@link #sqfsCommand}
 * inside the catalyst image through a runner.
 */
public final class SnapshotMaker {

  /** The bare repository below the store. */
  public static final String REPO = "repos/gentoo.git";

  /** What {@link #ensure} says when tar2sqfs is missing. */
  public static final String NO_TAR2SQFS = "tar2sqfs is not on PATH: install squashfs-tools-ng"
      + " (Debian/Ubuntu: apt-get install squashfs-tools-ng; Fedora: dnf install squashfs-tools-ng;"
      + " Gentoo: emerge sys-fs/squashfs-tools-ng)";

  private static final Pattern TREEISH = Pattern.compile("[0-9a-f]{40}");
  private static final Set<String> REFUSED = Set.of("BADSIG", "ERRSIG", "EXPSIG", "EXPKEYSIG", "REVKEYSIG",
      "NO_PUBKEY");

  /** A finished command: exit code ({@code -1}: timed out) and its output (stdout and stderr). */
  public record Result(int exit, String output) {}

  /** Runs one command; the tests count the calls. */
  @FunctionalInterface
  public interface Executor {
    /**
     * @param argv the command
     * @param environment variables added to the inherited environment
     * @param stdin a file for standard input, or null for {@code /dev/null}
     * @param timeout how long it may run
     */
    Result run(List<String> argv, Map<String, String> environment, Path stdin, Duration timeout)
        throws IOException, InterruptedException;
  }

  private final Executor executor;
  private final Function<String, Optional<Path>> which;
  private final Duration fetchTimeout;

  /**
   * @param executor runs git, gpg and tar2sqfs
   * @param which finds a command on PATH ({@code tar2sqfs})
   * @param fetchTimeout how long the fetch and tar2sqfs may take
   */
  public SnapshotMaker(Executor executor, Function<String, Optional<Path>> which, Duration fetchTimeout) {
    this.executor = Objects.requireNonNull(executor, "executor");
    this.which = Objects.requireNonNull(which, "which");
    this.fetchTimeout = Objects.requireNonNull(fetchTimeout, "fetchTimeout");
  }

  /** This machine: processes started directly, PATH searched, a 1 hour limit for the fetch. */
  public static SnapshotMaker create() {
    dev.osb.build.run.Host host = dev.osb.build.run.Host.system();
    return new SnapshotMaker(SnapshotMaker::exec, host::which, Duration.ofHours(1));
  }

  /** {@code snapshots/gentoo-<treeish>.tar}, the portage image's build context file. */
  public static Path tar(Store store, String treeish) {
    return store.snapshot(treeish).resolveSibling("gentoo-" + treeish + ".tar");
  }

  /**
   * The tar and the squashfs of {@code treeish}, made and verified when missing.
   *
   * @return {@code snapshots/gentoo-<treeish>.sqfs}
   * @throws SnapshotException a bad treeish or URL, a failed fetch, a signature that does not
   *     verify, a failed archive or tar2sqfs, or tar2sqfs missing ({@link #NO_TAR2SQFS})
   */
  @SuppressWarnings("try") // the locks are held for the whole body
  public Path ensure(String repoUrl, String treeish, Path trustedKeys, Store store, Progress progress)
      throws SnapshotException, IOException, InterruptedException {
    checkTreeish(treeish);
    Path sqfs = store.snapshot(treeish);
    try (Locks.Held held = store.locks().acquire(keys(treeish))) {
      Path tar = makeTar(repoUrl, treeish, trustedKeys, store, progress);
      if (exists(sqfs)) {
        return sqfs;
      }
      if (which.apply("tar2sqfs").isEmpty()) {
        throw new SnapshotException("cannot make the snapshot " + sqfs + ": " + NO_TAR2SQFS);
      }
      Path part = sqfs.resolveSibling(sqfs.getFileName() + ".part");
      Files.deleteIfExists(part);
      progress.line("making the squashfs " + sqfs);
      List<String> argv = List.of("tar2sqfs", "-q", "-f", "-j1", "-c", "gzip", part.toString());
      Result r = executor.run(argv, Map.of(), tar, fetchTimeout);
      if (r.exit() != 0 || !exists(part)) {
        Files.deleteIfExists(part);
        throw new SnapshotException("tar2sqfs failed (exit " + r.exit() + ") making " + sqfs + " from " + tar
            + ": " + tail(r.output()));
      }
      Store.move(part, sqfs);
      progress.line("wrote snapshot " + sqfs);
      return sqfs;
    }
  }

  /**
   * Only the verified plain tar {@code snapshots/gentoo-<treeish>.tar} (fetch, verify, archive
   * when missing); the squashfs is then the caller's ({@link #sqfsCommand}).
   */
  @SuppressWarnings("try") // the locks are held for the whole body
  public Path ensureTar(String repoUrl, String treeish, Path trustedKeys, Store store, Progress progress)
      throws SnapshotException, IOException, InterruptedException {
    checkTreeish(treeish);
    try (Locks.Held held = store.locks().acquire(keys(treeish))) {
      return makeTar(repoUrl, treeish, trustedKeys, store, progress);
    }
  }

  /**
   * The argv that makes {@code sqfs} from {@code tar} with tar2sqfs where no stdin redirection is
   * available (a runner inside the catalyst image): {@code sh -c 'exec tar2sqfs -q -f -j1 -c
   * gzip "$1" < "$2"' osb-tar2sqfs SQFS TAR}; the paths are arguments, never shell text.
   */
  public static List<String> sqfsCommand(Path tar, Path sqfs) {
    return List.of("sh", "-c", "exec tar2sqfs -q -f -j1 -c gzip \"$1\" < \"$2\"", "osb-tar2sqfs",
        sqfs.toString(), tar.toString());
  }

  private static List<Locks.Key> keys(String treeish) {
    // the bare repository is shared by every treeish: one fetch into it at a time
    return List.of(Locks.snapshot(treeish), Locks.snapshot(REPO));
  }

  private Path makeTar(String repoUrl, String treeish, Path trustedKeys, Store store, Progress progress)
      throws SnapshotException, IOException, InterruptedException {
    Path tar = tar(store, treeish);
    if (exists(tar)) {
      return tar;
    }
    URI uri = checkUrl(repoUrl);
    String shown = redact(uri);
    Path repo = store.root().resolve(REPO);
    Map<String, String> env = Map.of("GIT_TERMINAL_PROMPT", "0");
    if (!exists(repo.resolve("HEAD"))) {
      Files.createDirectories(repo.getParent());
      git(List.of("git", "init", "-q", "--bare", repo.toString()), env, "create " + repo, shown, uri, treeish);
    }
    String gitDir = "--git-dir=" + repo;
    Result has = executor.run(List.of("git", gitDir, "cat-file", "-e", treeish + "^{commit}"), env, null,
        Duration.ofMinutes(1));
    if (has.exit() != 0) {
      progress.line("fetching commit " + treeish + " from " + shown);
      List<String> fetch = new ArrayList<>(List.of("git", gitDir));
      if ("file".equals(uri.getScheme())) {
        fetch.addAll(List.of("-c", "protocol.file.allow=always"));
      }
      fetch.addAll(List.of("fetch", "--quiet", "--no-tags", "--depth=1", repoUrl, treeish));
      git(fetch, env, "fetch", shown, uri, treeish);
      git(List.of("git", gitDir, "update-ref", "refs/osb/" + treeish, treeish), env, "record", shown, uri, treeish);
    }
    String signer = verify(repo, treeish, trustedKeys, shown, uri);
    progress.line("commit " + treeish + " of " + shown + " is signed by " + signer);

    Path part = tar.resolveSibling(tar.getFileName() + ".part");
    Files.createDirectories(tar.getParent());
    Files.deleteIfExists(part);
    git(List.of("git", gitDir, "archive", "--format=tar", "--output=" + part, treeish), env, "archive", shown,
        uri, treeish);
    if (!exists(part)) {
      throw new SnapshotException("git archive of commit " + treeish + " of " + shown + " wrote no " + part);
    }
    Store.move(part, tar);
    progress.line("wrote " + tar);
    return tar;
  }

  /** The fingerprint of the key that made a good signature, or a SnapshotException. */
  private String verify(Path repo, String treeish, Path trustedKeys, String shown, URI uri)
      throws SnapshotException, IOException, InterruptedException {
    if (!Files.isRegularFile(trustedKeys)) {
      throw new SnapshotException("cannot verify commit " + treeish + " of " + shown + ": the trusted key file "
          + trustedKeys + " does not exist");
    }
    Path home = Files.createTempDirectory("osb-gnupg-",
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    Map<String, String> env = new LinkedHashMap<>();
    env.put("GNUPGHOME", home.toString());
    env.put("GIT_TERMINAL_PROMPT", "0");
    try {
      Duration t = Duration.ofMinutes(2);
      Result imp = executor.run(List.of("gpg", "--batch", "--no-tty", "--homedir", home.toString(), "--import",
          trustedKeys.toAbsolutePath().toString()), env, null, t);
      Result list = executor.run(List.of("gpg", "--batch", "--no-tty", "--homedir", home.toString(),
          "--with-colons", "--fingerprint", "--fingerprint", "--list-keys"), env, null, t);
      Set<String> trusted = new HashSet<>();
      for (String line : list.output().split("\n")) {
        String[] f = line.split(":", -1);
        if (f.length > 9 && f[0].equals("fpr") && !f[9].isEmpty()) {
          trusted.add(f[9].toUpperCase(Locale.ROOT));
        }
      }
      if (imp.exit() != 0 || trusted.isEmpty()) {
        throw new SnapshotException("cannot verify commit " + treeish + " of " + shown + ": no public key could be"
            + " imported from " + trustedKeys + ": " + tail(imp.output()));
      }
      Result v = executor.run(List.of("git", "--git-dir=" + repo, "-c", "gpg.program=gpg", "-c",
          "gpg.format=openpgp", "-c", "gpg.minTrustLevel=undefined", "verify-commit", "--raw", treeish), env, null, t);
      List<String> status = new ArrayList<>();
      boolean good = false;
      String valid = null;
      String refused = null;
      for (String line : v.output().split("\n")) {
        if (!line.startsWith("[GNUPG:] ")) {
          continue;
        }
        String s = line.substring(9).strip();
        String[] f = s.split(" ");
        if (!f[0].equals("KEY_CONSIDERED") && !f[0].equals("NEWSIG")) {
          status.add(s);
        }
        if (REFUSED.contains(f[0])) {
          refused = refused == null ? s : refused;
        } else if (f[0].equals("GOODSIG")) {
          good = true;
        } else if (f[0].equals("VALIDSIG") && f.length > 1) {
          String fpr = f[1].toUpperCase(Locale.ROOT);
          String primary = f.length > 10 ? f[10].toUpperCase(Locale.ROOT) : fpr;
          if (trusted.contains(fpr) || trusted.contains(primary)) {
            valid = valid == null ? primary : valid;
          } else {
            refused = refused == null ? "VALIDSIG by " + fpr + ", not a key of " + trustedKeys : refused;
          }
        }
      }
      if (refused != null || !good || valid == null || v.exit() != 0) {
        String said = !status.isEmpty() ? String.join("; ", status)
            : v.output().isBlank() ? "no signature" : "no signature (" + tail(v.output()) + ")";
        throw new SnapshotException("commit " + treeish + " of " + shown + " is not signed by a key of "
            + trustedKeys + "; refusing it. gpg said: " + said);
      }
      return valid;
    } finally {
      try {
        executor.run(List.of("gpgconf", "--homedir", home.toString(), "--kill", "all"), env, null,
            Duration.ofSeconds(20));
      } catch (IOException e) {
        // no gpgconf: nothing was started
      }
      Store.deleteTree(home);
    }
  }

  private void git(List<String> argv, Map<String, String> env, String step, String shown, URI uri, String treeish)
      throws SnapshotException, IOException, InterruptedException {
    Result r = executor.run(argv, env, null, fetchTimeout);
    if (r.exit() != 0) {
      throw new SnapshotException("git " + step + " failed (exit " + r.exit() + ") for commit " + treeish + " of "
          + shown + ": " + tail(scrub(r.output(), uri)));
    }
  }

  private static void checkTreeish(String treeish) throws SnapshotException {
    if (treeish == null || !TREEISH.matcher(treeish).matches()) {
      throw new SnapshotException("snapshot treeish '" + treeish + "' is not a full commit id (40 lowercase hex"
          + " digits)");
    }
  }

  private static URI checkUrl(String url) throws SnapshotException {
    URI uri;
    try {
      uri = new URI(Objects.requireNonNull(url, "repoUrl"));
    } catch (URISyntaxException e) {
      throw new SnapshotException("the snapshot repository is not a URL: " + e.getReason());
    }
    if (!fetchable(uri)) {
      throw new SnapshotException("the snapshot repository " + redact(uri)
          + " is not an https:// or file:// URL (without a fragment)");
    }
    return uri;
  }

  /**
   * Whether git may be given {@code uri} to fetch from: {@code https://} with a host, or
   * {@code file://} with an absolute path (a local mirror, and the tests); no fragment, and
   * nothing git could read as an option.
   */
  static boolean fetchable(URI uri) {
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    boolean https = scheme.equals("https") && uri.getHost() != null;
    boolean file = scheme.equals("file") && uri.getPath() != null && uri.getPath().startsWith("/");
    return (https || file) && uri.getFragment() == null && !uri.toString().startsWith("-");
  }

  /**
   * Command output with the URL's credentials replaced by {@code ***}: the whole user info, and
   * the password on its own (git may print the URL without it, or only the user).
   */
  static String scrub(String output, URI uri) {
    String info = uri.getRawUserInfo();
    if (info == null || info.isEmpty()) {
      return output;
    }
    String out = output.replace(info, "***");
    int colon = info.indexOf(':');
    if (colon >= 0 && colon < info.length() - 1) {
      out = out.replace(info.substring(colon + 1), "***");
    }
    return out;
  }

  /** A repository URL for display: user info replaced by {@code ***}; an unparsable one withheld. */
  public static String redact(String url) {
    try {
      return redact(new URI(url));
    } catch (URISyntaxException e) {
      return "(the snapshot repository, not a valid URL)";
    }
  }

  /** The URL with any user info replaced by {@code ***}. */
  static String redact(URI uri) {
    if (uri.getRawUserInfo() == null) {
      return uri.toString();
    }
    return uri.toString().replace(uri.getRawUserInfo() + "@", "***@");
  }

  private static boolean exists(Path p) {
    return Files.exists(p, LinkOption.NOFOLLOW_LINKS);
  }

  /** The last 20 lines. */
  static String tail(String output) {
    List<String> lines = output.strip().lines().toList();
    List<String> last = lines.subList(Math.max(0, lines.size() - 20), lines.size());
    return last.isEmpty() ? "(no output)" : String.join(" | ", last);
  }

  /** The system executor: ProcessBuilder, stderr merged, the output read in the background. */
  static Result exec(List<String> argv, Map<String, String> environment, Path stdin, Duration timeout)
      throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(argv).redirectErrorStream(true)
        .redirectInput(stdin == null ? ProcessBuilder.Redirect.from(new File("/dev/null"))
            : ProcessBuilder.Redirect.from(stdin.toFile()));
    pb.environment().putAll(environment);
    Process p = pb.start();
    CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> {
      try (InputStream in = p.getInputStream()) {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        return "";
      }
    });
    try {
      if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        dev.osb.build.run.ProcessRunner.killTree(p.toHandle(), Duration.ofSeconds(5));
        return new Result(-1, "timed out after " + timeout.toSeconds() + "s");
      }
    } catch (InterruptedException e) {
      dev.osb.build.run.ProcessRunner.killTree(p.toHandle(), Duration.ofSeconds(5));
      throw e;
    }
    String text;
    try {
      text = out.get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      text = "";
    }
    return new Result(p.exitValue(), text);
  }
}
