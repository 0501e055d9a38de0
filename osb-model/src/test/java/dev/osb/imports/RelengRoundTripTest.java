package dev.osb.imports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.osb.catalyst.ParsedSpec;
import dev.osb.catalyst.SpecCheck;
import dev.osb.catalyst.SpecParser;
import dev.osb.catalyst.SpecWriter;
import dev.osb.load.Inputs;
import dev.osb.plan.Build;
import dev.osb.plan.Plan;
import dev.osb.plan.PlanInputs;
import dev.osb.plan.Planner;
import dev.osb.validate.Result;
import dev.osb.validate.Validator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every amd64 spec of Gentoo's release engineering, with the portage trees it names, goes
 * import -> validate -> plan -> spec writer -> catalyst's parser, and reads as the original
 * does (stamped alike), in {@link Canonical} form; the planned portage trees hold the original
 * files byte for byte. Chains are imported as releng builds them (one os.yaml each).
 */
class RelengRoundTripTest {

  @TempDir Path tmp;

  @Test
  void theReferenceSplitsIntoSixChains() throws IOException {
    Path repo = Releng.checkout(tmp);
    assertEquals(Releng.specs(repo), SpecImporter.findSpecs(List.of(repo.resolve("releases/specs/amd64"))));
    List<List<String>> chains = SpecImporter.chains(Releng.specs(repo)).stream()
        .map(c -> c.stream().map(p -> repo.resolve("releases/specs/amd64").relativize(p).toString()).toList())
        .toList();
    assertEquals(List.of(
        List.of("hardened/stage1-openrc-23.spec", "hardened/stage3-openrc-23.spec"),
        List.of("installcd-stage1.spec", "installcd-stage2-minimal.spec", "stage1-openrc-23.spec", "stage3-openrc-23.spec"),
        List.of("musl/stage1-openrc-23.spec", "musl/stage3-openrc-23.spec"),
        List.of("stage1-systemd-23.spec", "stage3-systemd-23.spec"),
        List.of("stage4w-openrc-23.spec"),
        List.of("stage4w-systemd-23.spec")), chains);
  }

  @TestFactory
  Stream<DynamicTest> everyChainRoundTrips() throws IOException {
    Path repo = Releng.checkout(tmp);
    List<List<Path>> chains = SpecImporter.chains(Releng.specs(repo));
    assertEquals(12, chains.stream().mapToInt(List::size).sum());
    List<DynamicTest> tests = new ArrayList<>();
    for (int i = 0; i < chains.size(); i++) {
      List<Path> chain = chains.get(i);
      Path project = tmp.resolve("project-" + i);
      tests.add(DynamicTest.dynamicTest(chain.get(0).getFileName() + " and its chain (" + chain.size() + ")",
          () -> roundTrip(repo, chain, project)));
    }
    return tests.stream();
  }

  @Test
  void theReconstructedSpecsJoinTheirChains() throws IOException {
    Path repo = Releng.checkout(tmp, true);
    List<List<String>> chains = SpecImporter.chains(Releng.specs(repo)).stream()
        .map(c -> c.stream().map(p -> repo.resolve("releases/specs/amd64").relativize(p).toString()).toList())
        .toList();
    assertEquals(List.of(
        List.of("diskimage-stage1-console.spec", "diskimage-stage2-console.spec", "stage1-systemd-23.spec",
            "stage3-systemd-23.spec"),
        List.of("hardened/stage1-openrc-23.spec", "hardened/stage3-openrc-23.spec"),
        List.of("installcd-stage1.spec", "installcd-stage2-minimal.spec", "livegui/livegui-stage1.spec",
            "livegui/livegui-stage2.spec", "stage1-openrc-23.spec", "stage3-openrc-23.spec", "stage3d-openrc-23.spec",
            "stage4w-openrc-23.spec"),
        List.of("llvm/stage1-openrc-23.spec", "llvm/stage3-openrc-23.spec"),
        List.of("musl/stage1-openrc-23.spec", "musl/stage3-openrc-23.spec"),
        List.of("stage4w-systemd-23.spec"),
        List.of("x32/stage1-openrc-23.spec", "x32/stage3-openrc-23.spec")), chains);
  }

