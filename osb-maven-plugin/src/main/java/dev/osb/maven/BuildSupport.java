package dev.osb.maven;

import dev.osb.build.ImageBuilder;
import dev.osb.build.Progress;
import dev.osb.build.RepoException;
import dev.osb.build.RepoFetcher;
import dev.osb.build.SnapshotMaker;
import dev.osb.build.Store;
import dev.osb.build.run.Host;
import dev.osb.build.run.Mounts;
import dev.osb.build.run.ProcessRunner;
import dev.osb.build.run.StepFailedException;
import dev.osb.model.OsConfig;
import dev.osb.model.Repo;
import dev.osb.model.User;
import dev.osb.plan.Build;
import dev.osb.plan.Layout;
import dev.osb.plan.Plan;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.TreeMap;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;

/** What osb:plan, osb:build and osb:package share: the runner's name, its arguments and mounts, digests. */
final class BuildSupport {

  private BuildSupport() {}

  /** The runner: {@code -Dosb.runner} when set, else os.yaml {@code build.runner}. */
  static String runnerName(String runner, OsConfig os) throws MojoFailureException {
    if (runner == null || runner.isBlank()) {
      return os.build().runner().id();
    }
    String r = runner.trim().toLowerCase(Locale.ROOT);
    if (!List.of("podman", "docker", "native").contains(r)) {
      throw new MojoFailureException("<runner> / -D" + PropertyNames.RUNNER + " is '" + runner
          + "'; use podman, docker or native (or leave it unset for os.yaml build.runner)");
    }
    return r;
  }

  /** catalyst's arguments for a build, paths as seen inside the layout. */
  static List<String> catalystArgs(Build b) {
    return List.of("-c", Layout.out(b.conf()), "-f", Layout.out("specs/" + b.id() + ".spec"));
  }

  /**
   * What the runner prepares for a build besides the portage trees: the git overlays its spec
   * names below {@code /osb/input/repos/} (their tars in the store, see {@link #fetchRepos}) and
   * the root overlay of a stage4 or variant.
   */
  static Mounts mounts(Mounts base, Build b, OsConfig os, Path projectRoot) {
    Mounts m = base;
    for (Repo r : RepoFetcher.used(b, os)) {
      m = m.withRepo(r.name(), RepoFetcher.tar(base.store(), r.name(), r.commit()));
    }
    if (b.value("stage4/root_overlay") == null) {
      return m;
    }
    OsConfig c = b.kind() == Build.Kind.VARIANT && os.variants().get(b.id()) != null ? os.variants().get(b.id()) : os;
    Path overlay = c.files() == null ? null : c.files().overlay();
    if (overlay == null) {
      return m.withOverlay(b.id(), "");
    }
    return m.withOverlay(b.id(), projectRoot.relativize(overlay.toAbsolutePath().normalize()).toString());
  }

