package dev.osb.plan;

import java.util.List;

/**
 * One catalyst.conf (TOML). Only keys catalyst 4 knows; {@code options} is always written.
 *
 * @param name file name in the rendered tree
 * @param loadAverage null for none
 * @param distccHosts null unless distcc is on
 */
public record CatalystConf(
    String name,
    List<String> options,
    String storedir,
    String distdir,
    List<String> digests,
    int jobs,
    Double loadAverage,
    String distccHosts,
    String envscript,
    String repoOpenpgpKeyPath) {

  public CatalystConf {
    options = List.copyOf(options);
    digests = List.copyOf(digests);
  }
}
