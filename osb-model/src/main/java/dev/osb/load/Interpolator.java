package dev.osb.load;

import dev.osb.validate.Problem;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Replaces {@code ${...}} references in every string of a merged tree: {@code ${project.KEY}},
 * {@code ${env.NAME}}, {@code ${osb.timestamp}} ({@code 20261125T000000Z}), {@code
 * ${osb.datestamp}} ({@code 20261125}), {@code ${osb.treeish}} (snapshot.treeish) and {@code
 * ${secret:NAME}}. {@code $${} is a literal {@code ${}. A reference that does not resolve is a
 * Problem, never an empty string. Values that took a secret remember its name, so they are
 * shown as the reference, never as the value.
 */
public final class Interpolator {

  private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  private static final Pattern SECRET_NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]*");
  private static final Pattern PROJECT_KEY = Pattern.compile("[A-Za-z][A-Za-z0-9.]*");
  private static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter DATESTAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd").withZone(ZoneOffset.UTC);

  private final Inputs inputs;
  private final String treeish;
  private final List<Problem> problems = new ArrayList<>();

  private Interpolator(Inputs inputs, String treeish) {
    this.inputs = inputs;
    this.treeish = treeish;
  }

  /** The interpolated tree; problems are added to {@code out}. */
  public static MapNode apply(MapNode tree, Inputs inputs, List<Problem> out) {
    String treeish =
        tree.get("snapshot")
            .filter(MapNode.class::isInstance)
            .flatMap(s -> ((MapNode) s).get("treeish"))
            .filter(ScalarNode.class::isInstance)
            .map(n -> ((ScalarNode) n).text())
            .filter(t -> !t.contains("${"))
            .orElse(null);
    Interpolator i = new Interpolator(inputs, treeish);
    MapNode result = (MapNode) i.walk(tree);
    out.addAll(i.problems);
    return result;
  }

  private Node walk(Node n) {
    if (n instanceof ScalarNode s) {
      return s.tag() == ScalarNode.Tag.STR && s.text().contains("$") ? scalar(s) : s;
    }
    if (n instanceof SeqNode q) {
      List<Node> items = new ArrayList<>(q.items().size());
      boolean changed = false;
      for (Node item : q.items()) {
        Node w = walk(item);
        changed |= w != item;
        items.add(w);
      }
      return changed ? new SeqNode(items, q.location()) : q;
    }
    MapNode m = (MapNode) n;
    Map<String, MapNode.Entry> entries = new LinkedHashMap<>();
    boolean changed = false;
    for (MapNode.Entry e : m.entries().values()) {
      Node w = walk(e.value());
      changed |= w != e.value();
      entries.put(e.key(), new MapNode.Entry(e.key(), e.keyLocation(), w));
    }
    return changed ? new MapNode(entries, m.location()) : m;
  }

  private ScalarNode scalar(ScalarNode s) {
    String t = s.text();
    StringBuilder out = new StringBuilder(t.length());
    Set<String> secrets = new TreeSet<>(s.secrets());
    int i = 0;
    while (i < t.length()) {
      char c = t.charAt(i);
      if (c == '$' && t.startsWith("$${", i)) {
        out.append("${");
        i += 3;
        continue;
      }
      if (c == '$' && t.startsWith("${", i)) {
        int end = t.indexOf('}', i + 2);
        if (end < 0) {
          problems.add(Problem.error(s.location(),
              "unclosed '${' in '" + s.display() + "'", "close it with '}', or write '$${' for a literal '${'"));
          return s;
        }
        String ref = t.substring(i + 2, end);
        Optional<String> value = resolve(ref, s, secrets);
        if (value.isEmpty()) {
          return s;
        }
        out.append(value.get());
        i = end + 1;
        continue;
      }
      out.append(c);
      i++;
    }
    return s.withText(out.toString(), secrets);
  }

  private Optional<String> resolve(String ref, ScalarNode s, Set<String> secrets) {
    if (ref.startsWith("secret:")) {
      String name = ref.substring("secret:".length());
      if (!SECRET_NAME.matcher(name).matches()) {
        return fail(s, "'${" + ref + "}' is not a valid secret reference",
            "secret names are letters, digits, '_', '.' and '-'");
      }
      Optional<String> v = inputs.secrets().apply(name);
      if (v.isEmpty()) {
        return fail(s, "secret '" + name + "' is not defined",
            "define it as a <server> with id '" + name + "' in ~/.m2/settings.xml (its password), "
                + "or as the environment variable OSB_SECRET_" + envName(name));
      }
      secrets.add(name);
      return v;
    }
    if (ref.startsWith("env.")) {
      String name = ref.substring(4);
      if (!ENV_NAME.matcher(name).matches()) {
        return fail(s, "'${" + ref + "}' is not a valid environment reference", "write ${env.NAME}");
      }
      String v = inputs.env().get(name);
      if (v == null) {
        return fail(s, "environment variable '" + name + "' is not set",
            "export " + name + "=... before running Maven, or write the value literally");
      }
      return Optional.of(v);
    }
    if (ref.startsWith("project.")) {
      String key = ref.substring(8);
      String v = PROJECT_KEY.matcher(key).matches() ? inputs.project().get(key) : null;
      if (v == null) {
        return fail(s, "'${" + ref + "}' is not a known project value",
            "known: " + String.join(", ", inputs.project().keySet().stream().map(k -> "${project." + k + "}").toList()));
      }
      return Optional.of(v);
    }
    switch (ref) {
      case "osb.timestamp":
        return Optional.of(TIMESTAMP.format(inputs.timestamp()));
      case "osb.datestamp":
        return Optional.of(DATESTAMP.format(inputs.timestamp()));
      case "osb.treeish":
        if (treeish == null) {
          return fail(s, "'${osb.treeish}' is used but snapshot.treeish is not set",
              "set snapshot.treeish to the pinned commit");
        }
        return Optional.of(treeish);
      default:
        return fail(s, "unknown reference '${" + ref + "}'",
            "use ${project.KEY}, ${env.NAME}, ${osb.timestamp}, ${osb.datestamp}, ${osb.treeish}, "
                + "${secret:NAME}, or $${ for a literal");
    }
  }

  /** The environment variable a secret is read from: {@code OSB_SECRET_} + upper-cased name. */
  public static String envName(String secret) {
    return secret.toUpperCase(java.util.Locale.ROOT).replaceAll("[^A-Z0-9_]", "_");
  }

  private Optional<String> fail(ScalarNode s, String message, String hint) {
    problems.add(Problem.error(s.location(), message, hint));
    return Optional.empty();
  }
}
