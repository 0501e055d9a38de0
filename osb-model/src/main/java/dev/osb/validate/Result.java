package dev.osb.validate;

import dev.osb.load.MapNode;
import dev.osb.model.OsConfig;
import java.nio.file.Path;
import java.util.List;

/**
 * What validating an os.yaml gives: the effective configuration (null when there is any error),
 * every problem found (sorted, errors and warnings), every file read (the os.yaml and what it
 * extends), and the merged, interpolated tree (null when loading failed) for {@code osb:explain}.
 */
public record Result(OsConfig config, List<Problem> problems, List<Path> files, MapNode tree) {

  public Result {
    problems = problems.stream().sorted(Problem.ORDER).toList();
    files = List.copyOf(files);
  }

  public boolean ok() {
    return problems.stream().noneMatch(Problem::isError);
  }

  public List<Problem> errors() {
    return problems.stream().filter(Problem::isError).toList();
  }

  public List<Problem> warnings() {
    return problems.stream().filter(p -> !p.isError()).toList();
  }
}
