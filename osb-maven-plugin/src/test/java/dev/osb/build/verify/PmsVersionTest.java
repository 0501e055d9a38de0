package dev.osb.build.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** PMS version order, as portage compares (EAPI 8, 3.3). */
class PmsVersionTest {

  static int cmp(String a, String b) {
    return Integer.signum(PmsVersion.parse(a).compareTo(PmsVersion.parse(b)));
  }

  @Test
  void ordering() {
    List<String> ascending = List.of("1.0_alpha", "1.0_alpha1", "1.0_beta", "1.0_pre", "1.0_rc1", "1.0", "1.0-r1",
        "1.0_p1", "1.0a", "1.0.1", "1.01", "1.1", "1.2", "1.10", "2");
    for (int i = 0; i + 1 < ascending.size(); i++) {
      assertEquals(-1, cmp(ascending.get(i), ascending.get(i + 1)), ascending.get(i) + " < " + ascending.get(i + 1));
      assertEquals(1, cmp(ascending.get(i + 1), ascending.get(i)));
    }
    assertEquals(0, cmp("1.0", "1.0-r0"));
    assertEquals(-1, cmp("5.40", "5.40.0"));
    assertEquals(1, cmp("1.1", "1.01"), "a leading 0 compares as a string");
    assertEquals(-1, cmp("1.0_p1", "1.0_p2"));
  }

  @Test
  void operatorsAndInstalledNames() {
    PmsVersion v = PmsVersion.ofInstalled("perl-5.38.2-r3", "perl");
    assertEquals("5.38.2-r3", v.toString());
    assertTrue(v.satisfies("<", "5.40", false));
    assertTrue(v.satisfies("<=", "5.38.2-r3", false));
    assertFalse(v.satisfies(">=", "5.40", false));
    assertTrue(v.satisfies("~", "5.38.2", false));
    assertFalse(v.satisfies("=", "5.38.2", false));
    assertTrue(v.satisfies("=", "5.38", true));
    assertNull(PmsVersion.ofInstalled("perl-Text-CSV-2.0", "perl"), "another package");
    assertNull(PmsVersion.ofInstalled("python-exec-2.4.10", "python"), "another package");
    assertEquals("2.4.10", PmsVersion.ofInstalled("python-exec-2.4.10", "python-exec").toString());
    assertNull(PmsVersion.parse("1.0-beta"));
  }
}
