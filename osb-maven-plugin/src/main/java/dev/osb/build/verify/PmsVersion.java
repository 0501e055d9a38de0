package dev.osb.build.verify;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A package version as PMS (EAPI 8, section 3.2/3.3) writes and orders it:
 * {@code 1.2.3b_rc4_p1-r2}. Used to tell which installed packages ({@code /var/db/pkg/<cat>/<pf>})
 * an unmerge atom with an operator names. Its order is not consistent with equals (which is
 * identity): {@code 1.0} and {@code 1.0-r0} compare equal.
 */
public final class PmsVersion implements Comparable<PmsVersion> {

  /** The grammar of a version (without a leading '-'). */
  public static final Pattern GRAMMAR = Pattern.compile(
      "(\\d+(?:\\.\\d+)*)([a-z])?((?:_(?:alpha|beta|pre|rc|p)\\d*)*)(?:-r(\\d+))?");

  private static final Pattern SUFFIX = Pattern.compile("_(alpha|beta|pre|rc|p)(\\d*)");
  private static final List<String> SUFFIX_ORDER = List.of("alpha", "beta", "pre", "rc", "p");

  private final String text;
  private final String[] numbers;
  private final char letter;
  private final List<String[]> suffixes;
  private final BigInteger revision;

  private PmsVersion(String text, String[] numbers, char letter, List<String[]> suffixes, BigInteger revision) {
    this.text = text;
    this.numbers = numbers;
    this.letter = letter;
    this.suffixes = suffixes;
    this.revision = revision;
  }

  /** The version, or null when {@code s} is not a PMS version. */
  public static PmsVersion parse(String s) {
    Matcher m = GRAMMAR.matcher(s);
    if (!m.matches()) {
      return null;
    }
    List<String[]> suffixes = new ArrayList<>();
    Matcher sm = SUFFIX.matcher(m.group(3));
    while (sm.find()) {
      suffixes.add(new String[] {sm.group(1), sm.group(2)});
    }
    return new PmsVersion(s, m.group(1).split("\\."), m.group(2) == null ? 0 : m.group(2).charAt(0),
        suffixes, m.group(4) == null ? BigInteger.ZERO : new BigInteger(m.group(4)));
  }

  /**
   * The version of an installed package directory {@code <pn>-<version>} of package {@code pn},
   * or null when the name is not that package's.
   */
  public static PmsVersion ofInstalled(String dirName, String pn) {
    if (!dirName.startsWith(pn + "-")) {
      return null;
    }
    return parse(dirName.substring(pn.length() + 1));
  }

  /** The version without its revision. */
  public String withoutRevision() {
    int r = text.lastIndexOf("-r");
    return r < 0 ? text : text.substring(0, r);
  }

  /**
   * Whether this version satisfies {@code op version} of an atom ({@code <, <=, =, ~, >=, >}; for
   * {@code =} with {@code wildcard}, a version that starts with {@code version}).
   */
  public boolean satisfies(String op, String version, boolean wildcard) {
    PmsVersion v = parse(version);
    if (v == null) {
      return false;
    }
    int c = compareTo(v);
    return switch (op) {
      case "<" -> c < 0;
      case "<=" -> c <= 0;
      case ">" -> c > 0;
      case ">=" -> c >= 0;
      case "~" -> compareIgnoringRevision(v) == 0;
      case "=" -> wildcard ? text.startsWith(version) : c == 0;
      default -> false;
    };
  }

  private int compareIgnoringRevision(PmsVersion o) {
    return new PmsVersion(text, numbers, letter, suffixes, BigInteger.ZERO)
        .compareTo(new PmsVersion(o.text, o.numbers, o.letter, o.suffixes, BigInteger.ZERO));
  }

  @Override
  public int compareTo(PmsVersion o) {
    // numeric components (3.3 algorithms 3.2 and 3.3)
    int c = new BigInteger(numbers[0]).compareTo(new BigInteger(o.numbers[0]));
    if (c != 0) {
      return c;
    }
    int common = Math.min(numbers.length, o.numbers.length);
    for (int i = 1; i < common; i++) {
      String a = numbers[i];
      String b = o.numbers[i];
      if (a.startsWith("0") || b.startsWith("0")) {
        c = stripTrailingZeros(a).compareTo(stripTrailingZeros(b));
      } else {
        c = new BigInteger(a).compareTo(new BigInteger(b));
      }
      if (c != 0) {
        return Integer.signum(c);
      }
    }
    if (numbers.length != o.numbers.length) {
      return numbers.length > o.numbers.length ? 1 : -1;
    }
    // letter
    if (letter != o.letter) {
      return letter < o.letter ? -1 : 1;
    }
    // suffixes
    int n = Math.min(suffixes.size(), o.suffixes.size());
    for (int i = 0; i < n; i++) {
      String[] a = suffixes.get(i);
      String[] b = o.suffixes.get(i);
      if (!a[0].equals(b[0])) {
        return Integer.compare(SUFFIX_ORDER.indexOf(a[0]), SUFFIX_ORDER.indexOf(b[0]));
      }
      c = number(a[1]).compareTo(number(b[1]));
      if (c != 0) {
        return c;
      }
    }
    if (suffixes.size() != o.suffixes.size()) {
      String next = suffixes.size() > o.suffixes.size() ? suffixes.get(n)[0] : o.suffixes.get(n)[0];
      int longer = suffixes.size() > o.suffixes.size() ? 1 : -1;
      return next.equals("p") ? longer : -longer;
    }
    return revision.compareTo(o.revision);
  }

  private static BigInteger number(String s) {
    return s.isEmpty() ? BigInteger.ZERO : new BigInteger(s);
  }

  private static String stripTrailingZeros(String s) {
    int end = s.length();
    while (end > 0 && s.charAt(end - 1) == '0') {
      end--;
    }
    return s.substring(0, end);
  }

  @Override
  public String toString() {
    return text;
  }
}
