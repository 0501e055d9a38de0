package dev.osb.build.run;

import java.nio.file.Path;
import java.util.List;

/**
 * A runner step that did not succeed: it exited with a non-zero code or ran past its timeout
 * (and was stopped). The message holds all a user needs without opening anything: what failed,
 * the exit code, the log file, and the last lines of output.
 */
public final class StepFailedException extends Exception {

  private static final long serialVersionUID = 1L;

  /** Why the step failed. */
  public enum Reason {
    /** The process exited by itself with a non-zero code. */
    EXIT_CODE,
    /** The process ran past its timeout and was stopped. */
    TIMED_OUT
  }

  private final String step;
  private final Reason reason;
  private final int exitCode;
  private final transient List<String> tail;
  private final transient Path log;

  /**
   * @param step what ran, e.g. {@code catalyst stage4}
   * @param reason why it failed
   * @param exitCode the process's exit code ({@code -1} when it could not be read)
   * @param timeout a readable duration for {@link Reason#TIMED_OUT}, else ignored
   * @param tail the last lines of output, oldest first
   * @param log the full log
   */
  public StepFailedException(String step, Reason reason, int exitCode, String timeout, List<String> tail, Path log) {
    super(message(step, reason, exitCode, timeout, tail, log));
    this.step = step;
    this.reason = reason;
    this.exitCode = exitCode;
    this.tail = List.copyOf(tail);
    this.log = log;
  }

  private static String message(String step, Reason reason, int exitCode, String timeout, List<String> tail, Path log) {
    StringBuilder b = new StringBuilder(step);
    if (reason == Reason.TIMED_OUT) {
      b.append(" timed out after ").append(timeout).append(" and was stopped (exit code ").append(exitCode).append(')');
    } else {
      b.append(" failed with exit code ").append(exitCode);
    }
    b.append("; full log: ").append(log);
    if (tail.isEmpty()) {
      b.append("; it printed nothing");
    } else {
      b.append("; last ").append(tail.size()).append(tail.size() == 1 ? " line:" : " lines:");
      for (String line : tail) {
        b.append("\n  ").append(line);
      }
    }
    return b.toString();
  }

  /** What ran. */
  public String step() {
    return step;
  }

  public Reason reason() {
    return reason;
  }

  /** The process's exit code, {@code -1} when unknown. */
  public int exitCode() {
    return exitCode;
  }

  /** The last lines of output (at most {@link ProcessRunner#TAIL_LINES}), oldest first. */
  public List<String> tail() {
    return tail;
  }

  /** The log file that holds the whole output. */
  public Path log() {
    return log;
  }
}
