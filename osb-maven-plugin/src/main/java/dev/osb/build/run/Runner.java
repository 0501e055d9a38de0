package dev.osb.build.run;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Where catalyst runs: a rootful podman or docker container ({@link PodmanRunner},
 * {@link DockerRunner}) or this Gentoo machine ({@link NativeRunner}). Every runner gives
 * catalyst the same fixed layout ({@link Mounts}, {@link dev.osb.plan.Layout}), prepares
 * {@code /osb/input} the same way ({@link InputScripts}), streams the output line by line to
 * its {@link LineSink} and to {@code <logDir>/<build>.log}, and stops everything it started on
 * failure, timeout or Ctrl-C.
 */
public interface Runner {

  /** {@code podman}, {@code docker} or {@code native}: the value of os.yaml {@code build.runner}. */
  String name();

  /**
   * The first-use check: the engine is installed and answers, the user is root (or, native,
   * {@code sudo -n} works), {@code /dev/loop-control} exists. Runs once; later calls return at
   * once. {@link #catalyst} calls it itself.
   *
   * @throws RunnerUnavailableException what is missing, all of it, each with what to do
   */
  void prepare() throws RunnerUnavailableException, InterruptedException;

  /**
   * Runs {@code catalyst ARGS} for one build (e.g. {@code -c /osb/out/catalyst-sticky.conf -f
   * /osb/out/specs/stage4.spec}), after preparing {@code /osb/input}.
   *
   * @param buildId the build (names the log file and the container)
   * @param args catalyst's arguments, paths as seen inside the layout
   * @param mounts the host side of the layout
   * @param timeout how long catalyst may run, or null for no limit
   * @throws StepFailedException catalyst failed or timed out: exit code, last lines, log path
   */
  void catalyst(String buildId, List<String> args, Mounts mounts, Duration timeout)
      throws StepFailedException, RunnerUnavailableException, IOException, InterruptedException;

  /** Stops the build's catalyst if it runs (container: by name); does nothing otherwise. */
  void stop(String buildId);

  /** The log file of a build: {@code <logDir>/<buildId>.log}. */
  Path log(String buildId);
}
