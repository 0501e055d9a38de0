package dev.osb.catalyst;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What catalyst's {@code SpecParser} makes of a spec file: the dict it hands to the target, in
 * the dict's order, plus the warnings.
 *
 * <ul>
 *   <li>{@code Map<String, SpecValue> values()}: key to value, in Python dict order (a key keeps
 *       the position of its first occurrence; its value is the last one)
 *   <li>{@code Optional<SpecValue> get(String key)}: one value; keys are exact, whitespace
 *       included
 *   <li>{@code List<String> warnings()}: {@code line N: ...} texts, catalyst's own ({@code No
 *       value set for key "k"; deleting}) and the parser traps OSB spots (an indented line that
 *       starts a key)
 *   <li>{@code String dump()}: catalyst's {@code ParserBase.dump()} text, {@code key = repr}
 * </ul>
 */
public final class ParsedSpec {

  private final Map<String, SpecValue> values;
  private final List<String> warnings;

  ParsedSpec(LinkedHashMap<String, SpecValue> values, List<String> warnings) {
    this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    this.warnings = List.copyOf(warnings);
  }

  /** Every key catalyst keeps, in Python dict order, with its value. Unmodifiable. */
  public Map<String, SpecValue> values() {
    return values;
  }

  /** The value of {@code key} (matched exactly: {@code "subarch "} is not {@code "subarch"}). */
  public Optional<SpecValue> get(String key) {
    return Optional.ofNullable(values.get(key));
  }

  /**
   * Warnings, each starting with {@code line N: }, in the order a catalyst run would log them:
   * the parser traps OSB spots, by line, then the deleted keys, in dict order.
   */
  public List<String> warnings() {
    return warnings;
  }

  /**
   * Catalyst's {@code ParserBase.dump()}: one {@code key = repr(value)} line per key, e.g. {@code
   * subarch = 'amd64'}, {@code stage4/use = ['-X', 'zfs']}, {@code portage_prefix = None}.
   */
  public String dump() {
    StringBuilder sb = new StringBuilder();
    values.forEach((k, v) -> sb.append(k).append(" = ").append(v).append('\n'));
    return sb.toString();
  }

  @Override
  public String toString() {
    return dump();
  }
}
