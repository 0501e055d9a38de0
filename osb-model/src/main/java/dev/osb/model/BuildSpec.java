package dev.osb.model;

import dev.osb.load.Location;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An extra catalyst build from {@code builds:}: any target, seeded from another build.
 *
 * @param from the build it is seeded from: stage1, stage3, stage4, a variant, another build or
 *     {@code seed}
 * @param arch the catalyst subarch, null for the OS's
 * @param profile null for the OS profile
 * @param portage extra portage settings for this build (null for none)
 * @param portagePrefix catalyst's portage_prefix for this build's tree, null for OSB's ({@code
 *     osb-build})
 * @param relType null for the default namespace
 * @param versionStamp null for the default
 * @param compression catalyst's compression_mode, null for {@code build.compression}
 * @param catalyst raw catalyst keys, checked against the key tables, as written
 * @param paths for the raw keys whose items are host paths (see {@code
 *     KeyTables.isHostPath}), per item the project file it names, or null for a path catalyst
 *     itself owns (below {@code /usr/share/catalyst/}), which is written as it is
 */
public record BuildSpec(
    String name,
    String target,
    String from,
    String arch,
    String profile,
    Portage portage,
    String portagePrefix,
    String relType,
    String versionStamp,
    String compression,
    Map<String, List<String>> catalyst,
    Map<String, List<Path>> paths,
    Location location) {

  public BuildSpec {
    catalyst = Collections2.orderedCopyOfLists(catalyst);
    Map<String, List<Path>> p = new LinkedHashMap<>();
    // List.copyOf refuses nulls, and a catalyst-owned path is a null item
    paths.forEach((k, v) -> p.put(k, Collections.unmodifiableList(new ArrayList<>(v))));
    paths = Collections.unmodifiableMap(p);
  }
}
