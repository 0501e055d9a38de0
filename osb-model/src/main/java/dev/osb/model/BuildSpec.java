package dev.osb.model;

import dev.osb.load.Location;
import java.util.List;
import java.util.Map;

/**
 * An extra catalyst build from {@code builds:}: any target, seeded from another build.
 *
 * @param from the build it is seeded from: stage1, stage3, stage4, a variant or another build
 * @param profile null for the OS profile
 * @param portage extra portage settings for this build (null for none)
 * @param relType null for the default namespace
 * @param versionStamp null for the default
 * @param catalyst raw catalyst keys, checked against the key tables
 */
public record BuildSpec(
    String name,
    String target,
    String from,
    String profile,
    Portage portage,
    String relType,
    String versionStamp,
    Map<String, List<String>> catalyst,
    Location location) {

  public BuildSpec {
    catalyst = Collections2.orderedCopyOfLists(catalyst);
  }
}
