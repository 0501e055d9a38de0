package dev.osb.catalyst;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The tables of catalyst.md section 3 and 5, checked against catalyst df01e21b's sources. */
class KeyTablesTest {

  private static TargetKeys t(String name) {
    return KeyTables.of(name).orElseThrow();
  }

  private static final Set<String> COMMON_REQUIRED =
      Set.of(
          "subarch",
          "target",
          "version_stamp",
          "rel_type",
          "profile",
          "snapshot_treeish",
          "source_subpath");

  @Test
  void targetsInPipelineOrder() {
    assertEquals(
        List.of(
            "stage1",
            "stage2",
            "stage3",
            "stage4",
            "livecd-stage1",
            "livecd-stage2",
            "embedded",
            "netboot",
            "diskimage-stage1",
            "diskimage-stage2",
            "snapshot"),
        KeyTables.targets());
  }

  @Test
  void lookupLikeCatalystsModuleName() {
    assertEquals("livecd-stage1", t("livecd_stage1").name());
    assertEquals("diskimage-stage2", t("diskimage_stage2").name());
    assertTrue(KeyTables.of("stage5").isEmpty());
    assertTrue(KeyTables.of("Stage4").isEmpty());
    assertTrue(KeyTables.of("livecd").isEmpty());
    assertTrue(KeyTables.of(null).isEmpty());
  }

  @Test
  void stageBaseKeys() {
    assertEquals(new TreeSet<>(COMMON_REQUIRED), KeyTables.STAGE_BASE_REQUIRED);
    Set<String> optional = new TreeSet<>(KeyTables.STAGE_BASE_VALID);
    optional.removeAll(COMMON_REQUIRED);
    assertEquals(
        "asflags binrepo_path catalyst_use cbuild cflags common_flags compression_mode cxxflags"
            + " decompressor_search_order fcflags fflags hostuse install_mask interpreter"
            + " keep_repos kerncache_path ldflags pkgcache_path portage_confdir portage_prefix"
            + " rename_regexp repos",
        String.join(" ", optional));
    for (String target : KeyTables.targets()) {
      TargetKeys k = t(target);
      assertTrue(k.valid().containsAll(k.required()), target + ": required keys are valid");
      if (!target.equals("snapshot")) {
        assertTrue(k.isStageBase());
        assertTrue(k.required().containsAll(COMMON_REQUIRED), target);
        assertTrue(k.valid().containsAll(KeyTables.STAGE_BASE_VALID), target);
      }
    }
  }

  @Test
  void perTargetAdditions() {
    assertEquals(
        Set.of("chost", "update_seed", "update_seed_command"), extra(t("stage1").valid()));
    assertEquals(Set.of("chost"), extra(t("stage2").valid()));
    assertEquals(Set.of(), extra(t("stage3").valid()));
    assertEquals(Set.of("stage4/packages"), extra(t("stage4").required()));
    assertEquals(
        Set.of(
            "boot/kernel", "stage4/empty", "stage4/fsscript", "stage4/gk_mainargs",
            "stage4/groups", "stage4/linuxrc", "stage4/packages", "stage4/rcadd", "stage4/rcdel",
            "stage4/rm", "stage4/root_overlay", "stage4/ssh_public_keys", "stage4/unmerge",
            "stage4/use", "stage4/users"),
        extra(t("stage4").valid()));
    assertEquals(Set.of("livecd/packages"), extra(t("livecd-stage1").required()));
    assertEquals(Set.of("livecd/packages", "livecd/use"), extra(t("livecd-stage1").valid()));
    assertEquals(Set.of("boot/kernel"), extra(t("livecd-stage2").required()));
    assertEquals(25, extra(t("livecd-stage2").valid()).size(), "boot/kernel + 24 livecd/ keys");
    assertTrue(t("livecd-stage2").valid().contains("livecd/iso_extra_partition"));
    assertEquals(Set.of(), extra(t("embedded").required()));
    assertEquals(14, extra(t("embedded").valid()).size(), "boot/kernel + 13 embedded/ keys");
    assertTrue(t("embedded").valid().contains("embedded/fs-finish"));
    assertEquals(Set.of("boot/kernel"), extra(t("netboot").required()));
    assertEquals(8, extra(t("netboot").valid()).size());
    assertEquals(Set.of("diskimage/packages"), extra(t("diskimage-stage1").required()));
    assertEquals(Set.of("boot/kernel"), extra(t("diskimage-stage2").required()));
    assertEquals(23, extra(t("diskimage-stage2").valid()).size(), "boot/kernel + 22 keys");
    assertTrue(t("diskimage-stage2").valid().contains("diskimage/sshkey"));
    assertTrue(t("diskimage-stage2").valid().contains("diskimage/qcow2_efisize"));
  }

