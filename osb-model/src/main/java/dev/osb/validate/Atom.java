package dev.osb.validate;

import java.util.ArrayList;
import java.util.List;

/**
 * A parsed PMS (EAPI 8) package dependency atom, plus portage's {@code ::repo}:
 * {@code [op]category/package[-version][*][:slot[/subslot][=] | :* | :=][::repo][[use,...]]}.
 *
 * <p>Blockers ({@code !} / {@code !!}) are refused: OSB installs what it is given. Every field that is
 * absent is {@code null} ({@link #useDeps()} is then empty). {@link #toString()} gives the canonical
 * text back, equal to the parsed input.
 *
 * @param operator one of {@code < <= = ~ >= >}, or null; never null when {@code version} is set
 * @param category the category, e.g. {@code dev-lang}
 * @param packageName the package name without version, e.g. {@code python}
 * @param version the PMS version without the wildcard, e.g. {@code 3.13.1-r1}, or null
 * @param versionWildcard true for {@code =cat/pkg-1.2*} (only with the {@code =} operator)
 * @param slot the slot name, or null
 * @param subslot the sub-slot name, or null
 * @param slotOperator {@code =} or {@code *}, or null
 * @param repo the repository name after {@code ::}, or null
 * @param useDeps the USE dependencies as written, e.g. {@code [ssl, -X, python?, !test=, gtk(+)]}
 */
