package dev.osb.validate;

import dev.osb.load.Location;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Objects;

/**
 * The one error currency of OSB: what is wrong, where, and how to fix it. Loader, validator
 * and planner all return Problems; only the Maven plugin turns a list of them into a build
 * failure.
 *
 * @param severity error or warning
 * @param location file:line:column of the offending value
 * @param message what is wrong, naming the bad value (never a secret)
 * @param hint how to fix it, or {@code null}
 */
public record Problem(Severity severity, Location location, String message, String hint) {

  /** Problems sorted by file, line, column, then message: the order they are printed in. */
  public static final Comparator<Problem> ORDER =
      Comparator.comparing((Problem p) -> p.location().file().toString())
          .thenComparingInt(p -> p.location().line())
          .thenComparingInt(p -> p.location().column())
          .thenComparing(Problem::message);

  public Problem {
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(message, "message");
  }

  public static Problem error(Location at, String message, String hint) {
    return new Problem(Severity.ERROR, at, message, hint);
  }

  public static Problem warning(Location at, String message, String hint) {
    return new Problem(Severity.WARNING, at, message, hint);
  }

  public boolean isError() {
    return severity == Severity.ERROR;
  }

  /**
   * One line, {@code os.yaml:12:7: unknown key 'pakages' (did you mean 'packages'?)}, with the
   * file relative to {@code base}; warnings are prefixed {@code warning: }. The hint, if any,
   * follows in parentheses, so a did-you-mean reads naturally.
   */
  public String format(Path base) {
    StringBuilder sb = new StringBuilder(location.format(base)).append(": ");
    if (severity == Severity.WARNING) {
      sb.append("warning: ");
    }
    sb.append(message);
    if (hint != null && !hint.isEmpty()) {
      sb.append(" (").append(hint).append(')');
    }
    return sb.toString();
  }

  @Override
  public String toString() {
    return format(null);
  }
}
