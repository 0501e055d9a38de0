package dev.osb.model;

import java.util.List;
import java.util.Map;

/**
 * make.conf settings. Catalyst rewrites make.conf, so each of these takes effect where
 * DESIGN.md's "Where settings take effect" says; all of them are written to the shipped
 * make.conf. Null means unset.
 */
public record Make(
    String commonFlags,
    String chost,
    String makeopts,
    List<String> features,
    String acceptLicense,
    Map<String, String> vars) {

  public Make {
    features = List.copyOf(features);
    vars = Collections2.orderedCopy(vars);
  }

  public static Make empty() {
    return new Make(null, null, null, List.of(), null, Map.of());
  }
}
