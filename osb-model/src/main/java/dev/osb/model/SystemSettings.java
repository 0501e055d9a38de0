package dev.osb.model;

import java.util.List;

/** Host settings the generated fsscript applies; null means leave the seed's value. */
public record SystemSettings(String hostname, String timezone, List<String> locales, String keymap) {

  public SystemSettings {
    locales = List.copyOf(locales);
  }

  public static SystemSettings empty() {
    return new SystemSettings(null, null, List.of(), null);
  }
}
