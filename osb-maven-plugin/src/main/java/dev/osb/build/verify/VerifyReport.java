package dev.osb.build.verify;

import java.util.List;

/**
 * What osb:verify found in one stage tarball: every check, passed or not, in a fixed order.
 *
 * @param build the build id (stage4, a variant name, ...)
 * @param tarball the tarball's file name
 * @param checks every check, in the order they ran
 */
public record VerifyReport(String build, String tarball, List<Check> checks) {

  /**
   * One check.
   *
   * @param name what was checked, e.g. {@code account admin: shell}; unique within a report
   * @param passed whether the tarball holds what os.yaml asks for
   * @param expected what os.yaml asks for, in words (never a secret)
   * @param actual what the tarball holds, in words (never a password hash)
   * @param detail for a failure, the one-line message naming the difference and where os.yaml
   *     asked for it; for a pass, a note or null
   */
  public record Check(String name, boolean passed, String expected, String actual, String detail) {}

  public VerifyReport {
    checks = List.copyOf(checks);
  }

  /** The checks that failed, in order. */
  public List<Check> failures() {
    return checks.stream().filter(c -> !c.passed()).toList();
  }

  /** True when every check passed. */
  public boolean passed() {
    return checks.stream().allMatch(Check::passed);
  }

  /** The failure messages, one per failed check. */
  public List<String> messages() {
    return failures().stream().map(c -> c.detail() != null ? c.detail() : c.name()).toList();
  }

  /** One line for a log: {@code stage4: 57 checks of <tarball>, 2 failed}. */
  public String summary() {
    int f = failures().size();
    return build + ": " + checks.size() + (checks.size() == 1 ? " check of " : " checks of ") + tarball + ", " + (f == 0 ? "all passed" : f + " failed");
  }

  /**
   * The report as a JUnit XML {@code <testsuite>}: one {@code <testcase>} per check (classname
   * {@code suiteName}), a {@code <failure>} with the message and the expected and actual values
   * for each failed one. Deterministic: no timestamps, no host name, times are 0.
   */
  public String toJUnitXml(String suiteName) {
    StringBuilder x = new StringBuilder();
    x.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    x.append("<testsuite name=\"").append(attr(suiteName)).append("\" tests=\"").append(checks.size())
        .append("\" failures=\"").append(failures().size()).append("\" errors=\"0\" skipped=\"0\" time=\"0\">\n");
    x.append("  <properties>\n");
    x.append("    <property name=\"osb.build\" value=\"").append(attr(build)).append("\"/>\n");
    x.append("    <property name=\"osb.tarball\" value=\"").append(attr(tarball)).append("\"/>\n");
    x.append("  </properties>\n");
    for (Check c : checks) {
      x.append("  <testcase classname=\"").append(attr(suiteName)).append("\" name=\"").append(attr(c.name()))
          .append("\" time=\"0\"");
      if (c.passed()) {
        x.append("/>\n");
        continue;
      }
      x.append(">\n");
      String message = c.detail() != null ? c.detail() : c.name();
      x.append("    <failure type=\"osb.verify\" message=\"").append(attr(message)).append("\">")
          .append(text(message + "\nexpected: " + c.expected() + "\nactual: " + c.actual()))
          .append("</failure>\n");
      x.append("  </testcase>\n");
    }
    x.append("</testsuite>\n");
    return x.toString();
  }

  /** Attribute value: markup, quotes and line breaks escaped, characters XML 1.0 forbids replaced. */
  static String attr(String s) {
    return escape(s, true);
  }

  static String text(String s) {
    return escape(s, false);
  }

  private static String escape(String s, boolean attribute) {
    if (s == null) {
      return "";
    }
    StringBuilder b = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      i += Character.charCount(cp);
      switch (cp) {
        case '&' -> b.append("&amp;");
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '"' -> b.append(attribute ? "&quot;" : "\"");
        case '\'' -> b.append(attribute ? "&apos;" : "'");
        case '\n' -> b.append(attribute ? "&#10;" : "\n");
        case '\r' -> b.append("&#13;");
        case '\t' -> b.append(attribute ? "&#9;" : "\t");
        default -> {
          boolean legal = (cp >= 0x20 && cp <= 0xD7FF) || (cp >= 0xE000 && cp <= 0xFFFD)
              || (cp >= 0x10000 && cp <= 0x10FFFF);
          if (legal) {
            b.appendCodePoint(cp);
          } else {
            b.append('\uFFFD');
          }
        }
      }
    }
    return b.toString();
  }
}
