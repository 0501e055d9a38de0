package dev.osb.build.run;

import java.util.List;

/**
 * The first-use check of a runner found things missing on this machine (the engine, root, loop
 * devices, ...). The message lists every one of them, each with what to do, so one failed run
 * tells the whole story.
 */
public final class RunnerUnavailableException extends Exception {

  private static final long serialVersionUID = 1L;

  private final transient List<String> missing;

  /**
   * @param runner the runner's name, e.g. {@code podman}
   * @param missing one entry per missing thing, each saying what to do
   */
  public RunnerUnavailableException(String runner, List<String> missing) {
    super(message(runner, missing));
    this.missing = List.copyOf(missing);
  }

  private static String message(String runner, List<String> missing) {
    StringBuilder b = new StringBuilder("the ").append(runner).append(" runner cannot run catalyst on this machine (")
        .append(missing.size()).append(missing.size() == 1 ? " problem" : " problems").append("):");
    for (String m : missing) {
      b.append("\n  - ").append(m);
    }
    b.append("\n(build.runner in os.yaml chooses the runner: podman, docker or native)");
    return b.toString();
  }

  /** The missing things, one sentence each. */
  public List<String> missing() {
    return missing;
  }
}
