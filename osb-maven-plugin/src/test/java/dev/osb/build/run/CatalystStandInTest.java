package dev.osb.build.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.osb.build.standin.CatalystStandIn;
import dev.osb.build.standin.StandInSeed;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The TEST STAND-IN for catalyst on its own (in-process, with a config whose storedir is a temp
 * dir): it must refuse what catalyst refuses and do, in catalyst's order, what OSB relies on.
 */
class CatalystStandInTest {

  static final String TREEISH = "0123456789abcdef0123456789abcdef01234567";

  static Path seed;

  @BeforeAll
  static void seed() throws Exception {
    NativeRunnerStandInTest.needsRoot();
    seed = StandInSeed.shared();
  }

  record Run(int exit, String out) {}

  static Run standin(String... args) {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    int code = CatalystStandIn.run(args, new PrintStream(b, true, StandardCharsets.UTF_8));
    return new Run(code, b.toString(StandardCharsets.UTF_8));
  }

  /** A store with the seed (as builds/osb-seeds/seed.tar.xz) and the snapshot; a config for it. */
  static Path store(Path tmp, String options) throws Exception {
    Path store = tmp.resolve("store");
    Files.createDirectories(store.resolve("builds/osb-seeds"));
    Files.copy(seed, store.resolve("builds/osb-seeds/seed.tar.xz"));
    Files.createDirectories(store.resolve("snapshots"));
    Files.writeString(store.resolve("snapshots/gentoo-" + TREEISH + ".sqfs"), "not a squashfs: the stand-in "
        + "only checks it exists\n");
    Files.createDirectories(tmp.resolve("distfiles"));
    Files.writeString(tmp.resolve("catalyst.conf"), "# test config\noptions = [" + options + "]\n"
        + "storedir = \"" + store + "\"\ndistdir = \"" + tmp.resolve("distfiles") + "\"\n"
        + "digests = [\n  \"sha512\",\n  \"blake2b\", # both\n]\njobs = 2\n");
    return store;
  }

  static String spec(String... extra) {
    return String.join("\n", List.of("subarch: amd64", "target: stage4", "version_stamp: t-1",
        "rel_type: test.standin", "profile: default/linux/amd64/23.0", "snapshot_treeish: " + TREEISH,
        "source_subpath: osb-seeds/seed", "compression_mode: xz", "stage4/packages: app-misc/hello")) + "\n"
        + String.join("\n", extra) + "\n";
  }

  // ------------------------------------------------------------------ refusals

  @Test
  void refusesUnknownAndMissingKeysLikeCatalyst(@TempDir Path tmp) throws Exception {
    store(tmp, "");
    Path spec = tmp.resolve("bad.spec");
    Files.writeString(spec, spec("bogus_key: 1", "stage4/users: x").replace("stage4/packages: app-misc/hello\n", ""));
    Run r = standin("-c", tmp.resolve("catalyst.conf").toString(), "-f", spec.toString());
    assertEquals(1, r.exit(), r.out());
    assertTrue(r.out().contains("ERROR   : Argument \"bogus_key\" not recognized.\n"), r.out());
    assertTrue(r.out().contains("ERROR   : Required argument \"stage4/packages\" not specified.\n"), r.out());
    assertFalse(Files.exists(tmp.resolve("store/tmp")), "nothing was built");
  }

  @Test
  void refusesBadConfigurations(@TempDir Path tmp) throws Exception {
    Path spec = tmp.resolve("s.spec");
    Files.writeString(spec, spec());
    Files.writeString(tmp.resolve("a.conf"), "options = []\nstoredir = \"/x\"\nsnapshot_cache = \"/y\"\n");
    Run r = standin("-c", tmp.resolve("a.conf").toString(), "-f", spec.toString());
    assertEquals(1, r.exit());
    assertTrue(r.out().contains("CRITICAL: Unknown option 'snapshot_cache' in config file " + tmp.resolve("a.conf")),
        r.out());
    Files.writeString(tmp.resolve("b.conf"), "storedir = \"/x\"\n");
    r = standin("-c", tmp.resolve("b.conf").toString(), "-f", spec.toString());
    assertEquals(1, r.exit());
    assertTrue(r.out().contains("'set' object has no attribute 'extend'"), r.out());
  }

