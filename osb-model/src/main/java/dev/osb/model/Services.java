package dev.osb.model;

import java.util.List;

/** Services to enable (with an OpenRC runlevel), disable and mask. */
public record Services(List<Service> enable, List<Service> disable, List<String> mask) {

  /** A service and, for OpenRC, its runlevel ({@code default} unless set). */
  public record Service(String name, String runlevel) {}

  public Services {
    enable = List.copyOf(enable);
    disable = List.copyOf(disable);
    mask = List.copyOf(mask);
  }

  public static Services empty() {
    return new Services(List.of(), List.of(), List.of());
  }
}
