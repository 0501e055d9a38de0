package dev.osb.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.osb.load.Location;
import dev.osb.validate.Problem;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ProblemReportTest {

  /** Records every line with its level. */
  static final class RecordingLog implements BuildLog {
    final List<String> lines = new ArrayList<>();

    @Override
    public void info(String line) {
      lines.add("INFO " + line);
    }

    @Override
    public void warn(String line) {
      lines.add("WARN " + line);
    }

    @Override
    public void error(String line) {
      lines.add("ERROR " + line);
    }
  }

  private static final Path BASE = Path.of("/work/project").toAbsolutePath();
  private static final Path OS_YAML = BASE.resolve("os.yaml");

  private static final Problem UNKNOWN_KEY = Problem.error(new Location(OS_YAML, 5, 1),
      "unknown key 'pakages'", "did you mean 'packages'?");
  private static final Problem FLAGS_WARNING = Problem.warning(new Location(OS_YAML, 9, 17),
      "common_flags take effect only when stage1 is built", null);
  private static final Problem PARENT_ERROR = Problem.error(
      new Location(BASE.resolveSibling("base/os.yaml"), 2, 7), "bad atom 'foo'", null);

  @Test
  void eachProblemIsOneLocatedLineAtItsLevel() {
    RecordingLog log = new RecordingLog();
    Optional<String> failure = ProblemReport.report("os.yaml",
        List.of(UNKNOWN_KEY, FLAGS_WARNING, PARENT_ERROR), BASE, false, log);
    assertEquals(List.of(
        "ERROR os.yaml:5:1: unknown key 'pakages' (did you mean 'packages'?)",
        "WARN os.yaml:9:17: warning: common_flags take effect only when stage1 is built",
        "ERROR " + BASE.resolveSibling("base/os.yaml") + ":2:7: bad atom 'foo'"),
        log.lines);
    assertEquals(Optional.of("os.yaml has 2 problems; see above. "
        + "First: os.yaml:5:1: unknown key 'pakages' (did you mean 'packages'?)"), failure);
  }

  @Test
  void warningsAloneDoNotFail() {
    RecordingLog log = new RecordingLog();
    assertEquals(Optional.empty(),
        ProblemReport.report("os.yaml", List.of(FLAGS_WARNING), BASE, false, log));
    assertEquals(1, log.lines.size());
  }

  @Test
  void warningsFailWithFailOnWarningAndSayWhy() {
    RecordingLog log = new RecordingLog();
    String failure =
        ProblemReport.report("os.yaml", List.of(FLAGS_WARNING), BASE, true, log).orElseThrow();
    assertTrue(failure.startsWith("os.yaml has 1 problem; see above (warnings fail the build "
        + "because <failOnWarning> / -Dosb.failOnWarning is true)"), failure);
    assertEquals(List.of("WARN os.yaml:9:17: warning: common_flags take effect only when stage1 is built"),
        log.lines);
  }

  @Test
  void noProblemsNoLinesNoFailure() {
    RecordingLog log = new RecordingLog();
    assertEquals(Optional.empty(), ProblemReport.report("os.yaml", List.of(), BASE, true, log));
    assertEquals(List.of(), log.lines);
  }
}