  @Test
  void refusesWhatItsCommandLineDoesNotKnow() {
    Run r = standin("-f", "x.spec", "--bogus");
    assertEquals(2, r.exit());
    assertTrue(r.out().contains("catalyst: error: unrecognized arguments: --bogus"), r.out());
    r = standin("-c", "x.conf");
    assertEquals(2, r.exit());
    assertTrue(r.out().contains("catalyst: error: please specify one of either -f or -C or -s"), r.out());
    r = standin("-a", "-f", "x.spec");
    assertEquals(2, r.exit());
    assertTrue(r.out().contains("the stand-in does not model catalyst's -a"), r.out());
    r = standin("-f");
    assertEquals(2, r.exit());
    assertTrue(r.out().contains("argument -f/--file: expected one argument"), r.out());
    assertTrue(r.out().startsWith("NOTICE  : catalyst TEST STAND-IN"), "it says what it is");
  }

  @Test
  void aMissingSeedIsABuildFailure(@TempDir Path tmp) throws Exception {
    store(tmp, "");
    Path spec = tmp.resolve("s.spec");
    Files.writeString(spec, spec().replace("osb-seeds/seed", "osb-seeds/nothing"));
    Run r = standin("-c", tmp.resolve("catalyst.conf").toString(), "-f", spec.toString());
    assertEquals(2, r.exit());
    assertTrue(r.out().contains("Seed " + tmp.resolve("store/builds/osb-seeds/nothing") + " does not exist"), r.out());
  }

  @Test
  void snapshotsNeedTheRepositoryAndNoNetwork(@TempDir Path tmp) throws Exception {
    Path store = store(tmp, "");
    Run r = standin("-c", tmp.resolve("catalyst.conf").toString(), "-s", TREEISH);
    assertEquals(2, r.exit(), r.out());
    assertTrue(r.out().contains("ERROR   : " + store.resolve("repos/gentoo.git") + " is not a git repository"),
        "repos_storedir defaults to %(storedir)s/repos: " + r.out());
    r = standin("-c", tmp.resolve("catalyst.conf").toString(), "-s", "stable");
    assertEquals(2, r.exit(), r.out());
    assertTrue(r.out().contains("the stand-in does not fetch"), r.out());
  }

  // ------------------------------------------------------------------ a whole stage4

