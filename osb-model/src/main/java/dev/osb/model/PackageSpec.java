package dev.osb.model;

import dev.osb.load.Location;
import java.util.List;

/**
 * One entry of the world set, with its inline portage settings.
 *
 * @param atom the atom as written (validated by the PMS grammar)
 * @param key category/package, for duplicate detection and per-package files
 */
public record PackageSpec(
    String atom,
    String key,
    List<String> use,
    List<String> keywords,
    List<String> license,
    List<String> env,
    Location location) {

  public PackageSpec {
    use = List.copyOf(use);
    keywords = List.copyOf(keywords);
    license = List.copyOf(license);
    env = List.copyOf(env);
  }

  public boolean hasSettings() {
    return !use.isEmpty() || !keywords.isEmpty() || !license.isEmpty() || !env.isEmpty();
  }
}
