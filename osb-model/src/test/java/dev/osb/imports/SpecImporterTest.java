package dev.osb.imports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.osb.load.Inputs;
import dev.osb.plan.Build;
import dev.osb.plan.PlanInputs;
import dev.osb.plan.Planner;
import dev.osb.validate.Result;
import dev.osb.validate.Validator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The importer on its own: stamped specs, catalyst 3 specs, what it cannot map, its notes. */
class SpecImporterTest {

  @TempDir Path tmp;

  Path spec(String name, String text) throws IOException {
    Path p = tmp.resolve("specs").resolve(name);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text);
    return p;
  }

  static List<String> notes(ImportResult r, ImportNote.Level level) {
    return r.notes().stream().filter(n -> n.level() == level).map(n -> n.line() + ": " + n.message()).toList();
  }

  @Test
  void catalystAutosStampedCopiesImportAsTheOriginals() throws IOException {
    Path repo = Releng.checkout(tmp);
    List<Path> chain = SpecImporter.chains(Releng.specs(repo)).get(1); // stage1/stage3-openrc + installcd
    ImportResult original = SpecImporter.importSpecs(chain, ImportOptions.defaults().withTreeish(Releng.TREEISH));
    // catalyst-auto's copies: stamped, in a temporary directory, kconfig paths rewritten
    Path stampedDir = tmp.resolve("catalyst-auto/specs");
    Files.createDirectories(stampedDir);
    List<Path> stamped = new java.util.ArrayList<>();
    for (Path p : chain) {
      Path copy = stampedDir.resolve(p.getFileName());
      Files.writeString(copy, Releng.stamp(Releng.read(p), Path.of("/var/tmp/releng")));
      stamped.add(copy);
    }
    ImportResult r = SpecImporter.importSpecs(stamped, ImportOptions.defaults()
        .withStamps(Releng.TIMESTAMP, Releng.DATESTAMP, Releng.TREEISH, "/var/tmp/releng")
        .withPath("@REPO_DIR@", repo).withName("amd64"));
    assertEquals(original.osYaml(), r.osYaml());
    assertEquals(original.files().stream().map(ImportResult.ImportedFile::path).toList(),
        r.files().stream().map(ImportResult.ImportedFile::path).toList());
    assertEquals(notes(original, ImportNote.Level.ERROR).size(), notes(r, ImportNote.Level.ERROR).size());

    // without the values: the timestamp is found in the version stamps, the paths as they are
    ImportResult guessed = SpecImporter.importSpecs(stamped, ImportOptions.defaults()
        .withPath("/var/tmp/releng", repo));
    assertTrue(guessed.osYaml().contains("version_stamp: \"openrc-${osb.timestamp}\""), guessed.osYaml());
    assertTrue(guessed.osYaml().contains("treeish: " + Releng.TREEISH), guessed.osYaml());
    assertTrue(notes(guessed, ImportNote.Level.INFO).stream().anyMatch(n -> n.contains("20260101T000000Z is read as")));
    assertEquals(List.of(), notes(guessed, ImportNote.Level.ERROR).stream()
        .filter(n -> !n.contains("-latest link")).toList());
  }

  @Test
  void catalyst3KeysAreMigratedAndWhatCannotBeMappedIsReported() throws IOException {
    Path overlay = tmp.resolve("overlay");
    Files.createDirectories(overlay.resolve("profiles"));
    Files.writeString(overlay.resolve("profiles/repo_name"), "site\n");
    Files.createDirectories(tmp.resolve("etc-portage/package.use"));
    Files.writeString(tmp.resolve("etc-portage/package.use/x"), "app-misc/x foo\n");
    Files.writeString(tmp.resolve("etc-portage/make.conf"), "USE=\"x\"\n");
    Path s = spec("server.spec", """
        subarch: amd64
        target: stage4
        version_stamp: 2020
        rel_type: default
        profile: default/linux/amd64/17.1
        snapshot: 20200601
        source_subpath: default/stage3-amd64-20200601
        portage_overlay: %s
        portage_confdir: %s
        pkgcache_path: /var/tmp/pkg
        stage4/motd: /etc/motd
        stage4/users: admin
        stage4/unmerge: none
        livecd/iso: x.iso
        stage4/packages: app-misc/screen dev-lang/python:3.12
        stage4/fsscript: /usr/share/catalyst/targets/support/x.sh
        stage4/root_overlay: %s
        rename_regexp: s_x_y_
        """.formatted(overlay, tmp.resolve("etc-portage"), tmp.resolve("missing-overlay")));
    ImportResult r = SpecImporter.importSpecs(List.of(s), ImportOptions.defaults());
    assertEquals(List.of(
        "6: catalyst 3 key 'snapshot: 20200601' (a portage tarball) is migrated: catalyst 4 reads "
            + "snapshot_treeish, a ::gentoo commit, which OSB writes from snapshot.treeish",
        "8: catalyst 3 key 'portage_overlay' is migrated to catalyst 4's repos (OSB's top-level repos:)",
        "9: portage_confdir '" + tmp.resolve("etc-portage") + "' holds make.conf, which is not imported: catalyst "
            + "writes make.conf itself (OSB's make: keys set the shipped one)"),
        notes(r, ImportNote.Level.WARNING));
    List<String> errors = notes(r, ImportNote.Level.ERROR);
    assertTrue(errors.contains("11: 'stage4/motd' is a catalyst 3 key that catalyst 4 no longer has; not imported "
        + "(catalyst 4 would stop on it)"), errors.toString());
    assertTrue(errors.stream().anyMatch(e -> e.startsWith("12: stage4/users is not imported: OSB makes accounts")), errors.toString());
    assertTrue(errors.contains("13: 'stage4/unmerge: none' reads as None in catalyst; an os.yaml cannot write None, "
        + "so the key is not imported"), errors.toString());
    assertTrue(errors.contains("14: 'livecd/iso' is not a catalyst 4 key for target stage4 (catalyst would stop on it); "
        + "not imported"), errors.toString());
    assertTrue(errors.stream().anyMatch(e -> e.startsWith("17: 'stage4/root_overlay': " + tmp.resolve("missing-overlay")
        + " is not on this machine")), errors.toString());
    assertTrue(errors.stream().anyMatch(e -> e.startsWith("7: the seed 'default/stage3-amd64-20200601' is the output of a build")),
        errors.toString());
    assertTrue(errors.stream().anyMatch(e -> e.startsWith("0: the specs say snapshot_treeish: @TREEISH@")), errors.toString());
    assertTrue(notes(r, ImportNote.Level.INFO).stream().anyMatch(n -> n.startsWith("10: pkgcache_path is OSB's")));
    assertTrue(notes(r, ImportNote.Level.INFO).stream().anyMatch(n -> n.startsWith("2: a stage4 under builds: runs as written")));
    String y = r.osYaml();
    assertTrue(y.contains("repos:\n  - name: site\n    path: overlays/site\n"), y);
    assertTrue(y.contains("      stage4/packages: \"app-misc/screen dev-lang/python:3.12\"\n"), y);
    assertTrue(y.contains("      stage4/fsscript: /usr/share/catalyst/targets/support/x.sh\n"), y);
    assertTrue(y.contains("      stage4/root_overlay: files/missing-overlay\n"), y);
    assertFalse(y.contains("motd") || y.contains("stage4/users") || y.contains("unmerge") || y.contains("pkgcache"), y);
    assertEquals(List.of("overlays/site/profiles/repo_name", "portage-extra/etc-portage/package.use/x"),
        r.files().stream().map(ImportResult.ImportedFile::path).toList());
    // notes are located: file:line: level: message
    assertEquals("specs/server.spec:6: warning: catalyst 3 key 'snapshot: 20200601' (a portage tarball) is migrated: "
        + "catalyst 4 reads snapshot_treeish, a ::gentoo commit, which OSB writes from snapshot.treeish",
        r.notes().stream().filter(n -> n.line() == 6).findFirst().orElseThrow().format(tmp));
  }

  @Test
  void placeholdersPercentAndLiteralReferences() throws IOException {
    Path s1 = spec("a.spec", """
        subarch: amd64
        target: stage1
        version_stamp: %(subarch)s-@TIMESTAMP@
        rel_type: ${x}
        profile: default/linux/amd64/23.0
        snapshot_treeish: @TREEISH@
        source_subpath: ${x}/stage3-amd64-openrc-latest
        """);
    Path s3 = spec("b.spec", """
        subarch: amd64
        target: stage3
        version_stamp: amd64-@TIMESTAMP@
        rel_type: ${x}
        profile: default/linux/amd64/23.0
        snapshot_treeish: @TREEISH@
        source_subpath: ${x}/stage1-amd64-amd64-@TIMESTAMP@.tar.xz
        compression_mode: xz
        cflags: -O2 -pipe
        """);
    ImportResult r = SpecImporter.importSpecs(List.of(s3, s1), ImportOptions.defaults());
    String y = r.osYaml();
    // %(subarch)s is what catalyst read: amd64; the chain is found with placeholders and extension
    assertTrue(y.contains("    version_stamp: \"amd64-${osb.timestamp}\"\n"), y);
    assertTrue(y.contains("    from: a\n"), y);
    assertTrue(y.contains("    rel_type: \"$${x}\"\n"), y);
    assertEquals(List.of(s1, s3), List.copyOf(r.builds().keySet()));
    assertTrue(y.contains("build:\n  compression: xz\n"), y);
    assertTrue(notes(r, ImportNote.Level.INFO).stream().anyMatch(n -> n.startsWith("2: OSB gives every stage1")));
  }

  @Test
  void aSecondChainIsReportedAndTheImportedProjectValidates() throws IOException {
    Path repo = Releng.checkout(tmp);
    List<Path> all = Releng.specs(repo);
    ImportResult r = SpecImporter.importSpecs(all, ImportOptions.defaults().withTreeish(Releng.TREEISH)
        .withSeed(Releng.seedUrl("x/stage3-amd64-hardened-openrc-latest"), Releng.SHA512));
    List<String> errors = notes(r, ImportNote.Level.ERROR);
    assertEquals(5, errors.size(), errors.toString());
    assertTrue(errors.stream().allMatch(e -> e.contains("starts a second chain")), errors.toString());
    // still a project that validates and plans: every build from the one seed
    Path project = tmp.resolve("all");
    r.writeTo(project, false);
    Result v = Validator.validate(project.resolve("os.yaml"), Inputs.forDirectory(project).withTimestamp(Releng.WHEN));
    assertTrue(v.ok(), v.problems().toString());
    var p = Planner.plan(v.config(), new PlanInputs("org.gentoo", "releng", "1", project, Releng.WHEN, Map.of()));
    assertEquals(List.of(), p.problems());
    assertEquals(12, p.plan().builds().size());
    Build s4 = p.plan().build("stage4w-openrc-23");
    assertEquals("23.0-default/stage4-amd64-wsl-openrc-20260101T000000Z", s4.subpath());
    // writing again is a no-op; other content is refused
    assertEquals(List.of(), r.writeTo(project, false));
    Files.writeString(project.resolve("os.yaml"), "osb: 1\n");
    assertThrows(IOException.class, () -> r.writeTo(project, false));
    assertFalse(r.writeTo(project, true).isEmpty());
  }
}
