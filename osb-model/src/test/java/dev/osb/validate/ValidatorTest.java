package dev.osb.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.osb.load.Inputs;
import dev.osb.model.Init;
import dev.osb.model.Libc;
import dev.osb.model.OsConfig;
import dev.osb.model.Seed;
import dev.osb.model.Stage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole language on valid input: what each key binds to, defaults, variants, builds. */
class ValidatorTest {

  static final String TREEISH = "3f0f5e1c8b6a4d2e9f7a1b3c5d7e9f0a1b2c3d4e";
  static final String SHA512 = "ab".repeat(64);
  static final String SEED = "https://distfiles.gentoo.org/releases/amd64/autobuilds/20261124T170000Z/"
      + "stage3-amd64-openrc-20261124T170000Z.tar.xz";
  static final String HASH = "$6$saltsalt$TVLlQcbpFVof5W3Yz4DTP6gRstiNuHwwTt6GLc1E5n0U0aDehy0S5knV8wiOQSpT0Y77vwPZN.Pq.H91p5hVO1";
  static final String KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIBdVWEvMj948toetLG9Jr7P99CiCp6cbnVdPpeYgfhhn admin@osb";

  /** A valid minimal os.yaml, to which a test appends lines. */
  static String minimal(String extra) {
    return "osb: 1\n"
        + "profile: default/linux/amd64/23.0\n"
        + "snapshot: { treeish: " + TREEISH + " }\n"
        + "seed:\n  url: " + SEED + "\n  sha512: " + SHA512 + "\n"
        + extra;
  }

  @TempDir Path root;

  Result validate(String yaml) throws Exception {
    Path os = root.resolve("os.yaml");
    Files.writeString(os, yaml);
    return Validator.validate(os, Inputs.forDirectory(root));
  }

  static String problems(Result r) {
    return String.join("\n", r.problems().stream().map(p -> p.format(null)).toList());
  }

  @Test
  void minimalHasSensibleDefaults() throws Exception {
    Result r = validate(minimal(""));
    assertTrue(r.ok(), problems(r));
    OsConfig c = r.config();
    assertEquals("default", c.name());
    assertEquals("amd64", c.arch());
    assertEquals(Init.OPENRC, c.init());
    assertEquals(Libc.GLIBC, c.libc());
    assertEquals(List.of(Stage.STAGE4), c.stages());
    assertEquals(Seed.Kind.URL, c.seed().kind());
    assertEquals("https://github.com/gentoo-mirror/gentoo.git", c.snapshot().repo());
    assertEquals("podman", c.build().runner().id());
    assertEquals("pixz", c.build().compression());
    assertNull(c.kernel());
    assertEquals(List.of(), r.problems());
  }

  @Test
  void snapshotRepoMayBeALocalMirror() throws Exception {
    String pinned = "snapshot: { treeish: " + TREEISH + " }";
    Result r = validate(minimal("").replace(pinned,
        "snapshot: { treeish: " + TREEISH + ", repo: file:///srv/mirror/gentoo.git }"));
    assertTrue(r.ok(), problems(r));
    assertEquals("file:///srv/mirror/gentoo.git", r.config().snapshot().repo());

    Result bad = validate(minimal("").replace(pinned,
        "snapshot: { treeish: " + TREEISH + ", repo: \"file://mirror/gentoo.git\" }"));
    int column = pinned.indexOf(TREEISH) + TREEISH.length() + ", repo: ".length() + 1;
    assertEquals(1, bad.problems().size(), problems(bad));
    assertTrue(problems(bad).endsWith("os.yaml:3:" + column + ": invalid snapshot.repo 'file://mirror/gentoo.git': a "
        + "file URL names a path on this machine: write file:///path (three slashes, no host)"), problems(bad));
  }

