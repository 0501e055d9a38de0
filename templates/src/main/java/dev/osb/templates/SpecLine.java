package dev.osb.templates;

import dev.osb.catalyst.SpecWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * One spec entry as {@code spec.ftl} prints it. Every decision is made here, by {@link
 * SpecWriter}'s rules, so the template only prints:
 *
 * <ul>
 *   <li>{@code blankBefore}: print an empty line first (releng style: a blank line before every
 *       list block);
 *   <li>{@code keyLine}: the key line, exactly: {@code key: a b c} (with {@code %} written
 *       {@code %%}) for a one-line entry, {@code key:} for a block;
 *   <li>{@code block}: then print each of {@code items} on its own tab-indented line, as it is
 *       ({@code %} is formatted by catalyst on key lines only).
 * </ul>
 *
 * @param key the spec key
 * @param block whether the items follow the key line, one per line
 * @param keyLine the key line without its line break
 * @param items the items as catalyst will read them back
 * @param blankBefore whether an empty line precedes this entry
 */
public record SpecLine(String key, boolean block, String keyLine, List<String> items, boolean blankBefore) {

  public SpecLine {
    items = List.copyOf(items);
  }

  /**
   * The lines of a spec in {@link SpecWriter#write(List)} order: one-line entries first, then the
   * blocks. Entries without items are left out. Refuses (IllegalArgumentException, from {@link
   * SpecWriter}) whatever the writer refuses: duplicate keys, items with whitespace, {@code #},
   * control characters, a sole {@code none}, a key-line value catalyst would strip quotes from.
   */
  public static List<SpecLine> of(List<SpecWriter.Entry> entries) {
    SpecWriter.write(entries);
    List<SpecLine> head = new ArrayList<>();
    List<SpecLine> blocks = new ArrayList<>();
    for (SpecWriter.Entry e : entries) {
      List<String> items = e.items();
      if (items.isEmpty()) {
        continue;
      }
      if (oneLine(items)) {
        String text = e.key() + ": " + String.join(" ", items).replace("%", "%%");
        head.add(new SpecLine(e.key(), false, text, items, false));
      } else {
        blocks.add(new SpecLine(e.key(), true, e.key() + ":", items, false));
      }
    }
    List<SpecLine> out = new ArrayList<>(head);
    for (SpecLine b : blocks) {
      out.add(new SpecLine(b.key(), true, b.keyLine(), b.items(), !out.isEmpty()));
    }
    return List.copyOf(out);
  }

  /**
   * SpecWriter's rule: one item, or any item with {@code :} (on a continuation line a {@code :}
   * would start a new key in catalyst; on the key line only the first one splits).
   */
  static boolean oneLine(List<String> items) {
    return items.size() == 1 || items.stream().anyMatch(i -> i.indexOf(':') >= 0);
  }
}
