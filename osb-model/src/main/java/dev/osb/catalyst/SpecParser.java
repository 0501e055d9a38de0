package dev.osb.catalyst;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A faithful Java mirror of catalyst 4.1's spec parser ({@code catalyst/config.py}: {@code
 * ParserBase.parse()} as configured by {@code SpecParser}: separator {@code :}, multiple values,
 * no empty values, {@code none} evaluated). Use it to see a spec exactly as catalyst will.
 *
 * <ul>
 *   <li>{@code static ParsedSpec parse(String text)}
 *   <li>{@code static ParsedSpec parse(Path file) throws IOException} (UTF-8, strict)
 * </ul>
 *
 * <p>Both throw {@link SpecSyntaxException} where catalyst would crash. Per line, as catalyst:
 *
 * <ol>
 *   <li>Lines are split like Python's text-mode {@code readlines()}: at {@code \n}, {@code \r\n}
 *       and a lone {@code \r}. A byte order mark is not removed (it becomes part of the first
 *       key, as in Python with a UTF-8 locale).
 *   <li>The line is {@code strip()}ped (Python's Unicode whitespace), then everything from the
 *       first {@code #} on is dropped, with the whitespace before it. Empty lines are skipped;
 *       they do not end a list.
 *   <li>A line containing {@code :} anywhere starts a key: the text before the first {@code :}
 *       is the key, <em>not stripped</em> ({@code subarch : amd64} makes the key {@code
 *       "subarch "}). The rest is {@code strip()}ped, then every leading and trailing {@code "}
 *       is removed, then, if anything is left, it is {@code %}-formatted against the keys parsed
 *       so far (see {@link PyFormat}: {@code %(subarch)s} substitutes, {@code %%} is {@code %},
 *       a lone {@code %} raises), then split on whitespace.
 *   <li>Any other line is split on whitespace and appended to the current key. Indentation does
 *       not matter. Before the first key line, the first word of such a line becomes a key.
 *   <li>After each line the key is (re)assigned: one item gives a string, otherwise a list. A
 *       repeated key keeps its first position in the dict and takes the last value.
 *   <li>At the end, keys without items are deleted with a warning, and a single {@code none}
 *       (any case) becomes {@code None}.
 * </ol>
 */
public final class SpecParser {

  private SpecParser() {}

  /** Parses spec text as catalyst does. */
  public static ParsedSpec parse(String text) {
    List<String> lines = readlines(text);
    LinkedHashMap<String, Object> values = new LinkedHashMap<>();
    Map<String, Integer> lineOf = new HashMap<>();
    List<Warning> warnings = new ArrayList<>();
    List<String> cur = new ArrayList<>();
    int curLine = 0;
    // catalyst re-assigns the current key after every line; only key lines read the dict, so
    // continuation lines just mark it stale (linear instead of quadratic in the list length)
    boolean stale = false;
    for (int x = 0; x < lines.size(); x++) {
      int lineNo = x + 1;
      String raw = lines.get(x);
      String line = dropComment(PyStr.strip(raw));
      if (line.isEmpty()) {
        continue;
      }
      int colon = line.indexOf(':');
      if (colon >= 0) {
        String key = line.substring(0, colon);
        if (!raw.isEmpty() && PyStr.isSpace(raw.codePointAt(0))) {
          warnings.add(indentedKey(lineNo, key, cur));
        }
        String value = PyStr.strip(PyStr.strip(line.substring(colon + 1)), '"');
        if (stale) {
          assign(values, cur);
          stale = false;
        }
        cur = new ArrayList<>();
        cur.add(key);
        curLine = lineNo;
        if (!value.isEmpty()) {
          try {
            value = PyFormat.format(value, values);
          } catch (PyFormat.PyError e) {
            throw new SpecSyntaxException(lineNo, key, e.getMessage(), hint(e));
          }
          cur.addAll(PyStr.split(value));
        }
        assign(values, cur);
      } else {
        boolean first = cur.isEmpty();
        cur.addAll(PyStr.split(line));
        if (first) {
          curLine = lineNo;
          assign(values, cur);
        } else {
          stale = true;
        }
      }
      lineOf.put(cur.get(0), curLine);
    }
    if (stale) {
      assign(values, cur);
    }

    LinkedHashMap<String, SpecValue> result = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : values.entrySet()) {
      String key = e.getKey();
      int line = lineOf.get(key);
      if (e.getValue() instanceof String) {
        String item = (String) e.getValue();
        result.put(key, new SpecValue(List.of(item), PyStr.lower(item).equals("none"), line));
      } else {
        @SuppressWarnings("unchecked")
        List<String> items = (List<String>) e.getValue();
        if (items.isEmpty()) {
          warnings.add(
              new Warning(line, "No value set for key \"" + key + "\"; deleting"));
        } else {
          result.put(key, new SpecValue(items, false, line));
        }
      }
    }
    List<String> texts = new ArrayList<>();
    for (Warning w : warnings) {
      texts.add("line " + w.line() + ": " + w.text());
    }
    return new ParsedSpec(result, texts);
  }

  /** Reads {@code file} as UTF-8 (malformed input is an error) and parses it. */
  public static ParsedSpec parse(Path file) throws IOException {
    String text =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT)
            .decode(ByteBuffer.wrap(Files.readAllBytes(file)))
            .toString();
    return parse(text);
  }

  private record Warning(int line, String text) {}

  /** {@code values[cur[0]] = cur[1] if len(cur) == 2 else cur[1:]}. */
  private static void assign(Map<String, Object> values, List<String> cur) {
    values.put(
        cur.get(0), cur.size() == 2 ? cur.get(1) : List.copyOf(cur.subList(1, cur.size())));
  }

  /** Python's universal-newline {@code readlines()}, line ends removed. */
  static List<String> readlines(String text) {
    List<String> lines = new ArrayList<>();
    int start = 0;
    int n = text.length();
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      if (c == '\n' || c == '\r') {
        lines.add(text.substring(start, i));
        if (c == '\r' && i + 1 < n && text.charAt(i + 1) == '\n') {
          i++;
        }
        start = i + 1;
      }
    }
    if (start < n) {
      lines.add(text.substring(start));
    }
    return lines;
  }

  /** {@code re.sub(r'\s*#.*$', '', line)}: cut at the first {@code #}, then the blanks before. */
  static String dropComment(String line) {
    int hash = line.indexOf('#');
    return hash < 0 ? line : PyStr.rstrip(line.substring(0, hash));
  }

  private static Warning indentedKey(int lineNo, String key, List<String> cur) {
    String tail =
        cur.isEmpty()
            ? ""
            : ", so the list of \"" + cur.get(0) + "\" does not continue here";
    return new Warning(
        lineNo,
        "indented line contains ':' and starts a new key \""
            + key
            + "\""
            + tail
            + " (put items containing ':' on the key line)");
  }

  private static String hint(PyFormat.PyError e) {
    if (e.type.equals("KeyError")) {
      return "%(name)s may only name a key set on an earlier line; write a literal % as %%";
    }
    return "catalyst %-formats key-line values; write a literal % as %%";
  }
}
