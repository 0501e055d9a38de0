package dev.osb.catalyst;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Catalyst 4.1's key tables (gentoo/catalyst df01e21b): per target the spec keys it requires
 * and accepts, the catalyst.conf keys, and the {@code options} values. Catalyst aborts a build on
 * one unknown spec key ({@code Argument "x" not recognized.}), one missing required key, or one
 * unknown catalyst.conf key, so everything OSB writes is checked against these tables first.
 *
 * <ul>
 *   <li>{@code static List<String> targets()}: the 11 target names, in pipeline order
 *   <li>{@code static Optional<TargetKeys> of(String target)}: the keys of one target
 *   <li>{@code static final List<String> KERNEL_SETTINGS}: the {@code <setting>} of {@code
 *       boot/kernel/<name>/<setting>}
 *   <li>{@code static final Set<String> STAGE_BASE_REQUIRED}, {@code STAGE_BASE_VALID}: the keys
 *       common to every stage-type target
 *   <li>{@code static final Set<String> CATALYST_CONF_KEYS}: the keys catalyst.conf may hold
 *   <li>{@code static final Set<String> OPTIONS}: the values of catalyst.conf {@code options}
 * </ul>
 *
 * <p>Sources: {@code catalyst/base/stagebase.py} ({@code StageBase.__init__}, {@code
 * set_valid_build_kernel_vars}), {@code catalyst/targets/*.py} ({@code required_values}, {@code
 * valid_values}, {@code set_spec_prefix}), {@code catalyst/defaults.py} ({@code
 * valid_config_file_values}) and the {@code "x" in settings["options"]} tests of the catalyst
 * sources.
 */
public final class KeyTables {

  private KeyTables() {}

  /**
   * The settings of one kernel: for each name N in {@code boot/kernel}, the keys {@code
   * boot/kernel/N/<setting>} become valid. Catalyst builds the key by plain concatenation; the
   * name goes through {@code sanitize_name} ({@code .-/} to {@code _}) only for shell variables.
   */
  public static final List<String> KERNEL_SETTINGS =
      List.of(
          "aliases",
          "config",
          "console",
          "distkernel",
          "dracut_args",
          "extraversion",
          "gk_action",
          "gk_kernargs",
          "initramfs_overlay",
          "packages",
          "softlevel",
          "sources",
          "use");

  /** Keys every stage-type target requires ({@code StageBase.required_values}). */
  public static final Set<String> STAGE_BASE_REQUIRED =
      sorted(
          "profile",
          "rel_type",
          "snapshot_treeish",
          "source_subpath",
          "subarch",
          "target",
          "version_stamp");

  /** Keys every stage-type target accepts, the required ones included. */
  public static final Set<String> STAGE_BASE_VALID =
      union(
          STAGE_BASE_REQUIRED,
          sorted(
              "asflags",
              "binrepo_path",
              "catalyst_use",
              "cbuild",
              "cflags",
              "common_flags",
              "compression_mode",
              "cxxflags",
              "decompressor_search_order",
              "fcflags",
              "fflags",
              "hostuse",
              "install_mask",
              "interpreter",
              "keep_repos",
              "kerncache_path",
              "ldflags",
              "pkgcache_path",
              "portage_confdir",
              "portage_prefix",
              "rename_regexp",
              "repos"));

  /**
   * The top-level keys a catalyst.conf (TOML) may hold ({@code defaults.valid_config_file_values});
   * any other key is a critical error ({@code Unknown option 'x' in config file ...}).
   */
  public static final Set<String> CATALYST_CONF_KEYS =
      sorted(
          "binhost",
          "compression_mode",
          "digests",
          "digest_format",
          "distcc_hosts",
          "distdir",
          "envscript",
          "jobs",
          "jobserver-fifo",
          "load-average",
          "options",
          "port_logdir",
          "repo_basedir",
          "repo_openpgp_key_path",
          "repo_name",
          "repos_storedir",
          "sharedir",
          "storedir",
          "target_distdir",
          "target_logdir",
          "target_pkgdir",
          "var_tmpfs_portage");

  /**
   * The values of catalyst.conf {@code options} that catalyst acts on. Catalyst does not check
   * this list: an unknown value is silently ignored. The command line adds {@code fetch}, {@code
   * purge}, {@code purgeonly}, {@code purgetmponly}, {@code clear-autoresume} and {@code
   * enter-chroot}, which are not meant for the config file.
   */
  /**
   * The directories below /etc/portage from which catalyst, at the end of a build without the
   * {@code sticky-config} option, deletes the {@code portage_prefix} subdirectory
   * (catalyst.md, portage_prefix), in catalyst's order.
   */
  public static final List<String> PREFIX_CLEANED_DIRS = List.of("package.accept_keywords",
      "package.keywords", "package.mask", "package.unmask", "package.use", "package.env", "env",
      "profile/package.use.force", "profile/package.use.mask");

  public static final Set<String> OPTIONS =
      sorted(
          "autoresume",
          "bindist",
          "ccache",
          "distcc",
          "icecream",
          "keepwork",
          "kerncache",
          "pkgcache",
          "seedcache",
          "sticky-config",
          "versioned_cache");

  /**
   * The spec keys whose items are paths on the machine catalyst runs on, files or directories
   * catalyst reads there (copies into the chroot, rsyncs, or hands to genkernel): {@code
   * <prefix>/fsscript}, {@code <prefix>/root_overlay}, {@code <prefix>/linuxrc}, {@code
   * livecd/cdtar}, {@code livecd/overlay}, {@code netboot/overlay}, {@code livecd/readme},
   * {@code livecd/motd}, {@code netboot/busybox_config}, and for each kernel {@code
   * boot/kernel/<name>/config} and {@code boot/kernel/<name>/initramfs_overlay}. Not listed:
   * {@code portage_confdir} and {@code repos} (host paths too, set by OSB itself), outputs
   * ({@code livecd/iso}, {@code diskimage/qcow2}, relative to {@code builds/<rel_type>}) and
   * the paths inside the chroot that {@code rm}, {@code empty} and {@code fsops} name.
   * Sources: {@code StageBase.set_fsscript}, {@code set_cdtar}, {@code set_linuxrc}, {@code
   * set_busybox_config}, {@code set_root_overlay}, {@code root_overlay()}, the
   * livecd-stage2/netboot controllers and {@code targets/support/kmerge.sh}.
   */
  public static boolean isHostPath(String key) {
    if (key.startsWith("boot/kernel/")) {
      return key.endsWith("/config") || key.endsWith("/initramfs_overlay");
    }
    int slash = key.indexOf('/');
    if (slash < 0) {
      return false;
    }
    String setting = key.substring(slash + 1);
    return switch (setting) {
      case "fsscript", "root_overlay", "linuxrc" -> true;
      case "cdtar", "readme", "motd" -> key.startsWith("livecd/");
      case "overlay" -> key.startsWith("livecd/") || key.startsWith("netboot/");
      case "busybox_config" -> key.startsWith("netboot/");
      default -> false;
    };
  }

  /**
   * Whether a target packs its result into a tarball (so {@code compression_mode} matters).
   * livecd-stage2 and diskimage-stage2 leave a directory plus an ISO or qcow2 image; netboot
   * leaves a directory of boot files; the snapshot target writes a squashfs.
   */
  public static boolean yieldsTarball(String target) {
    return switch (target) {
      case "livecd-stage2", "diskimage-stage2", "netboot", "snapshot" -> false;
      default -> true;
    };
  }

  private static final Map<String, TargetKeys> TABLES = build();

  /**
   * The target names, in pipeline order: stage1-4, livecd-stage1/2, embedded, netboot,
   * diskimage-stage1/2, snapshot.
   */
  public static List<String> targets() {
    return List.copyOf(TABLES.keySet());
  }

  /**
   * The keys of {@code target}. Like catalyst ({@code target.replace('-', '_')} names the Python
   * module and class), {@code livecd_stage1} finds {@code livecd-stage1}; the result's {@link
   * TargetKeys#name()} is always the hyphenated name.
   */
  public static Optional<TargetKeys> of(String target) {
    if (target == null) {
      return Optional.empty();
    }
    String module = target.replace('-', '_');
    for (TargetKeys t : TABLES.values()) {
      if (t.name().replace('-', '_').equals(module)) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }

  private static Map<String, TargetKeys> build() {
    Map<String, TargetKeys> m = new LinkedHashMap<>();
    stage(m, "stage1", null, sorted(), sorted("chost", "update_seed", "update_seed_command"));
    stage(m, "stage2", null, sorted(), sorted("chost"));
    stage(m, "stage3", null, sorted(), sorted());
    stage(
        m,
        "stage4",
        "stage4/",
        sorted("stage4/packages"),
        sorted(
            "boot/kernel",
            "repos",
            "stage4/empty",
            "stage4/fsscript",
            "stage4/gk_mainargs",
            "stage4/groups",
            "stage4/linuxrc",
            "stage4/rcadd",
            "stage4/rcdel",
            "stage4/rm",
            "stage4/root_overlay",
            "stage4/ssh_public_keys",
            "stage4/unmerge",
            "stage4/use",
            "stage4/users"));
    stage(m, "livecd-stage1", "livecd/", sorted("livecd/packages"), sorted("livecd/use"));
    stage(
        m,
        "livecd-stage2",
        "livecd/",
        sorted("boot/kernel"),
        union(
            prefixed(
                "livecd/",
                "bootargs",
                "cdtar",
                "depclean",
                "empty",
                "fsops",
                "fsscript",
                "fstype",
                "gk_mainargs",
                "iso",
                "iso_extra_partition",
                "linuxrc",
                "modblacklist",
                "motd",
                "overlay",
                "rcadd",
                "rcdel",
                "readme",
                "rm",
                "root_overlay",
                "type",
                "unmerge",
                "users",
                "verify",
                "volid"),
            sorted("repos")));
    stage(
        m,
        "embedded",
        "embedded/",
        sorted(),
        union(
            sorted("boot/kernel"),
            prefixed(
                "embedded/",
                "empty",
                "fs-finish",
                "fs-ops",
                "fs-prepare",
                "fs-type",
                "linuxrc",
                "mergeroot",
                "packages",
                "rm",
                "root_overlay",
                "runscript",
                "unmerge",
                "use")));
    stage(
        m,
        "netboot",
        "netboot/",
        sorted("boot/kernel"),
        prefixed(
            "netboot/",
            "busybox_config",
            "extra_files",
            "linuxrc",
            "overlay",
            "packages",
            "root_overlay",
            "use"));
    stage(
        m, "diskimage-stage1", "diskimage/", sorted("diskimage/packages"), sorted("diskimage/use"));
    stage(
        m,
        "diskimage-stage2",
        "diskimage/",
        sorted("boot/kernel"),
        union(
            prefixed(
                "diskimage/",
                "bootargs",
                "depclean",
                "empty",
                "fsops",
                "fsscript",
                "gk_mainargs",
                "modblacklist",
                "motd",
                "qcow2",
                "qcow2_size",
                "qcow2_efisize",
                "qcow2_roottype",
                "rcadd",
                "rcdel",
                "readme",
                "rm",
                "type",
                "sshkey",
                "unmerge",
                "users",
                "verify",
                "volid"),
            sorted("repos")));
    Set<String> snapshotRequired = sorted("target");
    m.put(
        "snapshot",
        new TargetKeys(
            "snapshot",
            snapshotRequired,
            union(snapshotRequired, sorted("snapshot_treeish")),
            null,
            false));
    return Collections.unmodifiableMap(m);
  }

  private static void stage(
      Map<String, TargetKeys> m,
      String name,
      String prefix,
      Set<String> required,
      Set<String> valid) {
    Set<String> req = union(STAGE_BASE_REQUIRED, required);
    m.put(name, new TargetKeys(name, req, union(STAGE_BASE_VALID, req, valid), prefix, true));
  }

  private static Set<String> prefixed(String prefix, String... names) {
    TreeSet<String> s = new TreeSet<>();
    for (String n : names) {
      s.add(prefix + n);
    }
    return Collections.unmodifiableSet(s);
  }

  private static Set<String> sorted(String... names) {
    return Collections.unmodifiableSet(new TreeSet<>(List.of(names)));
  }

  @SafeVarargs
  private static Set<String> union(Set<String>... sets) {
    TreeSet<String> s = new TreeSet<>();
    for (Set<String> x : sets) {
      s.addAll(x);
    }
    return Collections.unmodifiableSet(s);
  }
}