  @Test
  void everySectionBinds() throws Exception {
    Files.createDirectories(root.resolve("rootfs/etc"));
    Files.createDirectories(root.resolve("scripts"));
    Files.writeString(root.resolve("scripts/finalize.sh"), "#!/bin/bash\n");
    Files.createDirectories(root.resolve("overlays/site/profiles"));
    Files.writeString(root.resolve("overlays/site/profiles/repo_name"), "site\n");
    Result r = validate(minimal("""
        name: server
        description: Small server image
        make:
          common_flags: -O2 -pipe -march=x86-64-v3
          makeopts: -j8
          features: [parallel-fetch]
          accept_license: "@FREE @BINARY-REDISTRIBUTABLE"
          vars: { VIDEO_CARDS: amdgpu radeonsi, L10N: en }
        use: [-X, zfs]
        packages:
          - app-admin/sudo
          - dev-lang/python:3.13
          - app-editors/vim: { use: [-X, python], keywords: [~amd64], license: [vim], env: [no-lto] }
        unmerge: [net-misc/netifrc]
        portage:
          use: { dev-lang/python: [sqlite, -tk] }
          accept_keywords: { sys-kernel/gentoo-sources: [~amd64], "=dev-util/foo-1.0": [~amd64] }
          license: { sys-kernel/linux-firmware: [linux-fw-redistributable] }
          mask: [">=dev-lang/rust-1.99"]
          env: { www-client/chromium: [clang] }
          env_files: { clang: { CC: clang, CXX: clang++ }, no-lto: { CFLAGS: "-O2 -fno-lto" } }
          build_only: { use: { sys-devel/gcc: [-fortran] } }
        repos:
          - { name: site, path: overlays/site, keep: true }
          - { name: guru, sync: git, uri: https://github.com/gentoo/guru.git, commit: 0123456789abcdef0123456789abcdef01234567 }
        kernel:
          package: sys-kernel/gentoo-kernel-bin
          dracut_args: [--xz, --no-hostonly]
          modules: [sys-fs/zfs-kmod]
        system: { hostname: osb, timezone: Etc/UTC, locales: ["en_US.UTF-8 UTF-8"], keymap: us }
        users:
          - name: admin
            groups: [wheel]
            shell: /bin/bash
            password_hash: "%s"
            ssh_authorized_keys: ["%s"]
          - { name: root, password_hash: "!" }
        services: { enable: [sshd, { name: udev, runlevel: sysinit }], disable: [netmount] }
        files:
          overlay: rootfs/
          modes: { /etc/sudoers.d/*: "0440" }
          remove: [/usr/share/doc]
          empty: [/var/tmp]
        scripts: { fsscript: scripts/finalize.sh }
        binpkgs:
          fetch: [https://distfiles.gentoo.org/releases/amd64/binpackages/23.0/x86-64/]
          ship: { url: https://binhost.example/amd64/23.0/ }
        variants:
          zfs: { packages: [sys-fs/zfs], kernel: { modules: [sys-fs/zfs-kmod-extra] } }
        builds:
          desktop:
            target: stage4
            from: stage4
            profile: default/linux/amd64/23.0/desktop
            catalyst: { rename_regexp: "s_.tar.xz$_.wsl_", stage4/packages: [media-libs/mesa] }
        build:
          jobs: 4
          load_average: 4
          cache: [pkgcache]
          distcc: { hosts: [10.0.0.2/8] }
        """.formatted(HASH, KEY)));
    // common_flags without stage1 is a warning, not an error
    assertTrue(r.ok(), problems(r));
    assertEquals(1, r.warnings().size(), problems(r));
    assertTrue(r.warnings().get(0).message().startsWith("make.common_flags takes effect only when stages include stage1"));
    OsConfig c = r.config();
    assertEquals("server", c.name());
    assertEquals(3, c.packages().size());
    assertEquals(List.of("-X", "python"), c.packages().get(2).use());
    assertEquals("app-editors/vim", c.packages().get(2).key());
    assertEquals(Map.of("VIDEO_CARDS", "amdgpu radeonsi", "L10N", "en"), c.make().vars());
    assertEquals(List.of("~amd64"), c.portage().shipped().acceptKeywords().get("=dev-util/foo-1.0"));
    assertEquals(List.of("-fortran"), c.portage().buildOnly().use().get("sys-devel/gcc"));
    assertEquals(2, c.repos().size());
    assertEquals(root.resolve("overlays/site"), c.repos().get(0).path());
    assertEquals("gentoo", c.kernel().name());
    assertTrue(c.kernel().isDist());
    assertEquals(HASH, c.users().get(0).passwordHash());
    assertEquals("sysinit", c.services().enable().get(1).runlevel());
    assertEquals("default", c.services().enable().get(0).runlevel());
    assertEquals(Map.of("/etc/sudoers.d/*", "0440"), c.files().modes());
    assertEquals(root.resolve("rootfs"), c.files().overlay());
    assertEquals(4.0, c.build().loadAverage());
    // the variant is the parent plus its own keys, lists appended
    OsConfig zfs = c.variants().get("zfs");
    assertNotNull(zfs);
    assertEquals("zfs", zfs.name());
    assertEquals(4, zfs.packages().size());
    assertEquals(List.of("sys-fs/zfs-kmod", "sys-fs/zfs-kmod-extra"), zfs.kernel().modules());
    assertEquals("stage4", c.builds().get("desktop").target());
    assertEquals(List.of("media-libs/mesa"), c.builds().get("desktop").catalyst().get("stage4/packages"));
  }

  @Test
  void systemdProfileDerivesInitAndNeedsASystemdSeed() throws Exception {
    Result r = validate(minimal("").replace("23.0\n", "23.0/systemd\n"));
    assertEquals(List.of("os.yaml:5:8: the seed 'stage3-amd64-openrc-20261124T170000Z.tar.xz' is an OpenRC "
        + "stage3, but the OS uses systemd (use a stage3-*-systemd seed, or change the profile)"),
        r.problems().stream().map(p -> p.format(root)).toList());
  }

  @Test
  void secretsReachOnlyPasswordHashes() throws Exception {
    Path os = root.resolve("os.yaml");
    Files.writeString(os, minimal("users: [{ name: admin, password_hash: \"${secret:ADMIN}\" }]\n"
        + "system: { hostname: \"${secret:ADMIN}\" }\n"));
    Result r = Validator.validate(os, Inputs.forDirectory(root)
        .withSecrets(n -> n.equals("ADMIN") ? Optional.of(HASH) : Optional.empty()));
    assertEquals(List.of("os.yaml:8:21: 'system.hostname' cannot take a secret (${secret:ADMIN}) "
        + "(secrets are only accepted in users[].password_hash, so they never reach a rendered file)"),
        r.problems().stream().map(p -> p.format(root)).toList());
    assertTrue(r.problems().stream().noneMatch(p -> p.toString().contains(HASH)));
  }
}
