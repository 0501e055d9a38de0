package dev.osb.load;

import java.util.List;

/** A YAML sequence. */
public record SeqNode(List<Node> items, Location location) implements Node {

  public SeqNode {
    items = List.copyOf(items);
  }

  @Override
  public String describe() {
    return "a list";
  }
}
