package dev.osb.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.osb.build.verify.VerifyReport;
import dev.osb.build.verify.VerifyReport.Check;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class VerifyOutcomeTest {

  @Test
  void eachFailureIsAnErrorLineAndTheVerdictCountsThem() {
    VerifyReport report = new VerifyReport("stage4", "root.tar.xz", List.of(
        new Check("account admin", false, "in /etc/passwd", "missing", "account admin: missing from /etc/passwd"),
        new Check("hostname", true, "web1", "web1", null),
        new Check("service sshd", false, "enabled", "missing", null)));
    ProblemReportTest.RecordingLog log = new ProblemReportTest.RecordingLog();
    Optional<String> verdict = VerifyOutcome.log(report, "target/osb/reports/TEST-osb.verify.stage4.xml", log);
    assertEquals(Optional.of("2 checks failed; see above and target/osb/reports/TEST-osb.verify.stage4.xml"), verdict);
    assertEquals(List.of("ERROR osb:verify: stage4: account admin: missing from /etc/passwd",
        "ERROR osb:verify: stage4: service sshd"), log.lines);
  }

  @Test
  void allPassedIsOneInfoLine() {
    VerifyReport report = new VerifyReport("debug", "d.tar.xz", List.of(new Check("hostname", true, "a", "a", null)));
    ProblemReportTest.RecordingLog log = new ProblemReportTest.RecordingLog();
    assertEquals(Optional.empty(), VerifyOutcome.log(report, "r.xml", log));
    assertEquals(1, log.lines.size());
    assertTrue(log.lines.get(0).startsWith("INFO osb:verify: debug: all 1 check passed"), log.lines.get(0));
  }
}
