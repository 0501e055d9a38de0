package dev.osb.build.run;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Catalyst on this machine (a Gentoo host with catalyst installed), in a private mount
 * namespace that holds the same fixed layout as the containers:
 *
 * <pre>
 * [sudo -n] unshare --mount --propagation private /bin/bash -c NATIVE osb-native
 *   PROJECT OUT STORE DISTFILES SECRETS|"" [--overlay BUILD SOURCE]... [--repo NAME TAR]...
 *   -- /path/to/catalyst ARGS...
 * </pre>
 *
 * <p>{@link InputScripts#NATIVE} mounts a tmpfs on {@code /osb}, binds project and rendered tree
 * read-only ({@code mount --bind}, then {@code mount -o remount,bind,ro}), store and distfiles
 * read-write, prepares {@code /osb/input} like the containers do and execs catalyst (resolved on
 * PATH by the check, so sudo's secure_path does not matter). Nothing of it outlives the
 * namespace but the empty mount points {@code /osb}, {@code /var/tmp/catalyst} and
 * {@code /var/cache/distfiles}, created when missing. {@code sudo -n} is added when this process
 * is not root. On failure, timeout or Ctrl-C the process tree is killed (sudo passes the signal
 * on).
 */
public final class NativeRunner extends AbstractRunner {

  private static final Duration CHECK_TIMEOUT = Duration.ofSeconds(30);

  private final String catalystCommand;
  private volatile String catalyst;
  private final ConcurrentMap<String, ProcessHandle> running = new ConcurrentHashMap<>();

  /**
   * @param catalystCommand {@code catalyst}, found on PATH (the host's, with the process
   *     runner's environment), or a path
   * @param logDir where {@code <build>.log} goes ({@code target/osb/logs})
   */
  public NativeRunner(String catalystCommand, Host host, ProcessRunner processes, Path logDir) {
    super(host, processes, logDir);
    this.catalystCommand = catalystCommand;
  }

  /** With {@code catalyst} from PATH. */
  public NativeRunner(Host host, ProcessRunner processes, Path logDir) {
    this("catalyst", host, processes, logDir);
  }

  @Override
  public String name() {
    return "native";
  }

  /** The whole command of one catalyst step. */
  public static List<String> argv(boolean root, String catalyst, List<String> args, Mounts m) {
    List<String> a = new ArrayList<>();
    if (!root) {
      a.add("sudo");
      a.add("-n");
    }
    a.addAll(List.of("unshare", "--mount", "--propagation", "private", "/bin/bash", "-c", InputScripts.NATIVE,
        InputScripts.NATIVE_NAME, m.project().toString(), m.out().toString(), m.store().toString(),
        m.distfiles().toString(), m.secrets() == null ? "" : m.secrets().toString()));
    a.addAll(InputScripts.overlayArgs(m.overlays()));
    a.addAll(InputScripts.repoArgs(m));
    a.add("--");
    a.add(catalyst);
    a.addAll(args);
    return a;
  }

  @Override
  protected List<String> missing() throws InterruptedException {
    List<String> missing = new ArrayList<>();
    host.which(catalystCommand).ifPresentOrElse(p -> catalyst = p.toString(), () -> missing.add(catalystCommand
        + " is not on PATH: the native runner needs a Gentoo machine with catalyst 4 (emerge dev-util/catalyst); "
        + "elsewhere use build.runner: podman or docker"));
    if (!host.isRoot()) {
      if (host.which("sudo").isEmpty()) {
        missing.add("this build runs as uid " + host.uid() + " and sudo is not installed: catalyst needs root; run "
            + "the build as root, or install sudo and allow this user unshare without a password");
      } else {
        Host.Exec sudo = host.exec(List.of("sudo", "-n", "true"), CHECK_TIMEOUT);
        if (sudo.exit() != 0) {
          missing.add("this build runs as uid " + host.uid() + " and `sudo -n true` failed ("
              + ContainerRunner.lastLine(sudo.output()) + "): catalyst needs root; run the build as root, or allow "
              + "this user passwordless sudo (NOPASSWD) for unshare");
        }
      }
    }
    for (String tool : List.of("unshare", "mount")) {
      if (host.which(tool).isEmpty()) {
        missing.add(tool + " is not on PATH: install util-linux (the native runner builds its layout in a private "
            + "mount namespace)");
      }
    }
    checkLoop(missing);
    return missing;
  }

  @Override
  public void catalyst(String buildId, List<String> args, Mounts mounts, Duration timeout)
      throws StepFailedException, RunnerUnavailableException, IOException, InterruptedException {
    prepare();
    ensureLayout(mounts);
    List<String> argv = argv(host.isRoot(), catalyst, args, mounts);
    try {
      processes.runOrFail(new ProcessRunner.Invocation("catalyst " + buildId, argv, log(buildId), timeout, null,
          h -> running.put(buildId, h)));
    } finally {
      running.remove(buildId);
    }
  }

  @Override
  public void stop(String buildId) {
    ProcessHandle h = running.get(buildId);
    if (h != null) {
      ProcessRunner.killTree(h, processes.grace());
    }
  }
}
