package dev.osb.model;

import java.nio.file.Path;

/**
 * The portage block: shipped settings, build-only settings (under catalyst's portage_prefix,
 * removed from the shipped image), and a raw /etc/portage tree merged last.
 *
 * @param files the raw tree, or null
 */
public record Portage(PortageSettings shipped, PortageSettings buildOnly, Path files) {

  public static Portage empty() {
    return new Portage(PortageSettings.empty(), PortageSettings.empty(), null);
  }
}
