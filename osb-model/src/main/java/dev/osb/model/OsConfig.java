package dev.osb.model;

import java.util.List;
import java.util.Map;

/**
 * The effective, validated configuration of one operating system: an os.yaml after extends,
 * interpolation and validation. Immutable; collections are unmodifiable and in a deterministic
 * order (as written, after merging). A variant is an OsConfig too (its parent merged with the
 * variant's own keys), see {@link #variants()}.
 *
 * @param name the variant name ({@code default} unless set)
 * @param arch the catalyst subarch
 * @param libc derived from the profile and chost
 * @param stages the catalyst stages built before any variant, in order
 * @param use global USE flags (stage4/use)
 * @param packages the stage4 world set
 * @param unmerge packages removed at the end of the stage4 (stage4/unmerge)
 * @param kernel the kernel, or null for none
 * @param variants stage4s built on this one's stage4, by name (empty in a variant)
 * @param builds extra catalyst builds by name (empty in a variant)
 */
public record OsConfig(
    int osb,
    String name,
    String description,
    String arch,
    String profile,
    Init init,
    Libc libc,
    List<Stage> stages,
    Snapshot snapshot,
    Seed seed,
    Make make,
    List<String> use,
    List<PackageSpec> packages,
    List<String> unmerge,
    Portage portage,
    List<Repo> repos,
    Kernel kernel,
    SystemSettings system,
    List<User> users,
    Services services,
    Files files,
    Scripts scripts,
    Binpkgs binpkgs,
    Map<String, OsConfig> variants,
    Map<String, BuildSpec> builds,
    BuildSettings build) {

  public OsConfig {
    stages = List.copyOf(stages);
    use = List.copyOf(use);
    packages = List.copyOf(packages);
    unmerge = List.copyOf(unmerge);
    repos = List.copyOf(repos);
    users = List.copyOf(users);
    variants = Collections2.orderedCopy(variants);
    builds = Collections2.orderedCopy(builds);
  }

  /** True when the chain bootstraps from stage1, so common_flags/chost take effect. */
  public boolean bootstraps() {
    return stages.contains(Stage.STAGE1);
  }
}
