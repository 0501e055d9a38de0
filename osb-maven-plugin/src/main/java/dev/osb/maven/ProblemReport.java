package dev.osb.maven;

import dev.osb.validate.Problem;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Turns the engine's problems into log lines, one per problem ({@code os.yaml:5:1: unknown key
 * 'pakages' (did you mean 'packages'?)}), and decides whether they fail the build: any error
 * does, and a warning does when {@code osb.failOnWarning} is set.
 */
final class ProblemReport {

  private ProblemReport() {}

  /**
   * Logs every problem (warnings with warn, errors with error, in the engine's order) with its
   * file shown relative to {@code base}, and returns the failure message when the build must
   * stop.
   *
   * @param what names the input in the failure message, e.g. {@code os.yaml}
   */
  static Optional<String> report(
      String what, List<Problem> problems, Path base, boolean failOnWarning, BuildLog log) {
    List<Problem> failing = problems.stream().filter(p -> p.isError() || failOnWarning).toList();
    for (Problem p : problems) {
      if (p.isError()) {
        log.error(p.format(base));
      } else {
        log.warn(p.format(base));
      }
    }
    if (failing.isEmpty()) {
      return Optional.empty();
    }
    StringBuilder message = new StringBuilder(what)
        .append(" has ").append(count(failing.size(), "problem")).append("; see above");
    if (failing.stream().noneMatch(Problem::isError)) {
      message.append(" (warnings fail the build because <failOnWarning> / -D")
          .append(PropertyNames.FAIL_ON_WARNING).append(" is true)");
    }
    message.append(". First: ").append(failing.get(0).format(base));
    return Optional.of(message.toString());
  }

  /** {@code 1 problem}, {@code 2 problems}. */
  static String count(int n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }
}
