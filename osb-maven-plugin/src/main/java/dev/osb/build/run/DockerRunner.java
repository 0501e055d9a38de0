package dev.osb.build.run;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** Catalyst in a container of a rootful docker daemon. See {@link ContainerRunner}. */
public final class DockerRunner extends ContainerRunner {

  /**
   * @param image the catalyst image
   * @param flags extra {@code docker run} flags, null for {@code --privileged}
   * @param logDir where {@code <build>.log} goes ({@code target/osb/logs})
   */
  public DockerRunner(String image, List<String> flags, Host host, ProcessRunner processes, Path logDir) {
    this("docker", image, flags, host, processes, logDir);
  }

  /** With another docker command (a path, or a wrapper). */
  public DockerRunner(String engine, String image, List<String> flags, Host host, ProcessRunner processes,
      Path logDir) {
    super(engine, image, flags, host, processes, logDir);
  }

  @Override
  public String name() {
    return "docker";
  }

  /** {@code docker info --format {{json .SecurityOptions}}}: holds {@code name=rootless} on a rootless daemon. */
  public List<String> securityArgv() {
    return List.of(engine, "info", "--format", "{{json .SecurityOptions}}");
  }

  @Override
  protected String notAnswering() {
    return "is the docker daemon running, and may this user use it (root, or the docker group)?";
  }

  @Override
  protected void checkPrivileges(List<String> missing) throws InterruptedException {
    Host.Exec info = host.exec(securityArgv(), Duration.ofSeconds(30));
    if (info.exit() == 0 && info.output().contains("rootless")) {
      missing.add("the docker daemon runs rootless, which cannot give catalyst loop devices, mounts and "
          + "namespaces; use a rootful daemon (or build.runner: podman as root)");
    }
  }
}
