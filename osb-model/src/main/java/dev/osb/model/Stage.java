package dev.osb.model;

import java.util.Optional;

/** The stages of the main chain, in build order. */
public enum Stage {
  STAGE1("stage1"),
  STAGE3("stage3"),
  STAGE4("stage4");

  private final String id;

  Stage(String id) {
    this.id = id;
  }

  /** The catalyst target name. */
  public String id() {
    return id;
  }

  public static Optional<Stage> of(String id) {
    for (Stage s : values()) {
      if (s.id.equals(id)) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }
}
