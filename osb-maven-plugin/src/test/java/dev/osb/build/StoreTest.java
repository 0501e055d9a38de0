package dev.osb.build;

import static dev.osb.build.FingerprintFixture.copy;
import static dev.osb.build.FingerprintFixture.plan;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.osb.catalyst.SpecWriter;
import dev.osb.plan.Build;
import dev.osb.plan.Plan;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreTest {

  @TempDir
  Path tmp;

  private Store store;
  private Plan plan;
  private Fingerprints fps;

  @BeforeEach
  void setUp() throws IOException {
    store = new Store(tmp.resolve("store"), Progress.NONE);
    var p = plan(copy("chain", tmp.resolve("project")));
    plan = p.plan();
    fps = p.fingerprints();
  }

  @Test
  void extensionsFollowCatalystsCompressionModes() {
    assertEquals("tar.xz", Store.extension("pixz"));
    assertEquals("tar.xz", Store.extension("xz"));
    assertEquals("tar.bz2", Store.extension("lbzip2"));
    assertEquals("tar.bz2", Store.extension("bzip2"));
    assertEquals("tar.bz2", Store.extension(null), "catalyst's default is lbzip2");
    assertEquals("tar.gz", Store.extension("gzip"));
    assertEquals("tar", Store.extension("tar"));
    assertEquals("tar.xz", Store.extension("pixz_x"));
    assertEquals("squashfs", Store.extension("squashfs_xz"));
    assertThrows(IllegalArgumentException.class, () -> Store.extension("rar"));
  }

  @Test
  void pathsFollowCatalystsLayout() {
    Build stage4 = plan.build("stage4");
    Path root = store.root();
    assertEquals(root.resolve("builds/com.example.chain/stage4-amd64-stage4-1.4.0.tar.xz"), store.output(stage4));
    assertEquals(root.resolve("builds/com.example.chain/stage4-amd64-stage4-1.4.0.tar.xz.CONTENTS.gz"),
        store.contents(stage4));
    assertEquals(root.resolve("builds/com.example.chain/stage4-amd64-stage4-1.4.0.tar.xz.DIGESTS"),
        store.digests(stage4));
    assertEquals(root.resolve("tmp/com.example.chain/stage4-amd64-stage4-1.4.0"), store.chroot(stage4));
    assertEquals(root.resolve("osb-state/com.example.chain/stage4-amd64-stage4-1.4.0.properties"),
        store.state(stage4));
    assertEquals(root.resolve("snapshots/gentoo-" + plan.treeish() + ".sqfs"), store.snapshot(plan.treeish()));
    assertEquals(root.resolve("packages"), store.packages());
    // the seed and the next build's source_subpath name the same files
    assertEquals(store.builds(plan.seedSubpath()), store.seed("stage3-amd64-openrc-20261124T170000Z.tar.xz"));
    assertEquals(root.resolve("builds/osb-seeds/stage3-amd64-openrc-20261124T170000Z.tar.xz"),
        store.builds(plan.build("stage1").value("source_subpath")));
    assertEquals(store.output(plan.build("stage3")).toString(),
        store.builds(plan.build("stage4").value("source_subpath")) + ".tar.xz");
    assertTrue(store.host(stage4.value("pkgcache_path")).startsWith(store.packages()));
  }

  @Test
  void storePathsNeverLeaveTheStore() {
    assertThrows(IllegalArgumentException.class, () -> store.seed("../../etc/passwd"));
    assertThrows(IllegalArgumentException.class, () -> store.builds("/etc"));
    assertThrows(IllegalArgumentException.class, () -> store.host("/etc/passwd"));
    assertThrows(IllegalArgumentException.class, () -> store.host("/var/tmp/catalyst/../x"));
  }

  @Test
  void renameRegexpRenamesTheTarballAsCatalystDoes() {
    Build wsl = withSpec(plan.build("stage4"), "rename_regexp", "s_.tar.xz$_.wsl_");
    assertEquals("stage4-amd64-stage4-1.4.0.wsl", store.output(wsl).getFileName().toString());
    assertEquals("stage4-amd64-stage4-1.4.0.wsl.DIGESTS", store.digests(wsl).getFileName().toString());
    assertEquals("a-b.tar.xz", Store.sedSubstitute("s/(a)_(b)/\\1-\\2/", "a_b.tar.xz"));
    assertEquals("xxb", Store.sedSubstitute("s|a|x|g", "aab"));
    assertEquals("xab", Store.sedSubstitute("s|a|x|", "aab"));
    assertEquals("[aa].tar", Store.sedSubstitute("s/aa/[&]/", "aa.tar"));
    assertThrows(IllegalArgumentException.class, () -> Store.sedSubstitute("y/a/b/", "a"));
  }

  @Test
  void aBuildWithoutTarballIsItsDirectoryOrImage() {
    Build livecd2 = new Build("cd", Build.Kind.BUILD, "livecd-stage2", "stage3", "r", "livecd-stage2-amd64-cd-1",
        List.of(SpecWriter.Entry.of("livecd/iso", "install.iso")), List.of(), null, "catalyst.conf", false);
    assertEquals(store.root().resolve("builds/r/install.iso"), store.output(livecd2));
    Build noIso = new Build("cd", Build.Kind.BUILD, "livecd-stage2", "stage3", "r", "livecd-stage2-amd64-cd-1",
        List.of(), List.of(), null, "catalyst.conf", false);
    assertEquals(store.root().resolve("builds/r/livecd-stage2-amd64-cd-1"), store.output(noIso));
  }

  @Test
  void aMatchingFinishedOutputIsReusedAndAMismatchIsNot() throws IOException {
    Build stage4 = plan.build("stage4");
    Fingerprint fp = fps.get("stage4");
    assertFalse(store.isFinished(stage4, fp), "nothing built yet");
    assertThrows(IllegalStateException.class, () -> store.markFinished(stage4, fp), "no output, no record");
    writeOutput(stage4);
    assertFalse(store.isFinished(stage4, fp), "an output without a record is not trusted");
    store.markFinished(stage4, fp);
    assertTrue(store.isFinished(stage4, fp));
    assertEquals(Optional.of(fp.hex()), store.recordedFingerprint(stage4));
    assertFalse(store.isFinished(stage4, fps.get("extra")), "another fingerprint");
    Files.delete(store.output(stage4));
    assertFalse(store.isFinished(stage4, fp), "a record without its output");
  }

  @Test
  void prepareRebuildDeletesTheChrootAndTheStaleOutputOnly() throws IOException {
    Build stage4 = plan.build("stage4");
    Build stage3 = plan.build("stage3");
    writeOutput(stage4);
    writeOutput(stage3);
    store.markFinished(stage4, fps.get("stage4"));
    store.markFinished(stage3, fps.get("stage3"));
    Path chroot = store.chroot(stage4);
    Files.createDirectories(chroot.resolve("etc/portage"));
    Files.writeString(chroot.resolve("etc/portage/make.conf"), "x");
    Path outside = Files.createDirectories(tmp.resolve("outside"));
    Files.writeString(outside.resolve("keep"), "keep");
    Files.createSymbolicLink(chroot.resolve("link"), outside);
    Files.createDirectories(store.chroot(stage3));

    List<Path> deleted = store.prepareRebuild(stage4);

    assertTrue(deleted.contains(chroot));
    assertTrue(deleted.contains(store.output(stage4)));
    for (Path p : List.of(chroot, store.output(stage4), store.contents(stage4), store.digests(stage4),
        store.state(stage4))) {
      assertFalse(Files.exists(p), p + " must be gone");
    }
    assertTrue(Files.exists(outside.resolve("keep")), "links are not followed");
    assertTrue(store.isFinished(stage3, fps.get("stage3")), "other builds stay");
    assertTrue(Files.isDirectory(store.chroot(stage3)));
    assertEquals(List.of(), store.prepareRebuild(stage4), "nothing left to delete");
  }

  private void writeOutput(Build b) throws IOException {
    Files.createDirectories(store.output(b).getParent());
    Files.writeString(store.output(b), "tarball");
    Files.writeString(store.contents(b), "contents");
    Files.writeString(store.digests(b), "digests");
  }

  private static Build withSpec(Build b, String key, String value) {
    List<SpecWriter.Entry> spec = new ArrayList<>(b.spec());
    spec.add(SpecWriter.Entry.of(key, value));
    return new Build(b.id(), b.kind(), b.target(), b.parent(), b.relType(), b.outputName(), spec, b.portage(),
        b.fsscript(), b.conf(), b.shipped());
  }
}
