package dev.osb.build.run;

import dev.osb.plan.Layout;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Catalyst in a rootful container (podman or docker; they take the same arguments):
 *
 * <pre>
 * ENGINE run --rm --init --pull=never --name osb-BUILD-XXXXXXXX FLAGS...
 *   -v PROJECT:/osb/project:ro -v OUT:/osb/out:ro
 *   -v STORE:/var/tmp/catalyst -v DISTFILES:/var/cache/distfiles [-v SECRETS:/osb/secrets:ro]
 *   --entrypoint /bin/bash IMAGE -c PREPARE osb-prepare [--overlay BUILD SOURCE]... [--repo NAME TAR]...
 *   -- catalyst ARGS...
 * </pre>
 *
 * <p>FLAGS default to {@code --privileged} (catalyst needs loop devices, mounts and namespaces);
 * they are configurable, e.g. {@code --cap-add SYS_ADMIN --device /dev/loop-control}.
 * {@code --pull=never}: the catalyst image is built locally from the verified seed, and a
 * missing image must fail, never be fetched from a registry under the same name. The name is
 * {@code osb-<build>-<8 hex of the rendered tree's path>}: stable for a project's build, so a
 * container left by a killed run is removed before the next one ({@code rm -f}; the build's
 * lock keeps two runs of one build apart) and {@link #stop} finds it by name. On failure,
 * timeout or Ctrl-C the container is stopped by name ({@code stop -t 10}), then the client's
 * process tree is killed.
 */
public abstract class ContainerRunner extends AbstractRunner {

  /** The default extra flags. */
  public static final List<String> DEFAULT_FLAGS = List.of("--privileged");

  /** Seconds {@code stop} gives the container before it kills it. */
  public static final int STOP_SECONDS = 10;

  private static final Duration CHECK_TIMEOUT = Duration.ofSeconds(30);

  protected final String engine;
  protected final String image;
  protected final List<String> flags;
  private final ConcurrentMap<String, String> running = new ConcurrentHashMap<>();

  /**
   * @param engine the engine command ({@code podman}, {@code docker}, or a path to it)
   * @param image the catalyst image (tag or id)
   * @param flags extra {@code run} flags, null for {@link #DEFAULT_FLAGS}
   */
  protected ContainerRunner(String engine, String image, List<String> flags, Host host, ProcessRunner processes,
      Path logDir) {
    super(host, processes, logDir);
    this.engine = Objects.requireNonNull(engine, "engine");
    this.image = Objects.requireNonNull(image, "image");
    this.flags = List.copyOf(flags == null ? DEFAULT_FLAGS : flags);
  }

  /** The engine command. */
  public String engine() {
    return engine;
  }

  public String image() {
    return image;
  }

  public List<String> flags() {
    return flags;
  }

  // ------------------------------------------------------------------ argv (pure)

  /**
   * {@code osb-<build>-<8 hex>}: the build id lower-cased with anything outside {@code
   * [a-z0-9_.-]} as {@code -} (at most 40 characters), and the first 8 hex digits of the SHA-256
   * of the rendered tree's absolute path, so two projects' builds of the same name differ.
   */
  public static String containerName(String buildId, Path out) {
    String b = buildId.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_.-]", "-");
    if (b.length() > 40) {
      b = b.substring(0, 40);
    }
    return "osb-" + b + "-" + sha256(out.toAbsolutePath().normalize().toString()).substring(0, 8);
  }

  /** The whole {@code run} command of one catalyst step. */
  public List<String> runArgv(String buildId, List<String> catalystArgs, Mounts mounts) {
    List<String> a = new ArrayList<>(List.of(engine, "run", "--rm", "--init", "--pull=never", "--name",
        containerName(buildId, mounts.out())));
    a.addAll(flags);
    volume(a, mounts.project(), Layout.PROJECT, true);
    volume(a, mounts.out(), Layout.OUT, true);
    volume(a, mounts.store(), Layout.STORE, false);
    volume(a, mounts.distfiles(), Layout.DISTFILES, false);
    if (mounts.secrets() != null) {
      volume(a, mounts.secrets(), Layout.SECRETS, true);
    }
    a.addAll(List.of("--entrypoint", "/bin/bash", image, "-c", InputScripts.PREPARE, InputScripts.PREPARE_NAME));
    a.addAll(InputScripts.overlayArgs(mounts.overlays()));
    a.addAll(InputScripts.repoArgs(mounts));
    a.add("--");
    a.add("catalyst");
    a.addAll(catalystArgs);
    return a;
  }

  /** {@code ENGINE stop -t 10 NAME}. */
  public List<String> stopArgv(String name) {
    return List.of(engine, "stop", "-t", String.valueOf(STOP_SECONDS), name);
  }

  /** {@code ENGINE rm -f NAME}: a container a killed run left behind. */
  public List<String> removeArgv(String name) {
    return List.of(engine, "rm", "-f", name);
  }

  /** {@code ENGINE version}: the engine answers (a docker client without its daemon does not). */
  public List<String> versionArgv() {
    return List.of(engine, "version");
  }

  private static void volume(List<String> a, Path host, String inside, boolean readOnly) {
    String h = host.toString();
    if (h.contains(":") || h.contains("\n")) {
      throw new IllegalArgumentException("cannot bind-mount " + h + " into a container: a ':' or a line break "
          + "in the path breaks -v; move it to a path without them");
    }
    a.add("-v");
    a.add(h + ":" + inside + (readOnly ? ":ro" : ""));
  }

  // ------------------------------------------------------------------ running

  @Override
  protected List<String> missing() throws InterruptedException {
    List<String> missing = new ArrayList<>();
    if (host.which(engine).isEmpty()) {
      missing.add(engine + " is not installed (not found on PATH): install it, or choose another build.runner");
    } else {
      Host.Exec v = host.exec(versionArgv(), CHECK_TIMEOUT);
      if (v.exit() != 0) {
        missing.add("`" + String.join(" ", versionArgv()) + "` failed (exit " + v.exit() + "): "
            + lastLine(v.output()) + "; " + notAnswering());
      } else {
        checkPrivileges(missing);
      }
    }
    checkLoop(missing);
    return missing;
  }

  /** What to do when the engine does not answer {@code version}. */
  protected abstract String notAnswering();

  /** Whether this engine runs containers with root privileges; adds what is missing. */
  protected abstract void checkPrivileges(List<String> missing) throws InterruptedException;

  @Override
  public void catalyst(String buildId, List<String> args, Mounts mounts, Duration timeout)
      throws StepFailedException, RunnerUnavailableException, IOException, InterruptedException {
    prepare();
    ensureLayout(mounts);
    String name = containerName(buildId, mounts.out());
    List<String> argv = runArgv(buildId, args, mounts);
    running.put(buildId, name);
    try {
      host.exec(removeArgv(name), CHECK_TIMEOUT);
      processes.runOrFail(new ProcessRunner.Invocation("catalyst " + buildId, argv, log(buildId), timeout,
          () -> stopContainer(name), null));
    } finally {
      running.remove(buildId);
    }
  }

  @Override
  public void stop(String buildId) {
    String name = running.get(buildId);
    if (name != null) {
      stopContainer(name);
    }
  }

  /** {@code stop -t 10 NAME}; says so when it stopped one (a removed container is not an error). */
  protected void stopContainer(String name) {
    try {
      Host.Exec r = host.exec(stopArgv(name), Duration.ofSeconds(STOP_SECONDS + 20L));
      if (r.exit() == 0) {
        processes.sink().info("osb: stopped container " + name);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  static String lastLine(String output) {
    List<String> lines = output.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
    return lines.isEmpty() ? "no output" : lines.get(lines.size() - 1);
  }

  private static String sha256(String s) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
