package dev.osb.validate;

import static dev.osb.validate.GrammarAssert.assertConventions;
import static dev.osb.validate.GrammarAssert.show;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Properties every grammar keeps: it never throws, null and "" are "is empty", 100k-character input is
 * refused in linear time, injection payloads are refused, reasons follow the conventions and never
 * echo the value, and whatever is accepted holds no shell or spec metacharacter.
 */
class GrammarContractTest {

  /** Every public static String m(String) of Grammar: the whole API the other modules call. */
  static Stream<Method> rules() {
    return Arrays.stream(Grammar.class.getDeclaredMethods())
        .filter(m -> Modifier.isPublic(m.getModifiers()) && Modifier.isStatic(m.getModifiers()))
        .filter(m -> m.getReturnType() == String.class && Arrays.equals(m.getParameterTypes(), new Class<?>[] {String.class}))
        .sorted(Comparator.comparing(Method::getName));
  }

  static String call(Method m, String value) {
    try {
      return (String) m.invoke(null, value);
    } catch (InvocationTargetException e) {
      throw new AssertionError(m.getName() + " threw on " + show(value), e.getCause());
    } catch (IllegalAccessException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void theApiIsComplete() {
    List<String> names = rules().map(Method::getName).toList();
    assertEquals(List.of("absolutePath", "absolutePathGlob", "atom", "atomPattern", "buildName", "chost", "compilerFlags",
        "cryptHash", "dracutArg", "emergeOption", "envFileName", "envVarName", "envVarValue", "feature", "fileMode",
        "gitCommit", "gitUrl", "groupName", "hostname", "httpsUrl", "kernelName", "keymap", "keyword", "license", "locale",
        "makeVarName", "makeVarValue", "makeopts", "osName", "profile", "relativePath", "repoName", "runlevel",
        "serviceName", "sha256", "sha512", "snapshotRepoUrl", "sshPublicKey", "timezone", "useExpandValue", "useFlag", "useToggle",
        "userName", "variantName"), names);
  }

  static final Set<String> EMPTY_IS_VALID = Set.of("makeVarValue", "envVarValue");

  @ParameterizedTest(name = "{0}")
  @MethodSource("rules")
  void nullAndEmpty(Method m) {
    assertEquals("is empty", call(m, null));
    if (EMPTY_IS_VALID.contains(m.getName())) {
      assertNull(call(m, ""));
    } else {
      assertEquals("is empty", call(m, ""));
    }
  }

  static final List<String> HUGE = List.of(
      "a".repeat(100_000), "-".repeat(100_000), "1.".repeat(50_000), "$".repeat(100_000), "a/".repeat(50_000),
      "[".repeat(100_000), "/".repeat(100_000), "-j".repeat(50_000), "a-1".repeat(33_333), "${A}".repeat(25_000),
      "ssh-ed25519 " + "A".repeat(100_000), "=cat/pkg-" + "1.".repeat(50_000) + "1", "https://" + "a.".repeat(50_000),
      "$6$" + "a".repeat(100_000), "*".repeat(100_000), " ".repeat(100_000));

  @ParameterizedTest(name = "{0}")
  @MethodSource("rules")
  void hugeInputsAreRefusedWithoutBlowingUp(Method m) {
    for (String h : HUGE) {
      String r = call(m, h);
      assertNotNull(r, () -> m.getName() + " accepted a " + h.length() + "-char value");
      assertTrue(r.startsWith("is too long"), () -> m.getName() + ": " + r);
    }
  }

  /** Inputs just under each cap, shaped to stress the scanners (deep nesting, many separators). */
  @ParameterizedTest(name = "{0}")
  @MethodSource("rules")
  void longInputsUnderTheCapsStayLinear(Method m) {
    for (int len : new int[] {1000, 4000, 16000}) {
      for (String unit : new String[] {"a", "1.", "a-1", "a/", "[a]", "${A}", "-a ", "a,", "$", "::", "/.", "a_p1"}) {
        String v = unit.repeat(Math.max(1, len / unit.length()));
        String r = call(m, v);
        if (r != null) {
          assertConventions(r);
        }
      }
    }
  }

  static final List<String> PAYLOADS = List.of(
      "x\ny", "\n", "x\r", "x\ty", "x#y", "#", "x%y", "%", "$(reboot)", "x$(id)", "x`id`", "`id`", "x'y", "'", "x\"y",
      "\"", "x;y", ";", "x|y", "|", "x&y", "&", "x y", " ", "x\u0000", "\u0000", "x\u001b[2J", "x\u2028y", "x\u202ey",
      "x\\y", "${IFS}", "x>y", "x<y", "../../etc/passwd", "x\u00a0y");

  /** Payloads a rule accepts on purpose (they are inert where that value goes). */
  static final Map<String, Set<String>> ACCEPTED = Map.of(
      "makeVarValue", Set.of("x%y", "%", "x;y", ";", "x|y", "|", "x&y", "&", "x y", " ", "${IFS}", "x>y", "x<y",
          "../../etc/passwd"),
      "envVarValue", Set.of("x%y", "%", "x;y", ";", "x|y", "|", "x&y", "&", "x y", " ", "${IFS}", "x>y", "x<y",
          "../../etc/passwd"),
      "relativePath", Set.of("../../etc/passwd"),
      "dracutArg", Set.of("../../etc/passwd"),
      "emergeOption", Set.of("../../etc/passwd"),
      "locale", Set.of("x y"));

  @ParameterizedTest(name = "{0}")
  @MethodSource("rules")
  void injectionPayloadsAreRefused(Method m) {
    Set<String> accepted = ACCEPTED.getOrDefault(m.getName(), Set.of());
    for (String p : PAYLOADS) {
      String r = call(m, p);
      if (accepted.contains(p)) {
        assertNull(r, () -> m.getName() + " should accept " + show(p) + " but said: " + r);
        continue;
      }
      assertNotNull(r, () -> m.getName() + " accepted the payload " + show(p));
      assertConventions(r);
    }
  }

  static final String ALPHABET = "aAzZ09_-.+/:=*~<>[](),!?@#$%&|;'\"`\\ \t\n\u0000{}^rp";

  /** Random strings: no rule throws; reasons keep the conventions; valid values are shell- and spec-inert. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("rules")
  void fuzz(Method m) {
    Random rnd = new Random(m.getName().hashCode());
    String name = m.getName();
    for (int i = 0; i < 10_000; i++) {
      int len = rnd.nextInt(24);
      StringBuilder b = new StringBuilder();
      for (int j = 0; j < len; j++) {
        b.append(ALPHABET.charAt(rnd.nextInt(ALPHABET.length())));
      }
      String v = b.toString();
      String r = call(m, v);
      if (r != null) {
        assertConventions(r);
        if (v.length() >= 6 && !name.equals("compilerFlags") && !name.equals("makeopts")) {
          assertFalse(r.contains(v), () -> name + " echoed the value " + show(v) + ": " + r);
        }
      } else {
        assertInert(name, v);
      }
    }
  }

  /** Characters no accepted value may hold, per rule. */
  static void assertInert(String rule, String v) {
    if (rule.equals("sshPublicKey")) {
      return; // the comment is free printable text; the fsscript single-quotes it
    }
    String never = "\n\r\t\u0000$`'\"\\;|#";
    boolean valueRule = rule.equals("makeVarValue") || rule.equals("envVarValue");
    if (valueRule) {
      never = "\n\r\t\u0000`'\"\\#";
    }
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (never.indexOf(c) >= 0 || c < 0x20 || c == 0x7f) {
        if (c == '$' && (valueRule || rule.endsWith("Name") && i == v.length() - 1
            && (rule.equals("userName") || rule.equals("groupName")))) {
          continue;
        }
        fail(rule + " accepted " + show(v));
      }
      if (!valueRule && !rule.equals("sshPublicKey") && !rule.endsWith("Url") && (c == '&' || c == '%')) {
        fail(rule + " accepted " + show(v));
      }
      if (c == ' ' && !valueRule && !Set.of("locale", "compilerFlags", "makeopts", "sshPublicKey").contains(rule)) {
        fail(rule + " accepted a space: " + show(v));
      }
    }
    if (valueRule) {
      for (int i = v.indexOf('$'); i >= 0; i = v.indexOf('$', i + 1)) {
        assertTrue(v.startsWith("${", i), () -> rule + " accepted a bare $: " + show(v));
      }
    }
  }

  @Test
  void atomsRoundTripThroughTheRecord() {
    Random rnd = new Random(42);
    String[] parts = {"cat", "dev-lang", "/", "pkg", "python", "-", "1", ".2", "_p3", "-r4", "*", ":", "3", "/", "=",
        "::", "gentoo", "[", "a", ",", "-b", "!c", "?", "=", "(+)", "]", ">=", "<", "~", "=", "a1"};
    int valid = 0;
    for (int i = 0; i < 100_000; i++) {
      StringBuilder b = new StringBuilder();
      int n = 1 + rnd.nextInt(10);
      for (int j = 0; j < n; j++) {
        b.append(parts[rnd.nextInt(parts.length)]);
      }
      String s = b.toString();
      String r = Grammar.atom(s);
      if (r == null) {
        valid++;
        Atom a = Atom.parse(s);
        assertEquals(s, a.toString());
        assertEquals(a.category() + "/" + a.packageName(), a.key());
        assertNull(Grammar.atomPattern(s), s);
      } else {
        assertConventions(r);
      }
    }
    assertTrue(valid > 100, "the generator should hit some valid atoms, got " + valid);
  }

  @Test
  void reasonsNeverRepeatALongValue() {
    List<String> failures = new ArrayList<>();
    String[] values = {"app-editors/vim python", "hunter2hunter2", "stage3-latest", "my host name", "Europe/Berl in",
        "de_DE.UTF-8", "/usr/../etc", "http://example.com/x", "rwxr-xr-x", "VIDEO CARDS", "-O2 -march=native"};
    rules().forEach(m -> {
      for (String v : values) {
        String r = call(m, v);
        if (r != null && r.contains(v)) {
          failures.add(m.getName() + ": " + r);
        }
      }
    });
    assertEquals(List.of(), failures);
  }
}
