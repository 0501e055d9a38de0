package dev.osb.build.run;

import java.nio.file.Path;
import java.util.List;

/** Catalyst in a rootful podman container (the default runner). See {@link ContainerRunner}. */
public final class PodmanRunner extends ContainerRunner {

  /**
   * @param image the catalyst image
   * @param flags extra {@code podman run} flags, null for {@code --privileged}
   * @param logDir where {@code <build>.log} goes ({@code target/osb/logs})
   */
  public PodmanRunner(String image, List<String> flags, Host host, ProcessRunner processes, Path logDir) {
    this("podman", image, flags, host, processes, logDir);
  }

  /** With another podman command (a path, or a wrapper). */
  public PodmanRunner(String engine, String image, List<String> flags, Host host, ProcessRunner processes,
      Path logDir) {
    super(engine, image, flags, host, processes, logDir);
  }

  @Override
  public String name() {
    return "podman";
  }

  @Override
  protected String notAnswering() {
    return "podman must work for root here (try `sudo podman version`)";
  }

  @Override
  protected void checkPrivileges(List<String> missing) {
    if (!host.isRoot()) {
      missing.add("this build runs as uid " + host.uid() + ", and OSB runs podman rootful: rootless podman cannot "
          + "give catalyst loop devices, mounts and namespaces; run the build as root (in CI: a job running as "
          + "root), or use build.runner: docker with a rootful daemon");
    }
  }
}
