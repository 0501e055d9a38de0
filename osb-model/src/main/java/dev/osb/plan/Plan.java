package dev.osb.plan;

import java.util.List;

/**
 * Everything osb:generate renders and osb:build runs: the builds in graph order (every build
 * after the one it is seeded from), the catalyst.conf files, the envscript and the container
 * definitions.
 *
 * @param osName the OS name
 * @param relType the default rel_type namespace
 * @param subarch catalyst subarch
 * @param treeish the pinned ::gentoo commit
 * @param snapshotRepo the sync repository the snapshot is made from
 * @param seedSubpath where the seed lives below {@code STORE/builds}
 * @param seedUrl the seed's URL, or null
 * @param seedSha512 the seed's digest, or null
 * @param builds in graph order
 * @param confs catalyst.conf files
 * @param envscript lines of the envscript catalyst sources in the chroot
 * @param labels OCI labels for the images of the stage tarballs
 * @param portageImage the tag of the image holding the verified ::gentoo tree
 * @param catalystPackages what the catalyst image emerges on top of the seed
 * @param catalystKeywords the keyword accepted for those packages (catalyst 4 is ~arch)
 */
public record Plan(
    String osName,
    String relType,
    String subarch,
    String treeish,
    String snapshotRepo,
    String seedSubpath,
    String seedUrl,
    String seedSha512,
    List<Build> builds,
    List<CatalystConf> confs,
    List<String> envscript,
    List<Label> labels,
    String portageImage,
    List<String> catalystPackages,
    String catalystKeywords) {

  /** An OCI image label. */
  public record Label(String key, String value) {}

  public Plan {
    builds = List.copyOf(builds);
    confs = List.copyOf(confs);
    envscript = List.copyOf(envscript);
    labels = List.copyOf(labels);
    catalystPackages = List.copyOf(catalystPackages);
  }

  public Build build(String id) {
    return builds.stream().filter(b -> b.id().equals(id)).findFirst().orElse(null);
  }
}
