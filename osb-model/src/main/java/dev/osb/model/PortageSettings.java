package dev.osb.model;

import java.util.List;
import java.util.Map;

/**
 * The per-package portage settings that become files under /etc/portage: atom pattern to
 * flags/keywords/licenses/env names, masks, and env files (name to variables).
 */
public record PortageSettings(
    Map<String, List<String>> use,
    Map<String, List<String>> acceptKeywords,
    Map<String, List<String>> license,
    List<String> mask,
    List<String> unmask,
    Map<String, List<String>> env,
    Map<String, Map<String, String>> envFiles) {

  public PortageSettings {
    use = Collections2.orderedCopyOfLists(use);
    acceptKeywords = Collections2.orderedCopyOfLists(acceptKeywords);
    license = Collections2.orderedCopyOfLists(license);
    mask = List.copyOf(mask);
    unmask = List.copyOf(unmask);
    env = Collections2.orderedCopyOfLists(env);
    Map<String, Map<String, String>> files = new java.util.LinkedHashMap<>();
    envFiles.forEach((k, v) -> files.put(k, Collections2.orderedCopy(v)));
    envFiles = Collections2.orderedCopy(files);
  }

  public static PortageSettings empty() {
    return new PortageSettings(Map.of(), Map.of(), Map.of(), List.of(), List.of(), Map.of(), Map.of());
  }

  public boolean isEmpty() {
    return use.isEmpty() && acceptKeywords.isEmpty() && license.isEmpty() && mask.isEmpty()
        && unmask.isEmpty() && env.isEmpty() && envFiles.isEmpty();
  }
}
