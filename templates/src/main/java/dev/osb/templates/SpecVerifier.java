package dev.osb.templates;

import dev.osb.catalyst.ParsedSpec;
import dev.osb.catalyst.SpecCheck;
import dev.osb.catalyst.SpecParser;
import dev.osb.catalyst.SpecSyntaxException;
import dev.osb.catalyst.SpecValue;
import dev.osb.catalyst.SpecWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a rendered spec back the way catalyst does ({@link SpecParser}) and requires exactly
 * the plan's keys and items, no more, no fewer, and a clean {@link SpecCheck}. This is what
 * catches a {@code spec.ftl} override that would make catalyst read something else than the
 * plan (a space before {@code :}, a dropped key, a list item with {@code :} on a continuation
 * line, a lone {@code %}).
 */
final class SpecVerifier {

  private SpecVerifier() {}

  /** Differences listed in one message; the rest are counted. */
  static final int MAX_SHOWN = 12;

  /** A parsed key that is {@code key} with whitespace around it ({@code "subarch "}), or null. */
  private static String spacedTwin(ParsedSpec parsed, String key) {
    for (String k : parsed.values().keySet()) {
      if (!k.equals(key) && k.strip().equals(key)) {
        return k;
      }
    }
    return null;
  }

  /**
   * Throws a {@link RenderException} naming {@code template} (as {@code source}) and every key
   * that differs.
   *
   * @param template the template name, e.g. {@code spec.ftl}
   * @param source where the template came from (the override file, or the template name)
   * @param output the rendered file's path, e.g. {@code specs/stage4.spec}
   */
  static void verify(String template, String source, String output, List<SpecWriter.Entry> expected, String text) {
    ParsedSpec parsed;
    try {
      parsed = SpecParser.parse(text);
    } catch (SpecSyntaxException e) {
      throw new RenderException(template, source, null,
          output + ": catalyst cannot parse the rendered spec: " + e.getMessage(), e);
    }
    Map<String, List<String>> want = new LinkedHashMap<>();
    for (SpecWriter.Entry e : expected) {
      if (!e.items().isEmpty()) {
        want.put(e.key(), e.items());
      }
    }
    List<String> diffs = new ArrayList<>();
    java.util.Set<String> explained = new java.util.HashSet<>();
    for (Map.Entry<String, List<String>> w : want.entrySet()) {
      SpecValue got = parsed.values().get(w.getKey());
      if (got == null) {
        String spaced = spacedTwin(parsed, w.getKey());
        if (spaced != null) {
          explained.add(spaced);
          diffs.add("line " + parsed.values().get(spaced).line() + ": key \"" + spaced
              + "\" is not \"" + w.getKey() + "\": catalyst keeps the whitespace before ':' in the key");
        } else {
          diffs.add("key \"" + w.getKey() + "\" is missing (the plan has " + w.getValue() + ")");
        }
      } else if (!got.items().equals(w.getValue()) || got.isNone()) {
        diffs.add("line " + got.line() + ": key \"" + w.getKey() + "\" reads as " + got
            + ", the plan has " + w.getValue());
      }
    }
    for (Map.Entry<String, SpecValue> g : parsed.values().entrySet()) {
      if (!want.containsKey(g.getKey()) && !explained.contains(g.getKey())) {
        diffs.add("line " + g.getValue().line() + ": key \"" + g.getKey() + "\" = " + g.getValue()
            + " is not in the plan");
      }
    }
    if (diffs.isEmpty()) {
      diffs.addAll(SpecCheck.check(parsed));
    }
    if (diffs.size() > MAX_SHOWN) {
      int more = diffs.size() - MAX_SHOWN;
      diffs = new ArrayList<>(diffs.subList(0, MAX_SHOWN));
      diffs.add("... and " + more + " more");
    }
    if (!diffs.isEmpty()) {
      throw new RenderException(template, source, null, output
          + ": catalyst would not read the plan's spec from the rendered text:\n  "
          + String.join("\n  ", diffs), null);
    }
  }
}
