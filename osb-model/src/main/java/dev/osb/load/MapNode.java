package dev.osb.load;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** A YAML mapping with string keys, in the order written. */
public record MapNode(Map<String, Entry> entries, Location location) implements Node {

  /** One key and its value; the key keeps its own location for "unknown key" problems. */
  public record Entry(String key, Location keyLocation, Node value) {}

  public MapNode {
    entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
  }

  public Optional<Node> get(String key) {
    Entry e = entries.get(key);
    return e == null ? Optional.empty() : Optional.of(e.value());
  }

  public boolean has(String key) {
    return entries.containsKey(key);
  }

  /** A copy without the given key. */
  public MapNode without(String key) {
    if (!entries.containsKey(key)) {
      return this;
    }
    Map<String, Entry> copy = new LinkedHashMap<>(entries);
    copy.remove(key);
    return new MapNode(copy, location);
  }

  @Override
  public String describe() {
    return "a map";
  }
}
