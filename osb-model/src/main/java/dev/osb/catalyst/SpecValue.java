package dev.osb.catalyst;

import java.util.List;
import java.util.Objects;

/**
 * The value catalyst's {@code SpecParser} holds for one key, and where it was written.
 *
 * <p>Catalyst stores a Python {@code str} for exactly one item, a {@code list} for two or more,
 * and {@code None} for the single item {@code none} in any case. Keys with no item never reach
 * this type (catalyst deletes them). {@link #items()} always gives the items as written; {@link
 * #isList()} and {@link #isNone()} tell which Python type catalyst sees, and {@link #toString()}
 * prints its Python {@code repr} ({@code 'amd64'}, {@code ['a', 'b']}, {@code None}).
 *
 * <ul>
 *   <li>{@code List<String> items()}: one or more items, in order, each free of whitespace
 *   <li>{@code boolean isList()}: two or more items, a Python list
 *   <li>{@code boolean isNone()}: a single {@code none} item, which catalyst turns into {@code
 *       None}
 *   <li>{@code int line()}: 1-based line of the (last) key line that set this value
 * </ul>
 */
public final class SpecValue {

  private final List<String> items;
  private final boolean none;
  private final int line;

  SpecValue(List<String> items, boolean none, int line) {
    if (items.isEmpty()) {
      throw new IllegalArgumentException("a spec value has at least one item");
    }
    this.items = List.copyOf(items);
    this.none = none;
    this.line = line;
  }

  /** The items as written; for a {@code None} value, the single token (e.g. {@code NONE}). */
  public List<String> items() {
    return items;
  }

  /** Whether catalyst holds a list (two or more items) rather than a string or None. */
  public boolean isList() {
    return items.size() > 1;
  }

  /** Whether catalyst holds {@code None}: the single item was {@code none} in any case. */
  public boolean isNone() {
    return none;
  }

  /** The 1-based line of the key line (or leading continuation line) that set this value. */
  public int line() {
    return line;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SpecValue
        && ((SpecValue) o).items.equals(items)
        && ((SpecValue) o).none == none
        && ((SpecValue) o).line == line;
  }

  @Override
  public int hashCode() {
    return Objects.hash(items, none, line);
  }

  /** The Python {@code repr} of what catalyst holds: {@code 'x'}, {@code ['x', 'y']} or None. */
  @Override
  public String toString() {
    if (none) {
      return "None";
    }
    return PyStr.repr(isList() ? items : items.get(0));
  }
}
