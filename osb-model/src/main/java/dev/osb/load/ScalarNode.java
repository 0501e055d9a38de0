package dev.osb.load;

import java.util.Set;

/**
 * A scalar: its text exactly as written (after YAML unescaping) and the YAML 1.2 core-schema
 * type a plain scalar resolves to. Quoted scalars are always {@link Tag#STR}, so {@code "0440"}
 * and {@code 0440} keep the same text but different tags.
 *
 * @param secrets names of {@code ${secret:NAME}} references interpolated into this value;
 *     a value with any is never printed ({@link #display()})
 */
public record ScalarNode(String text, Tag tag, Location location, Set<String> secrets)
    implements Node {

  /** The YAML 1.2 core schema types. */
  public enum Tag {
    STR("a string"),
    INT("a number"),
    FLOAT("a number"),
    BOOL("true/false"),
    NULL("null");

    private final String description;

    Tag(String description) {
      this.description = description;
    }

    public String description() {
      return description;
    }
  }

  public ScalarNode {
    secrets = Set.copyOf(secrets);
  }

  public ScalarNode(String text, Tag tag, Location location) {
    this(text, tag, location, Set.of());
  }

  public boolean isSecret() {
    return !secrets.isEmpty();
  }

  /** The text for messages: a secret value is shown as the reference, never as its value. */
  public String display() {
    if (isSecret()) {
      return "${secret:" + String.join(",", new java.util.TreeSet<>(secrets)) + "}";
    }
    return text;
  }

  public ScalarNode withText(String newText, Set<String> newSecrets) {
    return new ScalarNode(newText, tag, location, newSecrets);
  }

  @Override
  public String describe() {
    return tag.description();
  }
}
