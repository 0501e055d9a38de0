package dev.osb.maven;

import dev.osb.build.verify.VerifyReport;
import java.util.List;
import java.util.Optional;

/** osb:verify's log lines and verdict for one report. */
final class VerifyOutcome {

  private VerifyOutcome() {}

  /**
   * Logs each failed check as an error line, or that all passed.
   *
   * @param reportPath the JUnit XML report, as shown to the user
   * @return the build failure's message when a check failed
   */
  static Optional<String> log(VerifyReport report, String reportPath, BuildLog log) {
    List<String> messages = report.messages();
    int total = report.checks().size();
    if (messages.isEmpty()) {
      log.info("osb:verify: " + report.build() + ": all " + ProblemReport.count(total, "check") + " passed ("
          + report.tarball() + "; report " + reportPath + ")");
      return Optional.empty();
    }
    for (String m : messages) {
      log.error("osb:verify: " + report.build() + ": " + m);
    }
    return Optional.of(ProblemReport.count(messages.size(), "check") + " failed; see above and " + reportPath);
  }
}
