package dev.osb.catalyst;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Writes catalyst spec text that {@link SpecParser} (and so catalyst) reads back as exactly the
 * keys and items given, in the releng layout, or refuses.
 *
 * <ul>
 *   <li>{@code record Entry(String key, List<String> items)}, {@code Entry.of(key, items...)}
 *   <li>{@code static String write(List<Entry> entries)}
 * </ul>
 *
 * <p>Layout (deterministic, LF, one final newline, empty text for no entries):
 *
 * <ul>
 *   <li>An entry with one item, or with any item containing {@code :}, is one line: {@code key:
 *       a b c}, items separated by one space. A {@code :} on a continuation line would start a
 *       new key in catalyst; on the key line only the first {@code :} splits.
 *   <li>Other lists are blocks: {@code key:}, then one tab-indented item per line.
 *   <li>One-line entries come first, in the given order; then each block, in the given order,
 *       preceded by a blank line. That is releng's style (scalars on top, blank line between list
 *       blocks); key order means nothing to catalyst.
 *   <li>On key lines {@code %} is written {@code %%}, because catalyst {@code %}-formats them;
 *       block items are written as they are.
 *   <li>Entries without items are omitted (catalyst deletes such keys anyway).
 * </ul>
 *
 * <p>Refused with an {@link IllegalArgumentException} naming the key and item: a duplicate key
 * (catalyst keeps only the last); a key that is empty or holds whitespace, {@code :}, {@code #}
 * or a control character; an item that is empty or holds whitespace (Python's definition,
 * newlines included), {@code #}, a control character or a lone surrogate; on a key line, a
 * {@code "} at the start of the first item or the end of the last (catalyst strips those); a
 * sole item {@code none} in any case (catalyst reads it as None).
 */
public final class SpecWriter {

  private SpecWriter() {}

  /**
   * One spec key and its items, in order.
   *
   * @param key the key, e.g. {@code stage4/packages}
   * @param items the items; none means the key is not written
   */
  public record Entry(String key, List<String> items) {

    public Entry {
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(items, "items of key " + key);
      for (int i = 0; i < items.size(); i++) {
        Objects.requireNonNull(items.get(i), "item " + i + " of key " + key);
      }
      items = List.copyOf(items);
    }

    /** {@code new Entry(key, Arrays.asList(items))}; a null item is a NullPointerException. */
    public static Entry of(String key, String... items) {
      return new Entry(key, Arrays.asList(items));
    }
  }

  /** The spec text for {@code entries}; see the class comment for layout and refusals. */
  public static String write(List<Entry> entries) {
    Set<String> seen = new HashSet<>();
    StringBuilder head = new StringBuilder();
    List<String> blocks = new ArrayList<>();
    for (Entry e : entries) {
      Objects.requireNonNull(e, "entry");
      checkKey(e.key());
      if (!seen.add(e.key())) {
        throw new IllegalArgumentException(
            "key " + q(e.key()) + " is given twice; catalyst would keep only the last value");
      }
      List<String> items = e.items();
      if (items.isEmpty()) {
        continue;
      }
      boolean oneLine = items.size() == 1;
      for (String item : items) {
        checkItem(e.key(), item);
        oneLine |= item.indexOf(':') >= 0;
      }
      if (items.size() == 1 && PyStr.lower(items.get(0)).equals("none")) {
        throw new IllegalArgumentException(
            "key "
                + q(e.key())
                + ": the single item "
                + q(items.get(0))
                + " would be read by catalyst as None, not as a string");
      }
      if (oneLine) {
        String first = items.get(0);
        String last = items.get(items.size() - 1);
        if (first.startsWith("\"") || last.endsWith("\"")) {
          String bad = first.startsWith("\"") ? first : last;
          throw new IllegalArgumentException(
              "key "
                  + q(e.key())
                  + ": item "
                  + q(bad)
                  + " would lose its double quote, because catalyst strips '\"' from both"
                  + " ends of a key-line value");
        }
        head.append(e.key()).append(": ");
        head.append(String.join(" ", items).replace("%", "%%")).append('\n');
      } else {
        StringBuilder b = new StringBuilder(e.key()).append(":\n");
        for (String item : items) {
          b.append('\t').append(item).append('\n');
        }
        blocks.add(b.toString());
      }
    }
    StringBuilder out = new StringBuilder(head);
    for (String b : blocks) {
      if (out.length() > 0) {
        out.append('\n');
      }
      out.append(b);
    }
    return out.toString();
  }

  private static void checkKey(String key) {
    if (key.isEmpty()) {
      throw new IllegalArgumentException("empty spec key");
    }
    int space = PyStr.firstSpace(key);
    if (space >= 0) {
      throw new IllegalArgumentException(
          "key "
              + q(key)
              + " contains whitespace "
              + PyStr.describe(space)
              + "; catalyst keeps it in the key (\"subarch \" is not \"subarch\")");
    }
    if (key.indexOf(':') >= 0) {
      throw new IllegalArgumentException(
          "key " + q(key) + " contains ':'; catalyst ends the key at the first ':'");
    }
    if (key.indexOf('#') >= 0) {
      throw new IllegalArgumentException(
          "key " + q(key) + " contains '#'; catalyst drops everything from '#' on");
    }
    int bad = badChar(key);
    if (bad >= 0) {
      throw new IllegalArgumentException(
          "key " + q(key) + " contains " + unprintable(bad));
    }
  }

  private static void checkItem(String key, String item) {
    if (item.isEmpty()) {
      throw new IllegalArgumentException(
          "key " + q(key) + ": empty item; catalyst splits values on whitespace");
    }
    int space = PyStr.firstSpace(item);
    if (space >= 0) {
      throw new IllegalArgumentException(
          "key "
              + q(key)
              + ": item "
              + q(item)
              + " contains whitespace "
              + PyStr.describe(space)
              + "; catalyst splits values on whitespace and has no quoting");
    }
    if (item.indexOf('#') >= 0) {
      throw new IllegalArgumentException(
          "key "
              + q(key)
              + ": item "
              + q(item)
              + " contains '#'; catalyst drops everything from '#' on, even mid-value");
    }
    int bad = badChar(item);
    if (bad >= 0) {
      throw new IllegalArgumentException(
          "key "
              + q(key)
              + ": item "
              + q(item)
              + " contains "
              + unprintable(bad));
    }
  }

  /** Python's repr of {@code s}: quoted, with invisible characters escaped. */
  private static String q(String s) {
    return PyStr.repr(s);
  }

  private static String unprintable(int cp) {
    return Character.getType(cp) == Character.SURROGATE
        ? String.format("the unpaired surrogate U+%04X", cp)
        : "the control character " + PyStr.describe(cp);
  }

  /** The first control character (category Cc) or unpaired surrogate, or -1. */
  private static int badChar(String s) {
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      int type = Character.getType(cp);
      if (type == Character.CONTROL || type == Character.SURROGATE) {
        return cp;
      }
      i += Character.charCount(cp);
    }
    return -1;
  }
}