public record Atom(
    String operator,
    String category,
    String packageName,
    String version,
    boolean versionWildcard,
    String slot,
    String subslot,
    String slotOperator,
    String repo,
    List<String> useDeps) {

  /** Longest atom accepted; PMS has no limit, but nothing real comes close. */
  public static final int MAX_LENGTH = 1024;

  public Atom {
    useDeps = useDeps == null ? List.of() : List.copyOf(useDeps);
  }

  /** {@code category/package}: the identity used to find duplicates. */
  public String key() {
    return category + "/" + packageName;
  }

  /**
   * Parses one atom.
   *
   * @throws IllegalArgumentException with a short reason (the same text {@link Grammar#atom} returns)
   */
  public static Atom parse(String s) {
    String reason = Grammar.basic(s, MAX_LENGTH);
    if (reason != null) {
      throw fail(reason);
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!atomChar(c)) {
        throw fail(badChar(s, i));
      }
    }
    if (s.charAt(0) == '!') {
      throw fail("a blocker (!) cannot be installed; put it in portage.mask instead");
    }
    if (s.charAt(0) == '@') {
      throw fail("a package set (@world, @system, ...) is not an atom; list the packages");
    }
    String op = operatorOf(s);
    String rest = s.substring(op == null ? 0 : op.length());
    if (!rest.isEmpty() && "<>=~".indexOf(rest.charAt(0)) >= 0) {
      throw fail("has more than one operator; use one of <, <=, =, ~, >=, >");
    }

    List<String> useDeps = List.of();
    int lb = rest.indexOf('[');
    if (lb >= 0) {
      int rb = rest.indexOf(']', lb);
      if (rb < 0) {
        throw fail("'[' opens USE dependencies but there is no closing ']'");
      }
      String body = rest.substring(lb + 1, rb);
      if (body.indexOf('[') >= 0) {
        throw fail("has '[' inside the USE dependencies");
      }
      if (rb != rest.length() - 1) {
        throw fail("nothing may follow the USE dependencies; the order is cat/pkg:slot::repo[use]");
      }
      useDeps = parseUseDeps(body);
      rest = rest.substring(0, lb);
    } else if (rest.indexOf(']') >= 0) {
      throw fail("has ']' without an opening '['");
    }
    for (int i = 0; i < rest.length(); i++) {
      char c = rest.charAt(i);
      if ("(),!?@".indexOf(c) >= 0) {
        throw fail("'" + c + "' is only allowed inside USE dependencies [...]");
      }
    }

    String repo = null;
    int dc = rest.indexOf("::");
    if (dc >= 0) {
      repo = rest.substring(dc + 2);
      rest = rest.substring(0, dc);
      if (repo.isEmpty()) {
        throw fail("'::' starts a repository name; the name is empty");
      }
      if (repo.indexOf(':') >= 0) {
        throw fail("the slot (:) comes before the repository (::), and there is only one '::'; "
            + "write cat/pkg:slot::repo");
      }
      String r = Grammar.repoName(repo);
      if (r != null) {
        throw fail("the repository name after '::' " + (r.equals("is empty") ? r : "is invalid: " + r));
      }
    }

    String slot = null;
    String subslot = null;
    String slotOperator = null;
    int colon = rest.indexOf(':');
    if (colon >= 0) {
      String sp = rest.substring(colon + 1);
      rest = rest.substring(0, colon);
      if (sp.isEmpty()) {
        throw fail("':' starts a slot; the slot name is empty");
      }
      if (sp.equals("*") || sp.equals("=")) {
        slotOperator = sp;
      } else {
        String body = sp;
        if (body.endsWith("=")) {
          slotOperator = "=";
          body = body.substring(0, body.length() - 1);
        }
        if (body.indexOf('*') >= 0) {
          throw fail("':*' is a slot operator on its own; it takes no slot name");
        }
        int slash = body.indexOf('/');
        if (slash >= 0) {
          slot = body.substring(0, slash);
          subslot = body.substring(slash + 1);
          if (slot.isEmpty()) {
            throw fail("the slot name before '/' is empty");
          }
          if (subslot.isEmpty()) {
            throw fail("the sub-slot after '/' is empty");
          }
          if (subslot.indexOf('/') >= 0) {
            throw fail("has more than one '/' in the slot; write :slot/subslot");
          }
        } else {
          slot = body;
        }
        String r = slotNameReason(slot, "slot");
        if (r == null && subslot != null) {
          r = slotNameReason(subslot, "sub-slot");
        }
        if (r != null) {
          throw fail(r);
        }
      }
    }

    int slash = rest.indexOf('/');
    if (slash < 0) {
      throw fail(rest.isEmpty() ? "has no category/package"
          : "has no category; write category/package, e.g. app-editors/vim");
    }
    if (rest.indexOf('/', slash + 1) >= 0) {
      throw fail("has more than one '/'; an atom is category/package");
    }
    String category = rest.substring(0, slash);
    String pv = rest.substring(slash + 1);
    String r = categoryReason(category);
    if (r != null) {
      throw fail(r);
    }
    if (pv.isEmpty()) {
      throw fail("the package name after '/' is empty");
    }
    boolean wildcard = false;
    if (pv.endsWith("*")) {
      if (!"=".equals(op)) {
        throw fail(op == null && pv.equals("*")
            ? "a wildcard (cat/*) is not an atom; name one package"
            : "'*' after a version works only with the '=' operator, as in =cat/pkg-1.2*");
      }
      wildcard = true;
      pv = pv.substring(0, pv.length() - 1);
    }
    if (pv.indexOf('*') >= 0) {
      throw fail("'*' is only allowed at the end of a version, as in =cat/pkg-1.2*");
    }

    int split = versionSplit(pv);
    String name;
    String version = null;
    if (op != null) {
      if (split < 0) {
        String needs = "the '" + op + "' operator needs a version after the package name";
        int h = lastHyphenBeforeDigit(pv);
        if (h > 0) {
          String v = pv.substring(h + 1);
          String vr = versionReason(v);
          if (vr != null) {
            throw fail(needs + "; '" + v + "' is not one (" + vr + ")");
          }
        }
        throw fail(needs + ", e.g. " + op + "cat/pkg-1.0" + (wildcard ? "*" : ""));
      }
      name = pv.substring(0, split);
      version = pv.substring(split + 1);
      if (name.isEmpty()) {
        throw fail("the package name before the version is empty");
      }
      r = packageNameReason(name);
      if (r != null) {
        throw fail(r);
      }
      if (op.equals("~") && version.contains("-r")) {
        throw fail("'~' already matches every revision; drop the -r part");
      }
    } else {
      if (split >= 0 && packageNameReason(pv.substring(0, split)) == null) {
        throw fail("a version needs an operator in front, e.g. =cat/pkg-1.0 or >=cat/pkg-1.0");
      }
      name = pv;
      r = packageNameReason(name);
      if (r != null) {
        throw fail(r);
      }
    }
    return new Atom(op, category, name, version, wildcard, slot, subslot, slotOperator, repo, useDeps);
  }

  @Override
  public String toString() {
    StringBuilder b = new StringBuilder();
    if (operator != null) {
      b.append(operator);
    }
    b.append(category).append('/').append(packageName);
    if (version != null) {
      b.append('-').append(version);
    }
    if (versionWildcard) {
      b.append('*');
    }
    if (slot != null || slotOperator != null) {
      b.append(':');
      if (slot != null) {
        b.append(slot);
      }
      if (subslot != null) {
        b.append('/').append(subslot);
      }
      if (slotOperator != null) {
        b.append(slotOperator);
      }
    }
    if (repo != null) {
      b.append("::").append(repo);
    }
    if (!useDeps.isEmpty()) {
      b.append('[').append(String.join(",", useDeps)).append(']');
    }
    return b.toString();
  }

  // ---------------------------------------------------------------- pieces, shared with Grammar

  private static IllegalArgumentException fail(String reason) {
    return new Invalid(reason);
  }

  /** A refusal: an ordinary IllegalArgumentException without the cost of a stack trace. */
  private static final class Invalid extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    Invalid(String reason) {
      super(reason);
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
      return this;
    }
  }

  private static boolean atomChar(char c) {
    return Grammar.alnum(c) || "+_.-/:=*~<>[](),!?@".indexOf(c) >= 0;
  }

  private static String badChar(String s, int i) {
    char c = s.charAt(i);
    if (c == ' ') {
      return "contains a space; give one atom per entry (USE flags go under use:)";
    }
    if (c == '#') {
      return "contains '#', which starts a comment in portage files and catalyst specs";
    }
    return "contains " + Grammar.describe(s, i) + ", which cannot appear in a package atom";
  }

  private static String operatorOf(String s) {
    for (String op : new String[] {"<=", ">=", "<", ">", "=", "~"}) {
      if (s.startsWith(op)) {
        return op;
      }
    }
    return null;
  }

  /** Category: {@code [A-Za-z0-9_][A-Za-z0-9+_.-]*}. */
  static String categoryReason(String c) {
    if (c.isEmpty()) {
      return "the category before '/' is empty";
    }
    if (!Grammar.alnum(c.charAt(0)) && c.charAt(0) != '_') {
      return "a category starts with a letter, digit or '_'";
    }
    for (int i = 1; i < c.length(); i++) {
      char ch = c.charAt(i);
      if (!Grammar.alnum(ch) && "+_.-".indexOf(ch) < 0) {
        return operatorHint(ch, "contains " + Grammar.describe(c, i)
            + " in the category; categories use letters, digits, '+', '_', '.' and '-'");
      }
    }
    return null;
  }

  /**
   * Package name: {@code [A-Za-z0-9_][A-Za-z0-9+_-]*}, not ending in a hyphen followed by something
   * that is a valid version.
   */
  static String packageNameReason(String n) {
    if (n.isEmpty()) {
      return "the package name is empty";
    }
    if (!Grammar.alnum(n.charAt(0)) && n.charAt(0) != '_') {
      return "a package name starts with a letter, digit or '_'";
    }
    for (int i = 1; i < n.length(); i++) {
      char ch = n.charAt(i);
      if (!Grammar.alnum(ch) && "+_-".indexOf(ch) < 0) {
        return operatorHint(ch, "contains " + Grammar.describe(n, i)
            + " in the package name; package names use letters, digits, '+', '_' and '-'");
      }
    }
    if (endsWithVersion(n)) {
      return "a package name cannot end in '-' followed by a version";
    }
    return null;
  }

  private static String operatorHint(char ch, String otherwise) {
    if ("<>=~".indexOf(ch) >= 0) {
      return "contains '" + ch + "' in the middle; an operator goes in front, e.g. >=cat/pkg-1.0";
    }
    return otherwise;
  }

  /** Slot and sub-slot names: {@code [A-Za-z0-9_][A-Za-z0-9+_.-]*}. */
  private static String slotNameReason(String n, String what) {
    if (!Grammar.alnum(n.charAt(0)) && n.charAt(0) != '_') {
      return "a " + what + " name starts with a letter, digit or '_'";
    }
    for (int i = 1; i < n.length(); i++) {
      char ch = n.charAt(i);
      if (ch == '=') {
        return "'=' is a slot operator and goes at the end (:slot=)";
      }
      if (!Grammar.alnum(ch) && "+_.-".indexOf(ch) < 0) {
        return "contains " + Grammar.describe(n, i) + " in the " + what + "; " + what
            + " names use letters, digits, '+', '_', '.' and '-'";
      }
    }
    return null;
  }

  /** True when the name ends in '-' followed by a valid version (PMS forbids that for names). */
  static boolean endsWithVersion(String n) {
    return versionSplit(n) > 0;
  }

  /**
   * Index of the hyphen that starts a trailing valid version ({@code -1.2}, {@code -1.2-r3}), or -1.
   * A version holds at most one hyphen (before {@code rN}), so only the last two hyphens matter:
   * linear time.
   */
  static int versionSplit(String pv) {
    int h1 = pv.lastIndexOf('-');
    if (h1 < 0) {
      return -1;
    }
    if (isRevision(pv, h1 + 1)) {
      int h2 = h1 == 0 ? -1 : pv.lastIndexOf('-', h1 - 1);
      if (h2 >= 0 && versionReason(pv.substring(h2 + 1)) == null) {
        return h2;
      }
      return -1;
    }
    return versionReason(pv.substring(h1 + 1)) == null ? h1 : -1;
  }

  private static boolean isRevision(String s, int from) {
    if (from >= s.length() || s.charAt(from) != 'r' || from + 1 >= s.length()) {
      return false;
    }
    for (int i = from + 1; i < s.length(); i++) {
      if (!Grammar.digit(s.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /** For diagnostics: the last hyphen that is followed by a digit, or -1. */
  private static int lastHyphenBeforeDigit(String pv) {
    for (int i = pv.length() - 2; i >= 0; i--) {
      if (pv.charAt(i) == '-' && Grammar.digit(pv.charAt(i + 1))) {
        return i;
      }
    }
    return -1;
  }

  /**
   * PMS version: {@code [0-9]+(\.[0-9]+)*[a-z]?((_alpha|_beta|_pre|_rc|_p)[0-9]*)*(-r[0-9]+)?}.
   * Returns null when valid, else a reason.
   */
  static String versionReason(String v) {
    int n = v.length();
    if (n == 0) {
      return "the version is empty";
    }
    if (!Grammar.digit(v.charAt(0))) {
      return "a version starts with a digit";
    }
    int i = 0;
    while (i < n && Grammar.digit(v.charAt(i))) {
      i++;
    }
    while (i < n && v.charAt(i) == '.') {
      i++;
      if (i >= n || !Grammar.digit(v.charAt(i))) {
        return "'.' in a version must be followed by digits";
      }
      while (i < n && Grammar.digit(v.charAt(i))) {
        i++;
      }
    }
    if (i < n && v.charAt(i) >= 'a' && v.charAt(i) <= 'z') {
      i++;
      if (i < n && Character.isLetter(v.charAt(i))) {
        return "only one lowercase letter may follow the numbers of a version, as in 1.2a";
      }
    }
    while (i < n && v.charAt(i) == '_') {
      int j = i + 1;
      while (j < n && v.charAt(j) >= 'a' && v.charAt(j) <= 'z') {
        j++;
      }
      String word = v.substring(i + 1, j);
      if (!word.equals("alpha") && !word.equals("beta") && !word.equals("pre") && !word.equals("rc")
          && !word.equals("p")) {
        return "version suffixes are _alpha, _beta, _pre, _rc and _p, each with an optional number";
      }
      i = j;
      while (i < n && Grammar.digit(v.charAt(i))) {
        i++;
      }
    }
    if (i < n && v.charAt(i) == '-') {
      if (isRevision(v, i + 1)) {
        return null;
      }
      return "a revision is -r followed by digits, as in 1.2-r1";
    }
    if (i < n) {
      char c = v.charAt(i);
      if (c >= 'A' && c <= 'Z') {
        return "a version letter is lowercase, as in 1.2a";
      }
      return "unexpected " + Grammar.describe(v, i) + " in the version";
    }
    return null;
  }

  /** USE dependencies: {@code [!|-]flag[(+)|(-)][=|?]}, comma-separated, no spaces. */
  private static List<String> parseUseDeps(String body) {
    if (body.isEmpty()) {
      throw fail("'[]' holds no USE dependency; list some or drop the brackets");
    }
    List<String> out = new ArrayList<>();
    int start = 0;
    while (true) {
      int comma = body.indexOf(',', start);
      String item = comma < 0 ? body.substring(start) : body.substring(start, comma);
      if (item.isEmpty()) {
        throw fail("has an empty USE dependency (two commas, or a comma at either end)");
      }
      String r = useDepReason(item);
      if (r != null) {
        throw fail("the USE dependency '" + item + "' " + r);
      }
      out.add(item);
      if (comma < 0) {
        return out;
      }
      start = comma + 1;
    }
  }

  private static String useDepReason(String item) {
    int n = item.length();
    int i = 0;
    char prefix = 0;
    if (item.charAt(0) == '!' || item.charAt(0) == '-') {
      prefix = item.charAt(0);
      i = 1;
    }
    int nameStart = i;
    if (i >= n || !Grammar.alnum(item.charAt(i))) {
      return i >= n || "=?(".indexOf(item.charAt(i)) >= 0 ? "has no flag name"
          : "must start its flag name with a letter or digit";
    }
    while (i < n && Grammar.useFlagChar(item.charAt(i))) {
      i++;
    }
    if (i == nameStart) {
      return "has no flag name";
    }
    if (i < n && item.charAt(i) == '(') {
      if (!item.startsWith("(+)", i) && !item.startsWith("(-)", i)) {
        return "has a bad default; a USE default is (+) or (-)";
      }
      i += 3;
    }
    char suffix = 0;
    if (i < n && (item.charAt(i) == '=' || item.charAt(i) == '?')) {
      suffix = item.charAt(i);
      i++;
    }
    if (i < n) {
      return "has unexpected " + Grammar.describe(item, i)
          + "; the form is [!|-]flag[(+)|(-)][=|?]";
    }
    if (prefix == '!' && suffix == 0) {
      return "needs '=' or '?' after the flag (!flag= or !flag?)";
    }
    if (prefix == '-' && suffix != 0) {
      return "cannot combine '-' with '" + suffix + "'";
    }
    return null;
  }
}