  @Test
  void keysThatAreNotValid() {
    assertFalse(t("stage1").isValid("stage1/use", List.of()));
    assertFalse(t("stage3").isValid("stage3/use", List.of()));
    assertFalse(t("stage3").isValid("boot/kernel", List.of()));
    assertFalse(t("stage4").isValid("stage4/motd", List.of()));
    assertFalse(t("stage4").isValid("stage4/modblacklist", List.of()));
    assertFalse(t("stage4").isValid("snapshot", List.of()));
    assertFalse(t("stage4").isValid("portage_overlay", List.of()));
    assertFalse(t("stage4").isValid("compressor_arch", List.of()));
    assertFalse(t("stage4").isValid("chost", List.of()));
    assertFalse(t("stage4").isValid("options", List.of()));
    assertFalse(t("stage4").isValid("subarch ", List.of()));
  }

  @Test
  void snapshotTarget() {
    TargetKeys s = t("snapshot");
    assertFalse(s.isStageBase());
    assertEquals(Set.of("target"), s.required());
    assertEquals(Set.of("snapshot_treeish", "target"), s.valid());
    assertNull(s.prefix());
    assertFalse(s.isValid("subarch", List.of()));
    assertFalse(s.isValid("boot/kernel/gentoo/config", List.of("gentoo")));
  }

  @Test
  void prefixes() {
    assertNull(t("stage1").prefix());
    assertNull(t("stage2").prefix());
    assertNull(t("stage3").prefix());
    assertEquals("stage4/", t("stage4").prefix());
    assertEquals("livecd/", t("livecd-stage1").prefix());
    assertEquals("livecd/", t("livecd-stage2").prefix());
    assertEquals("embedded/", t("embedded").prefix());
    assertEquals("netboot/", t("netboot").prefix());
    assertEquals("diskimage/", t("diskimage-stage1").prefix());
    assertEquals("diskimage/", t("diskimage-stage2").prefix());
  }

  @Test
  void kernelKeysForListedNamesOnly() {
    TargetKeys s4 = t("stage4");
    List<String> names = List.of("gentoo", "lts");
    for (String setting : KeyTables.KERNEL_SETTINGS) {
      assertTrue(s4.isValid("boot/kernel/gentoo/" + setting, names), setting);
      assertTrue(s4.isValid("boot/kernel/lts/" + setting, names), setting);
      assertFalse(s4.isValid("boot/kernel/other/" + setting, names), setting);
      assertFalse(s4.isValid("boot/kernel/gentoo/" + setting, List.of()), setting);
    }
    assertEquals(13, KeyTables.KERNEL_SETTINGS.size());
    assertFalse(s4.isValid("boot/kernel/gentoo/cmdline", names));
    assertFalse(s4.isValid("boot/kernel/gentoo", names));
    assertFalse(s4.valid().contains("boot/kernel/gentoo/config"), "dynamic keys are not static");
    // names are concatenated as written, as catalyst does
    assertTrue(s4.isValid("boot/kernel/a.b-c/config", List.of("a.b-c")));
    assertFalse(s4.isValid("boot/kernel/a_b_c/config", List.of("a.b-c")));
  }

