package dev.osb.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.osb.catalyst.SpecCheck;
import dev.osb.catalyst.SpecParser;
import dev.osb.catalyst.SpecWriter;
import dev.osb.load.Inputs;
import dev.osb.validate.Result;
import dev.osb.validate.Validator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlannerTest {

  static final String TREEISH = "3f0f5e1c8b6a4d2e9f7a1b3c5d7e9f0a1b2c3d4e";
  static final String SEED = "https://distfiles.gentoo.org/releases/amd64/autobuilds/20261124T170000Z/"
      + "stage3-amd64-openrc-20261124T170000Z.tar.xz";

  @TempDir Path root;

  Plan plan(String extra) throws Exception {
    return plan(extra, Map.of());
  }

  Plan plan(String extra, Map<String, String> stamps) throws Exception {
    Path os = root.resolve("os.yaml");
    Files.writeString(os, "osb: 1\nprofile: default/linux/amd64/23.0\n"
        + "snapshot: { treeish: " + TREEISH + " }\n"
        + "seed: { url: " + SEED + ", sha512: " + "ab".repeat(64) + " }\n" + extra);
    Result r = Validator.validate(os, Inputs.forDirectory(root));
    assertTrue(r.ok(), r.problems().toString());
    Planner.Result p = Planner.plan(r.config(), new PlanInputs("com.example", "demo", "1.0.0", root,
        Instant.parse("2026-11-24T17:00:00Z"), Map.of()).withStamps(stamps));
    assertEquals(List.of(), p.problems());
    return p.plan();
  }

  static List<String> values(Build b, String key) {
    return b.spec().stream().filter(e -> e.key().equals(key)).findFirst()
        .map(SpecWriter.Entry::items).orElse(null);
  }

  @Test
  void defaultChainIsOneStage4OnTheSeed() throws Exception {
    Plan p = plan("packages: [app-admin/sudo, dev-lang/python:3.13]\nuse: [-X]\n");
    assertEquals(1, p.builds().size());
    Build b = p.builds().get(0);
    assertEquals("stage4", b.id());
    assertEquals("com.example.demo", b.relType());
    assertEquals("stage4-amd64-stage4-1.0.0", b.outputName());
    assertEquals(List.of("osb-seeds/stage3-amd64-openrc-20261124T170000Z.tar.xz"), values(b, "source_subpath"));
    assertEquals(List.of("--update", "--deep", "--newuse", "app-admin/sudo", "dev-lang/python:3.13"),
        values(b, "stage4/packages"));
    assertEquals(List.of("-X"), values(b, "stage4/use"));
    assertEquals(List.of("/etc/resolv.conf"), values(b, "stage4/rm"));
    assertEquals(List.of("/osb/input/portage/stage4"), values(b, "portage_confdir"));
    assertEquals(List.of("osb-build"), values(b, "portage_prefix"));
    assertEquals("catalyst-sticky.conf", b.conf());
    assertNull(values(b, "stage4/users"));
    // what catalyst would read back is exactly the plan, and catalyst accepts it
    var parsed = SpecParser.parse(SpecWriter.write(b.spec()));
    assertEquals(List.of(), SpecCheck.check(parsed));
    assertEquals(b.spec().size(), parsed.values().size());
  }

  @Test
  void versionStampSuffixesReachTheStampOutputNamesAndTheChildrensSeeds() throws Exception {
    String chain = "stages: [stage1, stage3, stage4]\nvariants: { debug: { packages: [dev-util/strace] } }\n";
    Plan p = plan(chain, Map.of("stage1", "0000aaaa", "stage3", "1111bbbb", "stage4", "2222cccc",
        "debug", "3333dddd"));
    assertEquals(List.of("stage1-1.0.0-0000aaaa"), values(p.build("stage1"), "version_stamp"));
    assertEquals("stage4-amd64-stage4-1.0.0-2222cccc", p.build("stage4").outputName());
    assertEquals(List.of(p.build("stage1").subpath()), values(p.build("stage3"), "source_subpath"));
    assertTrue(p.build("stage3").spec().toString().contains("0000aaaa"));
    assertEquals(List.of(p.build("stage4").subpath()), values(p.build("debug"), "source_subpath"));
    assertTrue(p.build("debug").outputName().endsWith("debug-1.0.0-3333dddd"), p.build("debug").outputName());
    // without suffixes nothing else changes
    Plan plain = plan(chain);
    assertEquals("stage4-amd64-stage4-1.0.0", plain.build("stage4").outputName());
    assertEquals(p.builds().size(), plain.builds().size());
  }

  @Test
  void bootstrapChainsStage1Stage3Stage4() throws Exception {
    Plan p = plan("stages: [stage1, stage3, stage4]\nmake: { common_flags: -O2 -pipe -march=x86-64-v3, chost: x86_64-pc-linux-gnu }\n");
    assertEquals(List.of("stage1", "stage3", "stage4"), p.builds().stream().map(Build::id).toList());
    Build s1 = p.build("stage1");
    Build s3 = p.build("stage3");
    Build s4 = p.build("stage4");
    assertEquals(List.of("yes"), values(s1, "update_seed"));
    assertEquals(List.of("-O2", "-pipe", "-march=x86-64-v3"), values(s1, "common_flags"));
    assertEquals(List.of("x86_64-pc-linux-gnu"), values(s1, "chost"));
    assertEquals(List.of(s1.subpath()), values(s3, "source_subpath"));
    assertEquals(List.of(s3.subpath()), values(s4, "source_subpath"));
    assertTrue(s1.portage().stream().anyMatch(f -> f.path().equals("profile/package.use.force/osb-build/alternatives")));
    assertNull(values(s3, "common_flags"));
    // stage1's packages are built USE="-* build": they get their own pkgcache
    assertTrue(!values(s1, "pkgcache_path").equals(values(s3, "pkgcache_path")));
    assertEquals(values(s3, "pkgcache_path"), values(s4, "pkgcache_path"));
  }

  @Test
  void variantGetsTheDeltaOfImperativeSteps() throws Exception {
    Plan p = plan("""
        packages: [app-admin/sudo]
        services: { enable: [sshd] }
        users: [{ name: admin, groups: [wheel] }]
        kernel: { package: sys-kernel/gentoo-kernel-bin }
        variants:
          zfs: { packages: [sys-fs/zfs], kernel: { modules: [sys-fs/zfs-kmod] }, services: { enable: [zfs-mount] } }
          same: {}
        """);
    Build main = p.build("stage4");
    assertEquals(List.of("--update", "--deep", "--newuse", "app-admin/sudo", "sys-kernel/installkernel",
        "sys-kernel/gentoo-kernel-bin"), values(main, "stage4/packages"));
    assertEquals(List.of("sshd|default"), values(main, "stage4/rcadd"));
    Build zfs = p.build("zfs");
    assertEquals(List.of(main.subpath()), values(zfs, "source_subpath"));
    // the kernel package is already in the parent's world: only the new module is emerged
    assertEquals(List.of("--update", "--deep", "--newuse", "sys-fs/zfs", "sys-fs/zfs-kmod"),
        values(zfs, "stage4/packages"));
    assertEquals("sys-kernel/gentoo-kernel-bin", zfs.fsscript().kernel().packageAtom());
    assertEquals(List.of("zfs-mount|default"), values(zfs, "stage4/rcadd"));
    assertEquals(List.of(), zfs.fsscript().users());
    Build same = p.build("same");
    assertEquals(List.of("--update", "--deep", "--newuse", "@world"), values(same, "stage4/packages"));
    assertNull(same.fsscript().kernel());
    // declarative settings are in full
    assertEquals(main.fsscript().makeConf(), same.fsscript().makeConf());
  }

  @Test
  void sourcesKernelGoesThroughGenkernelAndBackIntoWorld() throws Exception {
    Files.createDirectories(root.resolve("kernel"));
    Files.writeString(root.resolve("kernel/config"), "CONFIG_64BIT=y\n");
    Plan p = plan("kernel: { name: gentoo, package: sys-kernel/gentoo-sources, config: kernel/config, "
        + "modules: [sys-fs/zfs-kmod], emerge_options: [--usepkg, n] }\nbuild: { cache: [pkgcache, kerncache] }\n");
    Build b = p.build("stage4");
    assertEquals(List.of("gentoo"), values(b, "boot/kernel"));
    assertEquals(List.of("sys-kernel/gentoo-sources"), values(b, "boot/kernel/gentoo/sources"));
    assertEquals(List.of("/osb/project/kernel/config"), values(b, "boot/kernel/gentoo/config"));
    assertEquals(List.of("--usepkg", "n", "sys-fs/zfs-kmod"), values(b, "boot/kernel/gentoo/packages"));
    assertEquals(List.of("sys-kernel/gentoo-sources"), b.fsscript().worldAdd());
    assertTrue(values(b, "kerncache_path").get(0).startsWith("/var/tmp/catalyst/kerncache/osb-"));
    assertEquals(List.of(), SpecCheck.check(SpecParser.parse(SpecWriter.write(b.spec()))));
  }

  @Test
  void portageTreeHasFixedShippedFilesAndBuildOnlyUnderThePrefix() throws Exception {
    Plan p = plan("""
        make: { accept_license: "@FREE", vars: { VIDEO_CARDS: amdgpu radeonsi } }
        packages: [{ app-editors/vim: { use: [-X] } }]
        portage:
          env: { www-client/chromium: [clang] }
          env_files: { clang: { CC: clang } }
          build_only: { use: { sys-devel/gcc: [-fortran] } }
        """);
    Map<String, PortageFile> files = new java.util.TreeMap<>();
    p.build("stage4").portage().forEach(f -> files.put(f.path(), f));
    assertEquals(List.of(PortageTrees.HEADER, "*/* VIDEO_CARDS: amdgpu radeonsi", "app-editors/vim -X"),
        files.get("package.use/osb").lines());
    assertEquals(List.of(PortageTrees.HEADER, "*/* @FREE"), files.get("package.license/osb").lines());
    assertEquals(List.of(PortageTrees.HEADER), files.get("package.mask/osb").lines());
    assertEquals(List.of(PortageTrees.HEADER, "CC=\"clang\""), files.get("env/clang").lines());
    assertTrue(files.get("package.use/osb-build/osb").buildOnly());
    assertTrue(p.build("stage4").fsscript().prefixDirs().contains("/etc/portage/package.use/osb-build"));
  }

  @Test
  void buildsSeedFromAnyBuildAndTakeRawKeys() throws Exception {
    Plan p = plan("""
        stages: [stage1, stage3, stage4]
        builds:
          stage3d: { target: stage3, from: stage1, profile: default/linux/amd64/23.0/desktop }
          wsl:
            target: stage4
            from: stage3d
            rel_type: 23.0-default
            version_stamp: wsl-openrc
            catalyst: { rename_regexp: "s_.tar.xz$_.wsl_", stage4/packages: [media-libs/mesa] }
        """);
    Build d = p.build("stage3d");
    Build w = p.build("wsl");
    assertEquals(List.of(p.build("stage1").subpath()), values(d, "source_subpath"));
    assertEquals(List.of(d.subpath()), values(w, "source_subpath"));
    assertEquals("23.0-default/stage4-amd64-wsl-openrc", w.subpath());
    assertEquals(List.of("s_.tar.xz$_.wsl_"), values(w, "rename_regexp"));
  }

  @Test
  void catalystConfNeverAutoresumesAndStage4IsSticky() throws Exception {
    Plan p = plan("build: { cache: [pkgcache], ccache: true }\n");
    assertEquals(List.of("ccache", "pkgcache"), p.confs().get(0).options());
    assertEquals(List.of("ccache", "pkgcache", "sticky-config"), p.confs().get(1).options());
    assertTrue(p.confs().stream().noneMatch(c -> c.options().contains("autoresume")));
    assertTrue(p.envscript().contains("export SOURCE_DATE_EPOCH=1795539600"));
  }
}
