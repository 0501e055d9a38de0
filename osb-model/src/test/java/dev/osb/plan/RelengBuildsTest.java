package dev.osb.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.osb.catalyst.SpecCheck;
import dev.osb.catalyst.SpecParser;
import dev.osb.catalyst.SpecWriter;
import dev.osb.load.Inputs;
import dev.osb.validate.Problem;
import dev.osb.validate.Result;
import dev.osb.validate.Validator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What releng's specs need from {@code builds:}: no main chain ({@code stages: []}), a chain of
 * builds from the seed, per-build subarch, compression and portage_prefix, stamped version
 * stamps, and raw host paths (project files, or catalyst's own below /usr/share/catalyst/).
 */
class RelengBuildsTest {

  static final String HEAD = "osb: 1\nprofile: default/linux/amd64/23.0\n"
      + "snapshot: { treeish: " + PlannerTest.TREEISH + " }\n"
      + "seed: { url: " + PlannerTest.SEED + ", sha512: " + "ab".repeat(64) + " }\n";

  @TempDir Path root;

  Result validate(String body) throws Exception {
    Path os = root.resolve("os.yaml");
    Files.writeString(os, HEAD + body);
    return Validator.validate(os, Inputs.forDirectory(root).withTimestamp(Instant.parse("2026-01-01T00:00:00Z")));
  }

  Plan plan(String body) throws Exception {
    Result r = validate(body);
    assertTrue(r.ok(), r.problems().toString());
    Planner.Result p = Planner.plan(r.config(), new PlanInputs("com.example", "demo", "1.0.0", root,
        Instant.parse("2026-01-01T00:00:00Z"), Map.of()));
    assertEquals(List.of(), p.problems());
    for (Build b : p.plan().builds()) {
      assertEquals(List.of(), SpecCheck.check(SpecParser.parse(SpecWriter.write(b.spec()))), b.id());
    }
    return p.plan();
  }

  static List<String> errors(Result r) {
    return r.errors().stream().map(Problem::message).toList();
  }

  @Test
  void stagesEmptyBuildsOnlyTheBuilds() throws Exception {
    Files.createDirectories(root.resolve("portage-extra/stages/profile/package.use.force/releng"));
    Files.writeString(root.resolve("portage-extra/stages/profile/package.use.force/releng/alternatives"),
        "# need this here because of stage1\napp-alternatives/sh bash\n");
    Files.createDirectories(root.resolve("portage-extra/stages/package.use"));
    Files.writeString(root.resolve("portage-extra/stages/package.use/shipped"), "dev-lang/perl -minimal\n");
    Plan p = plan("""
        stages: []
        builds:
          stage1-openrc:
            target: stage1
            from: seed
            rel_type: 23.0-default
            version_stamp: openrc-${osb.timestamp}
            portage_prefix: releng
            portage: { files: portage-extra/stages }
            catalyst: { update_seed: "yes", update_seed_command: --update --deep --newuse @world }
          stage3-x32:
            target: stage3
            from: stage1-openrc
            arch: x32
            compression: lbzip2
            rel_type: 23.0-x32
            version_stamp: openrc-${osb.timestamp}
            catalyst: { binrepo_path: amd64/binpackages/23.0/x32 }
        """);
    assertEquals(List.of("stage1-openrc", "stage3-x32"), p.builds().stream().map(Build::id).toList());
    Build s1 = p.build("stage1-openrc");
    assertEquals("23.0-default/stage1-amd64-openrc-20260101T000000Z", s1.subpath());
    assertEquals(List.of("releng"), PlannerTest.values(s1, "portage_prefix"));
    assertEquals(List.of("/osb/input/portage/stage1-openrc"), PlannerTest.values(s1, "portage_confdir"));
    assertEquals(List.of("--update", "--deep", "--newuse", "@world"), PlannerTest.values(s1, "update_seed_command"));
    // the project's alternatives replace OSB's own at the same path; build-only by the prefix
    PortageFile alt = s1.portage().stream()
        .filter(f -> f.path().equals("profile/package.use.force/releng/alternatives")).findFirst().orElseThrow();
    assertTrue(alt.buildOnly());
    assertTrue(alt.source() != null);
    assertFalse(s1.portage().stream().anyMatch(f -> f.path().contains("osb-build")));
    assertFalse(s1.portage().stream().filter(f -> f.path().equals("package.use/shipped")).findFirst()
        .orElseThrow().buildOnly());
    Build s3 = p.build("stage3-x32");
    assertEquals(List.of("x32"), PlannerTest.values(s3, "subarch"));
    assertEquals(List.of("lbzip2"), PlannerTest.values(s3, "compression_mode"));
    assertEquals(List.of(s1.subpath()), PlannerTest.values(s3, "source_subpath"));
    assertEquals("23.0-x32/stage3-x32-openrc-20260101T000000Z", s3.subpath());
    assertNull(PlannerTest.values(s3, "portage_confdir"));
    // another subarch, another package cache
    assertFalse(PlannerTest.values(s1, "pkgcache_path").equals(PlannerTest.values(s3, "pkgcache_path")));
  }

  @Test
  void rawHostPathsAreProjectFilesOrCatalystsOwn() throws Exception {
    Files.createDirectories(root.resolve("kconfig"));
    Files.writeString(root.resolve("kconfig/livecd.config"), "CONFIG_64BIT=y\n");
    Files.createDirectories(root.resolve("scripts"));
    Files.writeString(root.resolve("scripts/fsscript-stage2.sh"), "#!/bin/sh\n");
    Plan p = plan("""
        stages: [stage4]
        builds:
          iso:
            target: livecd-stage2
            from: stage4
            catalyst:
              boot/kernel: gentoo
              boot/kernel/gentoo/distkernel: "yes"
              boot/kernel/gentoo/config: kconfig/livecd.config
              boot/kernel/gentoo/packages: --usepkg n net-wireless/broadcom-sta sys-fs/zfs
              livecd/fsscript: scripts/fsscript-stage2.sh
              livecd/cdtar: /usr/share/catalyst/livecd/cdtar/grub-theme-gentoo_frosted.tar.bz2
              livecd/iso: install-amd64-minimal-${osb.timestamp}.iso
              livecd/volid: Gentoo-amd64-${osb.datestamp}
              livecd/rcadd: [udev|sysinit, dbus|default]
        """);
    Build iso = p.build("iso");
    assertEquals(List.of("/osb/project/kconfig/livecd.config"), PlannerTest.values(iso, "boot/kernel/gentoo/config"));
    assertEquals(List.of("/osb/project/scripts/fsscript-stage2.sh"), PlannerTest.values(iso, "livecd/fsscript"));
    assertEquals(List.of("/usr/share/catalyst/livecd/cdtar/grub-theme-gentoo_frosted.tar.bz2"),
        PlannerTest.values(iso, "livecd/cdtar"));
    assertEquals(List.of("install-amd64-minimal-20260101T000000Z.iso"), PlannerTest.values(iso, "livecd/iso"));
    assertEquals(List.of("Gentoo-amd64-20260101"), PlannerTest.values(iso, "livecd/volid"));
    assertEquals(List.of("udev|sysinit", "dbus|default"), PlannerTest.values(iso, "livecd/rcadd"));
  }

  @Test
  void refusedHostPaths() throws Exception {
    Result r = validate("""
        builds:
          iso:
            target: livecd-stage2
            from: stage4
            catalyst:
              boot/kernel: gentoo
              boot/kernel/gentoo/config: /etc/kernels/config
              livecd/fsscript: scripts/missing.sh
              livecd/cdtar: /usr/share/catalyst/../../../etc/shadow
        """);
    List<String> errors = errors(r);
    assertTrue(errors.contains("builds.iso.catalyst.boot/kernel/gentoo/config: '/etc/kernels/config' is a path on the build machine"), errors.toString());
    assertTrue(errors.stream().anyMatch(m -> m.startsWith("builds.iso.catalyst.livecd/fsscript: path 'scripts/missing.sh' does not exist")), errors.toString());
    assertTrue(errors.stream().anyMatch(m -> m.startsWith("builds.iso.catalyst.livecd/cdtar: '/usr/share/catalyst/../")), errors.toString());
  }

  @Test
  void stagesEmptyRefusesWhatOnlyAStage4Uses() throws Exception {
    Result r = validate("""
        stages: []
        packages: [app-admin/sudo]
        variants: { zfs: { packages: [sys-fs/zfs] } }
        builds:
          s3: { target: stage3, from: seed }
        """);
    assertEquals(List.of("'packages' has no effect: 'stages: []' builds no stage4",
        "variants build on the stage4, but 'stages: []' builds none"), errors(r));
    Result none = validate("stages: []\n");
    assertEquals(List.of("'stages: []' builds no stage of the OS itself, and there are no builds"), errors(none));
    Result fromStage = validate("stages: []\nbuilds: { s3: { target: stage3, from: stage1 } }\n");
    assertEquals(List.of("builds.s3.from: stage 'stage1' is not built"), errors(fromStage));
  }

  @Test
  void perBuildKeysAreChecked() throws Exception {
    Result r = validate("""
        builds:
          a: { target: stage3, from: stage4, arch: amd46, compression: zip, portage_prefix: "a b" }
          b: { target: stage3, from: stage4, portage_prefix: releng }
          c: { target: stage3, from: stage4, arch: arm64 }
        """);
    List<String> errors = errors(r);
    assertTrue(errors.contains("unknown arch 'amd46': catalyst knows no such subarch"), errors.toString());
    assertTrue(errors.stream().anyMatch(m -> m.startsWith("invalid builds.a.compression 'zip'")), errors.toString());
    assertTrue(errors.stream().anyMatch(m -> m.startsWith("invalid builds.a.portage_prefix 'a b'")), errors.toString());
    assertTrue(errors.contains("builds.b.portage_prefix names a directory of the build's portage tree, but it has none"),
        errors.toString());
    assertTrue(errors.contains("profile 'default/linux/amd64/23.0' is for amd64, but arch 'arm64' builds arm64"),
        errors.toString());
  }
}