  @Test
  void buildsAStage4InCatalystsOrder(@TempDir Path tmp) throws Exception {
    Path store = store(tmp, "\"bindist\"");
    Path confdir = tmp.resolve("confdir");
    Files.createDirectories(confdir.resolve("package.use/osb-build"));
    Files.writeString(confdir.resolve("package.use/osb-build/gcc"), "sys-devel/gcc -fortran\n");
    Files.writeString(confdir.resolve("package.use/shipped"), "app-editors/vim -X\n");
    Files.createDirectories(confdir.resolve("patches/sys-apps/foo"));
    Files.writeString(confdir.resolve("make.conf"), "OVERWRITTEN=yes\n");
    Path overlay = tmp.resolve("overlay");
    Files.createDirectories(overlay.resolve("etc"));
    Files.writeString(overlay.resolve("etc/motd"), "hello\n");
    for (Path p : List.of(overlay, overlay.resolve("etc"), overlay.resolve("etc/motd"))) {
      Files.setAttribute(p, "unix:uid", 1234, LinkOption.NOFOLLOW_LINKS);
    }
    Path fsscript = tmp.resolve("fs.sh");
    Files.writeString(fsscript, """
        #!/bin/bash
        set -euo pipefail
        if getent passwd bob >/dev/null; then echo present; else echo absent; fi > /etc/bob-at-fsscript
        echo '127.0.0.1 changed-by-fsscript' > /etc/hosts
        echo 'FROM_FSSCRIPT=1' > /etc/portage/make.conf
        [ -r /tmp/envscript ] || echo 'no envscript' > /etc/envscript-state
        echo 'fsscript ran'
        """);
    Path spec = tmp.resolve("s.spec");
    Files.writeString(spec, spec("portage_confdir: " + confdir, "portage_prefix: osb-build",
        "rename_regexp: s_.tar.xz$_.wsl_", "stage4/use: zfs -X",
        "stage4/root_overlay: " + overlay + " " + tmp.resolve("missing-overlay"),
        "stage4/fsscript: " + fsscript, "stage4/rcadd: sshd|default chronyd|default",
        "stage4/unmerge: net-misc/netifrc", "stage4/rm: /usr/share/doc /etc/resolv.conf",
        "stage4/empty: /var/log", "stage4/groups: devs", "stage4/users: bob"));

    Run r = standin("-c", tmp.resolve("catalyst.conf").toString(), "-f", spec.toString());
    assertEquals(0, r.exit(), r.out());
    assertTrue(r.out().contains("fsscript ran\n"), r.out());
    assertTrue(r.out().contains(" * rc-update: service `chronyd' does not exist"), r.out());

    Path builds = store.resolve("builds/test.standin");
    String file = "stage4-amd64-t-1.wsl";
    Path tarball = builds.resolve(file);
    assertTrue(Files.isRegularFile(tarball), r.out());
    assertTrue(Files.isRegularFile(builds.resolve(file + ".CONTENTS.gz")));
    List<String> digests = Files.readAllLines(builds.resolve(file + ".DIGESTS"));
    assertEquals(8, digests.size(), digests.toString());
    assertEquals("# SHA512 HASH", digests.get(0));
    assertEquals(sha512(tarball) + "  " + file, digests.get(1));
    assertEquals("# BLAKE2B HASH", digests.get(2));
    assertTrue(digests.get(3).matches("[0-9a-f]{128}  " + file.replace(".", "\\.")), digests.get(3));
    assertEquals("# SHA512 HASH", digests.get(4));
    assertEquals(sha512(builds.resolve(file + ".CONTENTS.gz")) + "  " + file + ".CONTENTS.gz", digests.get(5));
    assertFalse(Files.exists(store.resolve("tmp/test.standin/stage4-amd64-t-1")), "the chroot is removed");

    Path x = NativeRunnerStandInTest.unpack(tarball, tmp.resolve("x"));
    assertEquals("absent\n", Files.readString(x.resolve("etc/bob-at-fsscript")), "users come after the fsscript");
    assertTrue(Files.readString(x.resolve("etc/passwd")).contains("\nbob:x:"));
    assertTrue(Files.readString(x.resolve("etc/group")).contains("\ndevs:x:"));
    assertEquals(String.join("\n", "# These settings were set by the catalyst build script that automatically",
        "# built this stage.", "# Please consult /usr/share/portage/config/make.conf.example for a more",
        "# detailed example.", "COMMON_FLAGS=\"-O2 -pipe\"", "CFLAGS=\"${COMMON_FLAGS}\"",
        "CXXFLAGS=\"${COMMON_FLAGS}\"", "FCFLAGS=\"${COMMON_FLAGS}\"", "FFLAGS=\"${COMMON_FLAGS}\"", "USE=\"-X zfs\"",
        "# This sets the language of build output to English.",
        "# Please keep this setting intact when reporting bugs.", "LC_MESSAGES=C.UTF-8") + "\n",
        Files.readString(x.resolve("etc/portage/make.conf")),
        "without sticky-config catalyst rewrites make.conf at the end (and drops bindist)");
    assertFalse(Files.exists(x.resolve("etc/portage/package.use/osb-build")), "portage_prefix removed");
    assertEquals("app-editors/vim -X\n", Files.readString(x.resolve("etc/portage/package.use/shipped")));
    assertFalse(Files.exists(x.resolve("etc/portage/patches")));
    assertEquals("../../var/db/repos/gentoo/profiles/default/linux/amd64/23.0",
        Files.readSymbolicLink(x.resolve("etc/portage/make.profile")).toString());
    assertEquals(Path.of("/etc/init.d/sshd"), Files.readSymbolicLink(x.resolve("etc/runlevels/default/sshd")));
    assertFalse(Files.exists(x.resolve("etc/runlevels/default/chronyd"), LinkOption.NOFOLLOW_LINKS));
    assertFalse(Files.exists(x.resolve("var/db/pkg/net-misc/netifrc-0.7.8")));
    assertFalse(Files.exists(x.resolve("etc/init.d/net.lo")), "unmerge removes the package's files");
    assertTrue(Files.exists(x.resolve("var/db/pkg/sys-apps/openrc-0.54")));
    assertFalse(Files.exists(x.resolve("usr/share/doc")));
    assertFalse(Files.exists(x.resolve("etc/resolv.conf"), LinkOption.NOFOLLOW_LINKS));
    assertEquals(List.of(), NativeRunnerStandInTest.list(x.resolve("var/log")), "stage4/empty");
    assertEquals(List.of(), NativeRunnerStandInTest.list(x.resolve("tmp")), "clean empties /tmp");
    assertFalse(Files.exists(x.resolve("etc/passwd-")), "clean removes /etc/*-");
    assertEquals("127.0.0.1 localhost\n::1 localhost\n", Files.readString(x.resolve("etc/hosts")),
        "the seed's /etc/hosts comes back");
    assertEquals("hello\n", Files.readString(x.resolve("etc/motd")));
    assertEquals(1234, Files.getAttribute(x, "unix:uid"),
        "rsync -a of a user-owned overlay hands / its owner: why OSB gives catalyst root-owned copies");
    assertEquals(1234, Files.getAttribute(x.resolve("etc/motd"), "unix:uid"));
  }

  static String sha512(Path f) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-512").digest(Files.readAllBytes(f)));
  }
}
