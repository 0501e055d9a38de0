package dev.osb.validate;

import dev.osb.load.Location;
import dev.osb.load.MapNode;
import dev.osb.load.Node;
import dev.osb.load.ProjectPaths;
import dev.osb.load.ScalarNode;
import dev.osb.load.SeqNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Typed reads from the YAML tree that turn every mismatch into a located Problem: unknown keys
 * with a did-you-mean, wrong types, values that fail a {@link Grammar} rule, paths that leave
 * the project. A read that fails returns null (or an empty list) so binding goes on and every
 * problem is found in one run.
 */
final class Reader {

  private final Set<Problem> problems;
  private final Path root;

  Reader(Set<Problem> problems, Path root) {
    this.problems = problems;
    this.root = root;
  }

  void error(Node at, String message, String hint) {
    problems.add(Problem.error(at.location(), message, hint));
  }

  void error(Location at, String message, String hint) {
    problems.add(Problem.error(at, message, hint));
  }

  void warning(Node at, String message, String hint) {
    problems.add(Problem.warning(at.location(), message, hint));
  }

  /** The value for messages: control characters made visible, secrets never shown. */
  static String show(ScalarNode s) {
    if (s.isSecret()) {
      return s.display();
    }
    if (s.text().contains("PRIVATE KEY")) {
      return "<a private key, not shown>";
    }
    return visible(CREDENTIALS.matcher(s.text()).replaceAll("$1***@"));
  }

  /** The password of {@code scheme://user:password@host}, which messages never show. */
  private static final java.util.regex.Pattern CREDENTIALS =
      java.util.regex.Pattern.compile("(://[^/@:\\s]*:)[^/@\\s]*@");

