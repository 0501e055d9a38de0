package dev.osb.build.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/** What every runner shares: the host, the process runner, the log directory, the one-time check. */
public abstract class AbstractRunner implements Runner {

  protected final Host host;
  protected final ProcessRunner processes;
  protected final Path logDir;
  private volatile boolean prepared;

  protected AbstractRunner(Host host, ProcessRunner processes, Path logDir) {
    this.host = Objects.requireNonNull(host, "host");
    this.processes = Objects.requireNonNull(processes, "processes");
    this.logDir = logDir.toAbsolutePath().normalize();
  }

  @Override
  public final void prepare() throws RunnerUnavailableException, InterruptedException {
    if (prepared) {
      return;
    }
    synchronized (this) {
      if (prepared) {
        return;
      }
      List<String> missing = missing();
      if (!missing.isEmpty()) {
        throw new RunnerUnavailableException(name(), missing);
      }
      prepared = true;
    }
  }

  /** The first-use check: one sentence per missing thing, each saying what to do; empty when ready. */
  protected abstract List<String> missing() throws InterruptedException;

  @Override
  public Path log(String buildId) {
    if (!Mounts.BUILD_ID.matcher(buildId).matches()) {
      throw new IllegalArgumentException("\"" + buildId + "\" is not a build name");
    }
    return logDir.resolve(buildId + ".log");
  }

  /**
   * Creates the store and distfiles directories when missing (a bind mount needs its source);
   * the project and the rendered tree must exist.
   */
  protected static void ensureLayout(Mounts m) throws IOException {
    for (Path p : List.of(m.project(), m.out())) {
      if (!Files.isDirectory(p)) {
        throw new IOException(p + " does not exist: nothing to mount at " + (p.equals(m.project())
            ? "/osb/project" : "/osb/out (run osb:generate first)"));
      }
    }
    Files.createDirectories(m.store());
    Files.createDirectories(m.distfiles());
  }

  /** The missing /dev/loop-control, if it is. */
  protected void checkLoop(List<String> missing) {
    if (!host.exists(Path.of("/dev/loop-control"))) {
      missing.add("/dev/loop-control is missing: catalyst loop-mounts the portage snapshot; load the loop "
          + "module (modprobe loop) or build on a machine (or CI runner) that has loop devices");
    }
  }
}
