package dev.osb.build;

import static dev.osb.build.FingerprintFixture.CONTEXT;
import static dev.osb.build.FingerprintFixture.copy;
import static dev.osb.build.FingerprintFixture.edit;
import static dev.osb.build.FingerprintFixture.plan;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.osb.plan.Build;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FingerprintTest {

  private static final List<String> ALL = List.of("stage1", "stage3", "stage4", "extra");
  private static final List<String> BEFORE_STAGE4 = List.of("stage1", "stage3");
  private static final List<String> STAGE4_ON = List.of("stage4", "extra");

  @TempDir
  Path tmp;

  @Test
  void theFixtureCoversEveryKindOfInput() throws IOException {
    var p = plan(copy("chain", tmp.resolve("a")));
    assertEquals(ALL, p.plan().builds().stream().map(Build::id).toList());
    Build stage4 = p.plan().build("stage4");
    assertTrue(stage4.value("boot/kernel/gentoo/config").startsWith("/osb/project/"), "kernel config from the project");
    assertTrue(stage4.value("repos").startsWith("/osb/project/"), "local overlay from the project");
    assertTrue(stage4.value("stage4/root_overlay") != null, "root overlay");
    assertTrue(stage4.value("pkgcache_path") != null, "pkgcache");
    Map<String, Fingerprint> fps = p.fingerprints().asMap();
    assertEquals(ALL, List.copyOf(fps.keySet()));
    Set<Fingerprint> distinct = new HashSet<>(fps.values());
    assertEquals(ALL.size(), distinct.size(), "every build has its own fingerprint");
    for (Fingerprint f : fps.values()) {
      assertTrue(f.hex().matches("[0-9a-f]{64}"), f.hex());
      assertEquals(f.hex().substring(0, 8), f.short8());
    }
  }

  @Test
  void theSameProjectAnywhereGivesTheSameFingerprints() throws IOException {
    var a = plan(copy("chain", tmp.resolve("a")));
    var b = plan(copy("chain", tmp.resolve("elsewhere/deeper/checkout")));
    assertNotEquals(a.root(), b.root());
    assertEquals(a.fingerprints().asMap(), b.fingerprints().asMap());
  }

  @Test
  void noChangeChangesNothing() throws IOException {
    Path root = copy("chain", tmp.resolve("a"));
    assertEquals(plan(root).fingerprints().asMap(), plan(root).fingerprints().asMap());
  }

  @Test
  void aNewSessionTimestampChangesNothing() throws IOException {
    // without project.build.outputTimestamp the timestamp is the session start; an unchanged
    // project must still run no catalyst
    Path root = copy("chain", tmp.resolve("a"));
    var before = plan(root, Instant.parse("2026-11-24T17:00:00Z"));
    var after = plan(root, Instant.parse("2026-11-25T09:30:00Z"));
    assertNotEquals(before.rendered().text("envscript"), after.rendered().text("envscript"));
    assertEquals(before.fingerprints().asMap(), after.fingerprints().asMap());
  }

  @Test
  void aStage4OnlyChangeChangesStage4AndTheVariantsOnly() throws IOException {
    Path root = copy("chain", tmp.resolve("a"));
    var before = plan(root).fingerprints();
    edit(root.resolve("os.yaml"), "  - app-misc/tmux\n", "  - app-misc/tmux\n  - app-misc/htop\n");
    var after = plan(root).fingerprints();
    assertUnchanged(before, after, BEFORE_STAGE4);
    assertChanged(before, after, STAGE4_ON);
  }

  @Test
  void aChangedOverlayFileChangesStage4AndTheVariantsOnly() throws IOException {
    Path root = copy("chain", tmp.resolve("a"));
    var before = plan(root).fingerprints();
    Files.writeString(root.resolve("rootfs/etc/motd.d/welcome"), "Welcome, again.\n");
    var after = plan(root).fingerprints();
    assertUnchanged(before, after, BEFORE_STAGE4);
    assertChanged(before, after, STAGE4_ON);
  }

  @Test
  void aNewOverlayFileOrModeChangesStage4() throws IOException {
    Path root = copy("chain", tmp.resolve("a"));
    var before = plan(root).fingerprints();
    Files.writeString(root.resolve("rootfs/etc/motd.d/second"), "x\n");
    var added = plan(root).fingerprints();
    assertChanged(before, added, STAGE4_ON);
    Files.setPosixFilePermissions(root.resolve("rootfs/etc/motd.d/second"), PosixFilePermissions.fromString("rwxr-xr-x"));
    var executable = plan(root).fingerprints();
    assertChanged(added, executable, STAGE4_ON);
    assertUnchanged(added, executable, BEFORE_STAGE4);
  }

  @Test
  void aChangedKernelConfigChangesStage4AndTheVariants() throws IOException {
    Path root = copy("chain", tmp.resolve("a"));
    var before = plan(root).fingerprints();
    Files.writeString(root.resolve("kernel/config"), "CONFIG_64BIT=y\nCONFIG_MODULES=n\n");
    var after = plan(root).fingerprints();
    assertUnchanged(before, after, BEFORE_STAGE4);
    assertChanged(before, after, STAGE4_ON);
  }

  @Test
  void aChangedLocalOverlayChangesTheBuildsThatUseIt() throws IOException {
    Path root = copy("chain", tmp.resolve("a"));
    var before = plan(root).fingerprints();
    Files.writeString(root.resolve("overlays/site/app-misc/hello/hello-1.ebuild"), "EAPI=8\nSLOT=\"0\"\n");
    var after = plan(root).fingerprints();
    assertUnchanged(before, after, BEFORE_STAGE4); // repos reach stage1-3 only for an overlay profile
    assertChanged(before, after, STAGE4_ON);
  }

  static final String TOOLS_COMMIT = "1111111111111111111111111111111111111111";

  /** The chain fixture with a git overlay besides its local one. */
  private static Path withGitOverlay(Path root) throws IOException {
    edit(root.resolve("os.yaml"), "  - { name: site, path: overlays/site }\n", "  - { name: site, path: overlays/site }\n"
        + "  - { name: tools, sync: git, uri: https://git.example/tools.git, commit: " + TOOLS_COMMIT + " }\n");
    return root;
  }

  @Test
  void aGitOverlaysCommitOrUriChangesTheBuildsThatUseIt() throws IOException {
    Path root = withGitOverlay(copy("chain", tmp.resolve("a")));
    var p = plan(root);
    assertTrue(p.plan().build("stage4").value("repos").endsWith(" /osb/input/repos/tools"),
        p.plan().build("stage4").value("repos"));
    assertEquals(List.of(new RepoFetcher.Pinned("tools", "https://git.example/tools.git", TOOLS_COMMIT,
        "os.yaml:27:5")), RepoFetcher.pinned(p.plan(), p.config(), root), "stage4 and the variant use it once");
    var before = p.fingerprints();

    edit(root.resolve("os.yaml"), TOOLS_COMMIT, "2222222222222222222222222222222222222222");
    var commit = plan(root).fingerprints();
    assertUnchanged(before, commit, BEFORE_STAGE4); // repos reach stage1-3 only for an overlay profile
    assertChanged(before, commit, STAGE4_ON);

    edit(root.resolve("os.yaml"), "https://git.example/tools.git", "https://mirror.example/tools.git");
    var uri = plan(root).fingerprints();
    assertUnchanged(commit, uri, BEFORE_STAGE4);
    assertChanged(commit, uri, STAGE4_ON);

    // the rendered spec is the same for all three: only the pin tells them apart
    edit(root.resolve("os.yaml"), "https://mirror.example/tools.git", "https://git.example/tools.git");
    edit(root.resolve("os.yaml"), "2222222222222222222222222222222222222222", TOOLS_COMMIT);
    assertEquals(before.asMap(), plan(root).fingerprints().asMap());
  }

  @Test
  void aBootstrapSettingChangesTheWholeChain() throws IOException {
    Path root = copy("chain", tmp.resolve("a"));
    var before = plan(root).fingerprints();
    edit(root.resolve("os.yaml"), "-march=x86-64-v3", "-march=x86-64-v2");
    var after = plan(root).fingerprints();
    assertChanged(before, after, ALL);
  }

  @Test
  void aChangedSeedDigestChangesEveryBuild() throws IOException {
    Path root = copy("chain", tmp.resolve("a"));
    var p = plan(root);
    var before = p.fingerprints();
    assertChanged(before, p.fingerprints(CONTEXT, "0".repeat(128)), ALL);
    // the same through os.yaml: the Mojo passes the verified digest of the new seed
    edit(root.resolve("os.yaml"), "sha512: bd91", "sha512: cd91");
    var q = plan(root);
    assertChanged(before, q.fingerprints(), ALL);
    // the digest's case is not an input
    assertEquals(before.asMap(), p.fingerprints(CONTEXT, p.plan().seedSha512().toUpperCase()).asMap());
  }

  @Test
  void theCatalystImageTreeishAndPluginVersionChangeEveryBuild() throws IOException {
    var p = plan(copy("chain", tmp.resolve("a")));
    var before = p.fingerprints();
    String seed = p.plan().seedSha512();
    assertChanged(before, p.fingerprints(new Fingerprint.Context("sha256:other", CONTEXT.treeish(),
        CONTEXT.pluginVersion()), seed), ALL);
    assertChanged(before, p.fingerprints(new Fingerprint.Context(CONTEXT.catalystImage(), "0".repeat(40),
        CONTEXT.pluginVersion()), seed), ALL);
    assertChanged(before, p.fingerprints(new Fingerprint.Context(CONTEXT.catalystImage(), CONTEXT.treeish(),
        "0.2.0"), seed), ALL);
  }

  @Test
  void aVariantOnlyChangeChangesThatVariantOnly() throws IOException {
    Path root = copy("chain", tmp.resolve("a"));
    var before = plan(root).fingerprints();
    edit(root.resolve("os.yaml"), "packages: [app-misc/screen]", "packages: [app-misc/screen, app-misc/mc]");
    var after = plan(root).fingerprints();
    assertUnchanged(before, after, List.of("stage1", "stage3", "stage4"));
    assertChanged(before, after, List.of("extra"));
  }

  @Test
  void builderFramesEntriesSoNoTwoStreamsCollide() throws IOException {
    Fingerprint ab = Fingerprint.builder().text("a", "bc").build();
    Fingerprint abc = Fingerprint.builder().text("ab", "c").build();
    assertNotEquals(ab, abc);
    Fingerprint order1 = Fingerprint.builder().text("x", "1").text("y", "2").build();
    Fingerprint order2 = Fingerprint.builder().text("y", "2").text("x", "1").build();
    assertEquals(order1, order2, "entries are sorted by name");
    assertThrows(IllegalArgumentException.class, () -> Fingerprint.builder().text("x", "1").text("x", "2"));
  }

  @Test
  void treesHashContentNotLocation() throws IOException {
    Path a = Files.createDirectories(tmp.resolve("one/dir/sub"));
    Path b = Files.createDirectories(tmp.resolve("two/sub"));
    Files.writeString(a.resolve("f"), "same");
    Files.writeString(b.resolve("f"), "same");
    Fingerprint fa = Fingerprint.builder().tree("t", a.getParent()).build();
    Fingerprint fb = Fingerprint.builder().tree("t", b.getParent()).build();
    assertEquals(fa, fb);
    Files.createSymbolicLink(a.resolve("link"), Path.of("f"));
    assertNotEquals(fa, Fingerprint.builder().tree("t", a.getParent()).build(), "a link is an entry");
    assertNotEquals(Fingerprint.builder().tree("m", tmp.resolve("missing")).build(),
        Fingerprint.builder().text("m", "").build(), "a missing path is its own kind");
  }

  @Test
  void aProjectInputOutsideTheProjectIsRefused() throws IOException {
    var p = plan(copy("chain", tmp.resolve("a")));
    Build stage4 = p.plan().build("stage4");
    assertThrows(IllegalArgumentException.class, () -> Fingerprint.of(stage4, p.rendered(), CONTEXT, "seed:x",
        p.root(), List.of(tmp.resolve("outside")), Map.of()));
  }

  @Test
  void snapshotStampsCarryTheFingerprint() throws IOException {
    Fingerprint f = Fingerprint.builder().text("a", "b").build();
    assertEquals("stage4-1.4.0-SNAPSHOT-" + f.short8(), f.stamp("stage4-1.4.0-SNAPSHOT", "1.4.0-SNAPSHOT"));
    assertEquals("stage4-1.4.0", f.stamp("stage4-1.4.0", "1.4.0"));
    assertEquals(f, Fingerprint.parse(f.hex()));
    assertThrows(IllegalArgumentException.class, () -> Fingerprint.parse("xyz"));
  }

  private static void assertUnchanged(Fingerprints before, Fingerprints after, List<String> ids) {
    for (String id : ids) {
      assertEquals(before.get(id), after.get(id), id + " must not change");
    }
  }

  private static void assertChanged(Fingerprints before, Fingerprints after, List<String> ids) {
    for (String id : ids) {
      assertFalse(before.get(id).equals(after.get(id)), id + " must change");
    }
  }
}
