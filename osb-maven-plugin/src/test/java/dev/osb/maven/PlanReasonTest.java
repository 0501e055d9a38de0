package dev.osb.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PlanReasonTest {

  private static final String A = "a".repeat(56) + "11111111";
  private static final String B = "b".repeat(64);

  @Test
  void noOutputOrNoRecordMeansNoFinishedOutput() {
    assertEquals(Optional.of("no finished output in the store"), PlanReason.reason(false, Optional.of(A), A, null));
    assertEquals(Optional.of("no finished output in the store"), PlanReason.reason(true, Optional.empty(), A, null));
    assertEquals(Optional.of("no finished output in the store"), PlanReason.reason(false, Optional.empty(), A, "stage3"));
  }

  @Test
  void aRunningParentMakesTheBuildRun() {
    assertEquals(Optional.of("its parent stage4 will run"), PlanReason.reason(true, Optional.of(A), A, "stage4"));
    assertEquals(Optional.of("its parent stage4 will run"), PlanReason.reason(true, Optional.of(A), B, "stage4"));
  }

  @Test
  void aChangedFingerprintNamesOldAndNew() {
    assertEquals(Optional.of("its inputs changed (fingerprint aaaaaaaa -> bbbbbbbb)"),
        PlanReason.reason(true, Optional.of(A), B, null));
  }

  @Test
  void sameFingerprintIsUpToDate() {
    assertEquals(Optional.empty(), PlanReason.reason(true, Optional.of(A), A, null));
  }

  @Test
  void plainWordsStayUnquoted() {
    assertEquals("podman run -v /a/b:/osb/project:ro --name=x catalyst -f /osb/out/specs/stage4.spec",
        PlanReason.shellLine(List.of("podman", "run", "-v", "/a/b:/osb/project:ro", "--name=x", "catalyst", "-f",
            "/osb/out/specs/stage4.spec")));
  }

  @Test
  void specialWordsAreSingleQuoted() {
    assertEquals("'' 'a b' '$HOME' 'it'\\''s' '*'", PlanReason.shellLine(List.of("", "a b", "$HOME", "it's", "*")));
  }

  @Test
  void multiLineWordsStayOnOneLine() {
    String line = PlanReason.shellLine(List.of("bash", "-c", "set -e\necho 'hi' \\ there\n\tx\u0001"));
    assertEquals("bash -c $'set -e\\necho \\'hi\\' \\\\ there\\n\\tx\\x01'", line);
    assertEquals(-1, line.indexOf('\n'));
  }
}