  @Test
  void kernelKeysFollowCatalystEvenWhereBootKernelIsInvalid() {
    // StageBase.set_valid_build_kernel_vars runs for every stage target
    assertTrue(t("stage3").isValid("boot/kernel/gentoo/config", List.of("gentoo")));
    assertFalse(t("stage3").isValid("boot/kernel", List.of("gentoo")));
  }

  @Test
  void netbootPackageFiles() {
    TargetKeys nb = t("netboot");
    assertTrue(nb.isValid("netboot/packages/sys-apps/busybox/files", List.of(),
        List.of("sys-apps/busybox")));
    assertFalse(nb.isValid("netboot/packages/sys-apps/busybox/files", List.of()));
    assertFalse(nb.isValid("netboot/packages/other/files", List.of(), List.of("sys-apps/busybox")));
    assertFalse(t("stage4").isValid("netboot/packages/a/files", List.of(), List.of("a")));
  }

  @Test
  void catalystConfKeys() {
    assertEquals(
        "binhost compression_mode digest_format digests distcc_hosts distdir envscript jobs"
            + " jobserver-fifo load-average options port_logdir repo_basedir"
            + " repo_name repo_openpgp_key_path repos_storedir sharedir storedir target_distdir"
            + " target_logdir target_pkgdir var_tmpfs_portage",
        String.join(" ", KeyTables.CATALYST_CONF_KEYS));
  }

  @Test
  void options() {
    assertEquals(
        "autoresume bindist ccache distcc icecream keepwork kerncache pkgcache seedcache"
            + " sticky-config versioned_cache",
        String.join(" ", KeyTables.OPTIONS));
  }

  @Test
  void tablesAreImmutable() {
    assertThrows(UnsupportedOperationException.class, () -> t("stage4").valid().add("x"));
    assertThrows(UnsupportedOperationException.class, () -> KeyTables.OPTIONS.add("x"));
    assertThrows(UnsupportedOperationException.class, () -> KeyTables.targets().add("x"));
  }

  @Test
  void hostPathKeysAreTheFilesCatalystReadsOnItsMachine() {
    // every valid key of every target, classified
    Set<String> hostPaths = new TreeSet<>();
    for (String target : KeyTables.targets()) {
      for (String key : t(target).valid()) {
        if (KeyTables.isHostPath(key)) {
          hostPaths.add(key);
        }
      }
    }
    assertEquals(
        "diskimage/fsscript embedded/linuxrc embedded/root_overlay livecd/cdtar livecd/fsscript"
            + " livecd/linuxrc livecd/motd livecd/overlay livecd/readme livecd/root_overlay"
            + " netboot/busybox_config netboot/linuxrc netboot/overlay netboot/root_overlay"
            + " stage4/fsscript stage4/linuxrc stage4/root_overlay",
        String.join(" ", hostPaths));
    assertTrue(KeyTables.isHostPath("boot/kernel/gentoo/config"));
    assertTrue(KeyTables.isHostPath("boot/kernel/gentoo/initramfs_overlay"));
    assertFalse(KeyTables.isHostPath("boot/kernel/gentoo/packages"));
    assertFalse(KeyTables.isHostPath("livecd/iso"));
    assertFalse(KeyTables.isHostPath("portage_confdir"));
    assertFalse(KeyTables.isHostPath("stage4/rm"));
  }

  @Test
  void targetsThatPackATarball() {
    assertEquals(
        List.of("stage1", "stage2", "stage3", "stage4", "livecd-stage1", "embedded", "diskimage-stage1"),
        KeyTables.targets().stream().filter(KeyTables::yieldsTarball).toList());
  }

  private static Set<String> extra(Set<String> keys) {
    Set<String> s = new TreeSet<>(keys);
    s.removeAll(KeyTables.STAGE_BASE_VALID);
    return s;
  }
}
