package dev.osb.model;

import java.util.List;

/**
 * How the OS is built, not what: the runner, parallelism, compression and caches.
 *
 * @param loadAverage null for none
 */
public record BuildSettings(
    Runner runner,
    int jobs,
    Double loadAverage,
    String compression,
    List<String> cache,
    boolean ccache,
    List<String> distccHosts) {

  /** Where catalyst runs. */
  public enum Runner {
    PODMAN,
    DOCKER,
    NATIVE;

    public String id() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  public BuildSettings {
    cache = List.copyOf(cache);
    distccHosts = List.copyOf(distccHosts);
  }

  public static BuildSettings defaults() {
    return new BuildSettings(Runner.PODMAN, 2, null, "pixz", List.of("pkgcache"), false, List.of());
  }
}
