package dev.osb.load;

import dev.osb.validate.Problem;
import java.util.List;

/** A file could not be read into a tree at all (syntax, encoding, limits, extends cycles). */
public final class LoadException extends Exception {

  private static final long serialVersionUID = 1L;

  private final transient List<Problem> problems;

  public LoadException(Problem problem) {
    this(List.of(problem));
  }

  public LoadException(List<Problem> problems) {
    super(problems.isEmpty() ? "load failed" : problems.get(0).toString(), null, false, false);
    this.problems = List.copyOf(problems);
  }

  public List<Problem> problems() {
    return problems;
  }
}