  static String visible(String text) {
    StringBuilder sb = new StringBuilder();
    int n = Math.min(text.length(), 120);
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      switch (c) {
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          if (c < 0x20 || c == 0x7f) {
            sb.append(String.format("\\x%02x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    if (text.length() > n) {
      sb.append("...");
    }
    return sb.toString();
  }

  // ---------------------------------------------------------------- maps and keys

  /**
   * The map at {@code node}, after reporting every key not in {@code section}'s key table; null
   * (with a problem) when it is not a map.
   */
  MapNode map(Node node, String what, String section) {
    if (node == null || node.isReset()) {
      return null;
    }
    if (!(node instanceof MapNode m)) {
      error(node, "'" + what + "' must be a map, not " + node.describe(), mapHint(section));
      return null;
    }
    if (section != null) {
      checkKeys(m, section, what);
    }
    return m;
  }

  private static String mapHint(String section) {
    List<String> keys = section == null ? List.of() : Keys.of(section);
    return keys.isEmpty() ? null : "its keys are " + String.join(", ", keys);
  }

  void checkKeys(MapNode m, String section, String what) {
    List<String> known = Keys.of(section);
    for (MapNode.Entry e : m.entries().values()) {
      if (known.contains(e.key())) {
        continue;
      }
      String where = what.isEmpty() ? "" : " in '" + what + "'";
      String hint = Grammar.didYouMean(e.key(), known).map(k -> "did you mean '" + k + "'?")
          .orElseGet(() -> elsewhere(e.key(), section));
      if (hint == null) {
        hint = "known keys" + where + ": " + String.join(", ", known);
      }
      error(e.keyLocation(), "unknown key '" + visible(e.key()) + "'" + where, hint);
    }
  }

  /** A hint when the key belongs to another section: {@code hostname} -> system.hostname. */
  private static String elsewhere(String key, String section) {
    for (Map.Entry<String, List<String>> s : Keys.sections().entrySet()) {
      String path = s.getKey();
      if (!path.equals(section) && !path.isEmpty() && !path.contains("[") && !path.contains("*")
          && s.getValue().contains(key)) {
        return "did you mean '" + path + "." + key + "'?";
      }
    }
    return null;
  }

  Node get(MapNode m, String key) {
    if (m == null) {
      return null;
    }
    Node n = m.get(key).orElse(null);
    return n == null || n.isReset() ? null : n;
  }

  Node require(MapNode m, String key, String what, String hint) {
    Node n = get(m, key);
    if (n == null && m != null) {
      Location at = m.has(key) ? m.entries().get(key).keyLocation() : m.location();
      error(at, "missing required key '" + (what.isEmpty() ? key : what + "." + key) + "'", hint);
    }
    return n;
  }

  /** Whether an error was already reported at this node's location. */
  boolean reported(Node n) {
    return problems.stream().anyMatch(p -> p.isError() && p.location().equals(n.location()));
  }

  // ---------------------------------------------------------------- scalars

  /** A string (numbers keep their written text); null when absent or of the wrong type. */
  ScalarNode scalar(Node n, String what) {
    if (n == null || n.isReset()) {
      return null;
    }
    if (n instanceof ScalarNode s) {
      if (s.isSecret() && !what.endsWith("password_hash")) {
        error(n, "'" + what + "' cannot take a secret (" + s.display() + ")",
            "secrets are only accepted in users[].password_hash, so they never reach a rendered file");
        return null;
      }
      if (s.text().contains("${") && reported(n)) {
        return null; // an unresolved reference, already reported by the interpolator
      }
      if (s.tag() == ScalarNode.Tag.BOOL) {
        error(n, "'" + what + "' must be a string, not true/false",
            "quote it if you mean the word: \"" + s.text() + "\"");
        return null;
      }
      return s;
    }
    error(n, "'" + what + "' must be a string, not " + n.describe(), null);
    return null;
  }

  /** A string checked by a grammar rule; null when absent or invalid. */
  String string(Node n, String what, Function<String, String> rule) {
    ScalarNode s = scalar(n, what);
    if (s == null) {
      return null;
    }
    String reason = rule == null ? null : rule.apply(s.text());
    if (reason != null) {
      error(n, "invalid " + what + " '" + show(s) + "': " + reason, null);
      return null;
    }
    return s.text();
  }

  Integer integer(Node n, String what, int min, int max) {
    if (n == null || n.isReset()) {
      return null;
    }
    if (n instanceof ScalarNode s && s.tag() == ScalarNode.Tag.INT) {
      java.math.BigInteger v = yamlInt(s.text());
      if (v.compareTo(java.math.BigInteger.valueOf(min)) < 0 || v.compareTo(java.math.BigInteger.valueOf(max)) > 0) {
        error(n, "'" + what + "' is " + s.text() + "; it must be from " + min + " to " + max, null);
        return null;
      }
      return v.intValueExact();
    }
    if (n instanceof ScalarNode s && s.tag() != ScalarNode.Tag.NULL) {
      error(n, "'" + what + "' must be a whole number, not " + (s.tag() == ScalarNode.Tag.STR ? "a string " : "")
          + "'" + show(s) + "'", s.tag() == ScalarNode.Tag.STR ? "write it without quotes" : null);
      return null;
    }
    error(n, "'" + what + "' must be a whole number, not " + n.describe(), null);
    return null;
  }

  /** A YAML 1.2 core-schema int: decimal (a leading 0 is still decimal), 0o octal, 0x hex. */
  static java.math.BigInteger yamlInt(String text) {
    if (text.startsWith("0o")) {
      return new java.math.BigInteger(text.substring(2), 8);
    }
    if (text.startsWith("0x")) {
      return new java.math.BigInteger(text.substring(2), 16);
    }
    return new java.math.BigInteger(text.startsWith("+") ? text.substring(1) : text);
  }

  Double number(Node n, String what, double min, double max) {
    if (n == null || n.isReset()) {
      return null;
    }
    if (n instanceof ScalarNode s
        && (s.tag() == ScalarNode.Tag.INT || s.tag() == ScalarNode.Tag.FLOAT)) {
      double v = s.tag() == ScalarNode.Tag.INT ? yamlInt(s.text()).doubleValue() : yamlFloat(s.text());
      if (!(v >= min && v <= max)) {
        error(n, "'" + what + "' is " + s.text() + "; it must be from " + min + " to " + max, null);
        return null;
      }
      return v;
    }
    error(n, "'" + what + "' must be a number, not " + n.describe()
        + (n instanceof ScalarNode s ? " '" + show(s) + "'" : ""), null);
    return null;
  }

  /** A YAML 1.2 core-schema float, .inf and .nan included. */
  static double yamlFloat(String text) {
    String t = text.toLowerCase(java.util.Locale.ROOT);
    if (t.endsWith(".inf")) {
      return t.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
    }
    if (t.equals(".nan")) {
      return Double.NaN;
    }
    return Double.parseDouble(text);
  }

  Boolean bool(Node n, String what) {
    if (n == null || n.isReset()) {
      return null;
    }
    if (n instanceof ScalarNode s && s.tag() == ScalarNode.Tag.BOOL) {
      return Boolean.parseBoolean(s.text().toLowerCase(java.util.Locale.ROOT));
    }
    String hint = n instanceof ScalarNode s && Set.of("yes", "no", "on", "off").contains(s.text())
        ? "YAML 1.2 reads '" + s.text() + "' as a string; write true or false" : "write true or false";
    error(n, "'" + what + "' must be true or false, not " + n.describe(), hint);
    return null;
  }

  /** One of fixed words. */
  String choice(Node n, String what, List<String> choices) {
    ScalarNode s = scalar(n, what);
    if (s == null) {
      return null;
    }
    if (!choices.contains(s.text())) {
      error(n, "invalid " + what + " '" + show(s) + "'",
          Grammar.didYouMean(s.text(), choices).map(c -> "did you mean '" + c + "'?")
              .orElse("one of: " + String.join(", ", choices)));
      return null;
    }
    return s.text();
  }

  // ---------------------------------------------------------------- lists

  /** The items of a list; a lone scalar is an error (lists are always written as lists). */
  List<Node> items(Node n, String what) {
    if (n == null || n.isReset()) {
      return List.of();
    }
    if (n instanceof SeqNode q) {
      List<Node> out = new ArrayList<>(q.items().size());
      for (Node item : q.items()) {
        if (item.isReset()) {
          error(item, "'" + what + "' has an empty item", "remove the empty item");
        } else {
          out.add(item);
        }
      }
      return out;
    }
    String hint = n instanceof ScalarNode s ? "write a list: [" + show(s) + "]" : null;
    error(n, "'" + what + "' must be a list, not " + n.describe(), hint);
    return List.of();
  }

  /** A list of strings, each checked by {@code rule}; invalid items are reported and dropped. */
  List<String> strings(Node n, String what, Function<String, String> rule) {
    List<String> out = new ArrayList<>();
    for (Node item : items(n, what)) {
      String v = string(item, what + " item", rule);
      if (v != null) {
        out.add(v);
      }
    }
    return out;
  }

  /** A list of strings, also reporting repeated items. */
  List<String> uniqueStrings(Node n, String what, Function<String, String> rule) {
    List<String> out = new ArrayList<>();
    Map<String, Node> seen = new java.util.HashMap<>();
    for (Node item : items(n, what)) {
      String v = string(item, what + " item", rule);
      if (v == null) {
        continue;
      }
      Node first = seen.putIfAbsent(v, item);
      if (first != null) {
        error(item, "duplicate " + what + " item '" + visible(v) + "' (first at "
            + first.location().format(root) + ")", "remove one of them");
        continue;
      }
      out.add(v);
    }
    return out;
  }

  // ---------------------------------------------------------------- paths

  /** A project path, resolved against the file that wrote it; null when invalid. */
  Path path(Node n, String what, boolean directory) {
    String written = string(n, what, Grammar::relativePath);
    if (written == null) {
      return null;
    }
    Path dir = n.location().file().getParent();
    ProjectPaths.Resolved r = ProjectPaths.resolve(dir, written, root, true);
    if (!r.ok()) {
      error(n, what + ": " + r.error(), r.hint());
      return null;
    }
    if (directory && !Files.isDirectory(r.path())) {
      error(n, what + ": '" + written + "' is not a directory", "name a directory");
      return null;
    }
    if (!directory && !Files.isRegularFile(r.path())) {
      error(n, what + ": '" + written + "' is not a regular file", "name a file");
      return null;
    }
    return r.path();
  }

  Optional<String> displayRoot() {
    return Optional.ofNullable(root).map(Path::toString);
  }
}
