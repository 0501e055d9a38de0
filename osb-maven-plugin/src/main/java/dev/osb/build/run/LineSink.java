package dev.osb.build.run;

/**
 * Where a runner's output goes, line by line, as it arrives: the process's own lines (stdout and
 * stderr merged), the heartbeat and the runner's notes. The Mojo maps it to {@code log.info}:
 * catalyst and emerge print warnings and errors of their own that are not the build's verdict,
 * so nothing here is ever logged as {@code [ERROR]}; a failed step is reported once, by the
 * {@link StepFailedException}.
 */
@FunctionalInterface
public interface LineSink {

  /** One line, without its line end. Called from the runner's threads, one call at a time. */
  void info(String line);
}
