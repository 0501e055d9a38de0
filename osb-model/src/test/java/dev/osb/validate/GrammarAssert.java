package dev.osb.validate;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.Function;
import org.junit.jupiter.params.provider.Arguments;

/** Shared helpers for the grammar tests: every invalid case names a key fragment of its reason. */
final class GrammarAssert {

  private GrammarAssert() {}

  static Arguments bad(String value, String reasonFragment) {
    return Arguments.of(value, reasonFragment);
  }

  static void assertValid(Function<String, String> rule, String value) {
    assertNull(rule.apply(value), () -> "expected valid: " + show(value));
  }

  static void assertInvalid(Function<String, String> rule, String value, String reasonFragment) {
    String reason = rule.apply(value);
    assertNotNull(reason, () -> "expected invalid: " + show(value));
    assertTrue(reason.contains(reasonFragment),
        () -> "reason for " + show(value) + " was: " + reason + "\n  expected it to contain: " + reasonFragment);
    assertConventions(reason);
  }

  /** Reasons start lowercase (or with a quote/symbol), never end with a period, are one line. */
  static void assertConventions(String reason) {
    assertTrue(!reason.isEmpty() && !Character.isUpperCase(reason.charAt(0)), () -> "starts uppercase: " + reason);
    assertTrue(!reason.endsWith("."), () -> "ends with a period: " + reason);
    assertTrue(reason.indexOf('\n') < 0 && reason.indexOf('\r') < 0, () -> "multi-line: " + reason);
    for (int i = 0; i < reason.length(); i++) {
      char c = reason.charAt(i);
      assertTrue(c >= 0x20 && c < 0x7f, () -> "reason holds a non-printable or non-ASCII char: " + reason);
    }
  }

  static String show(String s) {
    if (s == null) {
      return "null";
    }
    String t = s.length() > 120 ? s.substring(0, 120) + "...(" + s.length() + ")" : s;
    StringBuilder b = new StringBuilder("'");
    for (char c : t.toCharArray()) {
      b.append(c < 0x20 || c >= 0x7f ? String.format("\\u%04x", (int) c) : String.valueOf(c));
    }
    return b.append('\'').toString();
  }
}
