package dev.osb.load;

/**
 * A YAML value with the location it was written at. The tree is immutable; merging
 * ({@link Merge}) builds new containers around the original leaves, so every leaf of the
 * effective configuration still knows the file, line and column that set it.
 */
public sealed interface Node permits ScalarNode, SeqNode, MapNode {

  Location location();

  /** What the user wrote, for messages: {@code a map}, {@code a list}, {@code a string}, ... */
  String describe();

  /** True for an explicit {@code null}/{@code ~}/empty value or an empty list: both reset. */
  default boolean isReset() {
    return (this instanceof ScalarNode s && s.tag() == ScalarNode.Tag.NULL)
        || (this instanceof SeqNode q && q.items().isEmpty());
  }
}