  /**
   * With the reconstructed specs (releng-extra/): stage3d from the stage1 with the desktop
   * profile, the WSL stage4 from it, livegui on it, a diskimage with two kernels from the
   * systemd stage3, x32 and llvm chains.
   */
  @TestFactory
  Stream<DynamicTest> everyChainRoundTripsWithTheReconstructedSpecs() throws IOException {
    Path repo = Releng.checkout(tmp, true);
    List<List<Path>> chains = SpecImporter.chains(Releng.specs(repo));
    assertEquals(21, chains.stream().mapToInt(List::size).sum());
    List<DynamicTest> tests = new ArrayList<>();
    for (int i = 0; i < chains.size(); i++) {
      List<Path> chain = chains.get(i);
      Path project = tmp.resolve("extra-project-" + i);
      tests.add(DynamicTest.dynamicTest(chain.get(0).getFileName() + " and its chain (" + chain.size() + ")",
          () -> roundTrip(repo, chain, project)));
    }
    return tests.stream();
  }

  static void roundTrip(Path repo, List<Path> chain, Path project) throws IOException {
    // the seed and treeish are what the import cannot know: supplied as a user would fill them in
    String rootSource = firstSource(chain);
    ImportResult r = SpecImporter.importSpecs(chain, ImportOptions.defaults().withTreeish(Releng.TREEISH)
        .withSeed(Releng.seedUrl(rootSource), Releng.SHA512));
    assertEquals(List.of(), r.errors(), r.osYaml());
    r.writeTo(project, false);
    Result v = Validator.validate(project.resolve("os.yaml"), Inputs.forDirectory(project).withTimestamp(Releng.WHEN));
    assertTrue(v.ok(), v.problems() + "\n" + r.osYaml());
    Planner.Result planned = Planner.plan(v.config(), new PlanInputs("org.gentoo", "releng", "1.0.0", project,
        Releng.WHEN, Map.of()));
    assertEquals(List.of(), planned.problems());
    Plan plan = planned.plan();
    assertEquals(chain.size(), plan.builds().size());
    String originalSeed = Releng.stamp(rootSource, repo);
    for (Path spec : chain) {
      Build b = plan.build(r.builds().get(spec));
      String text = SpecWriter.write(b.spec());
      ParsedSpec generated = SpecParser.parse(text);
      assertEquals(List.of(), SpecCheck.check(generated), text);
      ParsedSpec original = Releng.parseStamped(spec, repo);

      Path originalConfdir = original.get("portage_confdir").map(x -> Path.of(x.items().get(0))).orElse(null);
      Map<String, byte[]> originalTree = Canonical.tree(originalConfdir);
      Map<String, byte[]> plannedTree = Releng.plannedTree(b);
      assertEquals(List.of(), Canonical.treeDifferences(originalTree, plannedTree), spec.toString());

      var want = Canonical.of(original, originalSeed, originalTree, Path::of);
      var got = Canonical.of(generated, plan.seedSubpath(), plannedTree,
          item -> item.startsWith("/osb/project/") ? project.resolve(item.substring("/osb/project/".length())) : null);
      assertEquals(want, got, spec + "\n--- generated:\n" + text + "--- os.yaml:\n" + r.osYaml());
    }
  }

  /** The source_subpath of the chain's first spec, as written. */
  static String firstSource(List<Path> chain) {
    ImportResult r = SpecImporter.importSpecs(chain, ImportOptions.defaults());
    Path first = r.builds().keySet().iterator().next();
    return SpecParser.parse(Releng.read(first)).get("source_subpath").orElseThrow().items().get(0);
  }

  @Test
  void thePortageCopiesAreVerbatim() throws IOException {
    Path original = null;
    for (Path d = Path.of(System.getProperty("user.dir")).toAbsolutePath(); d != null; d = d.getParent()) {
      if (Files.isDirectory(d.resolve("shared/reference/releng/portage"))) {
        original = d.resolve("shared/reference/releng/portage");
        break;
      }
    }
    org.junit.jupiter.api.Assumptions.assumeTrue(original != null, "shared/reference/releng/portage not beside the repo");
    Map<String, byte[]> want = Canonical.tree(original);
    Map<String, byte[]> got = Canonical.tree(Releng.resource("catalyst/releng-portage"));
    assertEquals(want.keySet(), got.keySet());
    assertEquals(List.of(), Canonical.treeDifferences(want, got));
  }
}