  /**
   * Puts every git overlay the plan's builds use into the store at its pinned commit
   * ({@link RepoFetcher}: fetched once, archived to {@code repos/<name>-<commit>.tar}), before
   * any build runs, so a bad URL or commit fails before hours of catalyst.
   */
  static void fetchRepos(Plan plan, OsConfig os, Path projectRoot, Store store, RepoFetcher fetcher,
      Progress progress, BuildLog log) throws MojoFailureException, MojoExecutionException {
    for (RepoFetcher.Pinned r : RepoFetcher.pinned(plan, os, projectRoot)) {
      try {
        Path tar = fetcher.ensure(r, store, progress);
        log.info("osb:build: repository " + r.name() + " at commit " + r.commit() + ": " + tar);
      } catch (RepoException e) {
        throw new MojoFailureException("osb:build: " + e.getMessage());
      } catch (IOException e) {
        throw new MojoExecutionException("osb:build: cannot put repository " + r.name() + " into the store "
            + store.root() + ": " + e.getMessage(), e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new MojoExecutionException("osb:build: interrupted while fetching repository " + r.name(), e);
      }
    }
  }

  /** What osb:plan says about each git overlay: in the store, or fetched when the build runs. */
  static List<String> planRepos(Plan plan, OsConfig os, Path projectRoot, Store store) {
    List<String> lines = new ArrayList<>();
    for (RepoFetcher.Pinned r : RepoFetcher.pinned(plan, os, projectRoot)) {
      Path tar = RepoFetcher.tar(store, r.name(), r.commit());
      if (Files.isRegularFile(tar)) {
        lines.add("osb:plan: the repository " + r.name() + " at commit " + r.commit() + " is in the store: " + tar);
      } else {
        lines.add("osb:plan: the repository " + r.name() + " would be fetched: commit " + r.commit() + " from "
            + SnapshotMaker.redact(r.uri()) + " (git fetch --depth=1), archived to " + tar + " and unpacked to "
            + Layout.input("repos/" + r.name()) + "; not verified by a signature: the pinned commit is the check");
      }
    }
    return lines;
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Whether StageVerifier checks the build's output: the stage4 and its variants. */
  static boolean verified(Build b) {
    return "stage4".equals(b.target());
  }

  /** {@code osb.container.flags} split at whitespace; empty means no extra flags. */
  static List<String> containerFlags(String flags) {
    if (flags == null || flags.isBlank()) {
      return List.of();
    }
    return List.of(flags.trim().split("\\s+"));
  }

  /**
   * Runs the engine's image commands: {@code build} and {@code save} streamed to the Maven log
   * and {@code log} (they take minutes and their output is the progress), the short ones
   * ({@code image exists}, {@code tag}, {@code image inspect}) quietly.
   */
  static ImageBuilder.Executor imageExecutor(Host host, ProcessRunner processes, Path log, Duration limit) {
    return (what, argv) -> {
      if (argv.size() > 1 && (argv.get(1).equals("build") || argv.get(1).equals("save"))) {
        try {
          return processes.run(new ProcessRunner.Invocation(what, argv, log, limit));
        } catch (StepFailedException e) {
          throw new IOException(e.getMessage(), e);
        }
      }
      Host.Exec r = host.exec(argv, Duration.ofMinutes(2));
      if (r.exit() == -1) {
        throw new IOException("`" + String.join(" ", argv) + "` could not run: " + r.firstLine());
      }
      return r.exit();
    };
  }

  /**
   * The secrets the fsscripts read, by name: every account password given as
   * {@code ${secret:NAME}}, in the OS and its variants.
   */
  static Map<String, String> secrets(OsConfig os) {
    Map<String, String> out = new TreeMap<>();
    List<OsConfig> configs = new ArrayList<>(List.of(os));
    configs.addAll(os.variants().values());
    for (OsConfig c : configs) {
      for (User u : c.users()) {
        if (u.passwordSecret() != null && u.passwordHash() != null) {
          out.put(u.passwordSecret(), u.passwordHash());
        }
      }
    }
    return out;
  }

  /**
   * Writes the secrets as files (0600) into a new private directory (0700) below the temporary
   * directory, never below the project or the rendered tree; the runner mounts it read-only at
   * {@code /osb/secrets}.
   */
  static Path writeSecrets(Map<String, String> secrets) throws IOException {
    Path dir = Files.createTempDirectory("osb-secrets-",
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    for (Map.Entry<String, String> e : secrets.entrySet()) {
      Path f = Files.createFile(dir.resolve(e.getKey()),
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.writeString(f, e.getValue(), StandardCharsets.UTF_8);
    }
    return dir;
  }

  /** Deletes what {@link #writeSecrets} wrote; warns when it cannot. */
  static void deleteSecrets(Path dir, BuildLog log) {
    if (dir == null) {
      return;
    }
    try (var files = Files.list(dir)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        Files.deleteIfExists(f);
      }
      Files.deleteIfExists(dir);
    } catch (IOException e) {
      log.warn("osb:build: could not delete the secret files in " + dir + ": " + e.getMessage() + "; delete them");
    }
  }

  /** Writes a text file atomically, creating its directory. */
  static void writeAtomically(Path file, String text) throws IOException {
    java.nio.file.Files.createDirectories(file.getParent());
    Path tmp = java.nio.file.Files.createTempFile(file.getParent(), ".", ".tmp");
    try {
      java.nio.file.Files.writeString(tmp, text, java.nio.charset.StandardCharsets.UTF_8);
      java.nio.file.Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    } finally {
      java.nio.file.Files.deleteIfExists(tmp);
    }
  }
}
