package dev.osb.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.osb.load.Inputs;
import dev.osb.load.Location;
import dev.osb.model.Seed;
import dev.osb.plan.Plan;
import dev.osb.plan.PlanInputs;
import dev.osb.plan.Planner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seed as the build tool knows it: the POM's dependency of type stage4 with scope provided
 * (the os.yaml then names no seed), and {@code seed.artifact} against the reactor's projects.
 */
class SeedFromBuildToolTest {

  static final String TREEISH = "3f0f5e1c8b6a4d2e9f7a1b3c5d7e9f0a1b2c3d4e";
  static final String SHA512 = "ab".repeat(64);
  static final String SEED = "https://distfiles.gentoo.org/releases/amd64/autobuilds/20261124T170000Z/"
      + "stage3-amd64-openrc-20261124T170000Z.tar.xz";
  static final String HEAD = "osb: 1\n"
      + "profile: default/linux/amd64/23.0\n"
      + "snapshot: { treeish: " + TREEISH + " }\n";
  static final String URL_SEED = "seed:\n  url: " + SEED + "\n  sha512: " + SHA512 + "\n";

  @TempDir Path root;
  Path derived;
  Path pom;

  @BeforeEach
  void layout() throws Exception {
    derived = Files.createDirectories(root.resolve("derived"));
    pom = derived.resolve("pom.xml");
    Files.writeString(pom, "<project/>\n");
  }

  Inputs inputs(List<Inputs.ProvidedSeed> provided, Set<String> reactor) {
    return Inputs.forDirectory(root).withProvidedSeeds(provided).withReactorProjects(reactor);
  }

  Inputs.ProvidedSeed dependency(String coordinates, int line) {
    return new Inputs.ProvidedSeed(coordinates, new Location(pom, line, 5));
  }

  Result validate(String yaml, Inputs in) throws Exception {
    Path os = derived.resolve("os.yaml");
    Files.writeString(os, yaml);
    return Validator.validate(os, in);
  }

  static List<String> problems(Result r, Path base) {
    return r.problems().stream().map(p -> p.format(base)).toList();
  }

  @Test
  void aProvidedStage4IsTheSeedWhenTheOsYamlNamesNone() throws Exception {
    Result r = validate(HEAD + "packages: [app-misc/hello]\n",
        inputs(List.of(dependency("com.example:base:1.0", 20)), Set.of("com.example:base", "com.example:derived")));
    assertEquals(List.of(), problems(r, root));
    Seed seed = r.config().seed();
    assertEquals(Seed.Kind.PROVIDED, seed.kind());
    assertEquals("com.example:base:1.0", seed.artifact());
    assertEquals(new Location(pom, 20, 5), seed.declaredAt());
    assertNull(seed.sha512(), "the digest is the resolved file's, known only when it is resolved");
    assertEquals("com.example.base-1.0.tar.xz", seed.fileName());

    Plan plan = Planner.plan(r.config(), new PlanInputs("com.example", "derived", "1.0", root,
        Instant.parse("2026-11-24T17:00:00Z"), Map.of())).plan();
    assertEquals("osb-seeds/com.example.base-1.0.tar.xz", plan.seedSubpath());
    assertEquals(List.of("osb-seeds/com.example.base-1.0.tar.xz"),
        plan.build("stage4").spec().stream().filter(e -> e.key().equals("source_subpath")).findFirst()
            .orElseThrow().items());

    List<String> explained = Explain.lines(r, root);
    assertTrue(explained.contains(
        "seed = com.example:base:1.0 (the <dependency> of type stage4 with scope provided)    derived/pom.xml:20:5"),
        String.join("\n", explained));
  }

  @Test
  void aProvidedVariantKeepsItsClassifierInTheStoreName() throws Exception {
    Result r = validate(HEAD, inputs(List.of(dependency("com.example:base:1.0:zfs", 20)), Set.of()));
    assertTrue(r.ok(), problems(r, root).toString());
    assertEquals("com.example.base-1.0-zfs.tar.xz", r.config().seed().fileName());
  }

  @Test
  void aSeedInTheOsYamlAndAProvidedOneIsAnErrorAtTheSeed() throws Exception {
    Result r = validate(HEAD + URL_SEED, inputs(List.of(dependency("com.example:base:1.0", 20)), Set.of()));
    assertFalse(r.ok());
    assertEquals(List.of("derived/os.yaml:4:1: seed is set, but the POM provides the seed too: the <dependency> "
        + "com.example:base:1.0 of type stage4 with scope provided (derived/pom.xml:20:5) (remove one: remove seed "
        + "to build on the dependency, or remove the <dependency> to build on this seed)"), problems(r, root));
  }

  @Test
  void anInheritedSeedIsDroppedWithSeedNull() throws Exception {
    Path base = Files.createDirectories(root.resolve("base"));
    Files.writeString(base.resolve("os.yaml"), HEAD + URL_SEED + "packages: [app-misc/hello]\n");
    Inputs in = inputs(List.of(dependency("com.example:base:1.0", 20)), Set.of("com.example:base"));

    Result inherited = validate("extends: ../base/os.yaml\npackages: [app-editors/vim]\n", in);
    assertEquals(List.of("base/os.yaml:4:1: seed is set, but the POM provides the seed too: the <dependency> "
        + "com.example:base:1.0 of type stage4 with scope provided (derived/pom.xml:20:5) (remove one: write "
        + "'seed: null' in derived/os.yaml to drop the inherited seed and build on the dependency, or remove the "
        + "<dependency> to build on this seed)"), problems(inherited, root));

    Result dropped = validate("extends: ../base/os.yaml\nseed: null\npackages: [app-editors/vim]\n", in);
    assertEquals(List.of(), problems(dropped, root));
    assertEquals(Seed.Kind.PROVIDED, dropped.config().seed().kind());
    assertEquals(2, dropped.config().packages().size(), "the rest of the parent is still inherited");
  }

  @Test
  void moreThanOneProvidedStage4IsAnErrorNamingThem() throws Exception {
    Result r = validate(HEAD, inputs(List.of(dependency("com.example:base:1.0", 20),
        dependency("com.example:other:2.0", 26)), Set.of()));
    assertEquals(List.of("derived/pom.xml:26:5: more than one <dependency> of type stage4 with scope provided: "
        + "com.example:base:1.0 (derived/pom.xml:20:5), com.example:other:2.0 (derived/pom.xml:26:5); the seed is "
        + "one stage4 (keep the <dependency> of the stage4 to build on and remove the others, or give them another "
        + "scope)"), problems(r, root));
  }

  @Test
  void aProvidedStage4NeedsOneFixedVersion() throws Exception {
    Result r = validate(HEAD, inputs(List.of(dependency("com.example:base:[1.0,2.0)", 20)), Set.of()));
    assertEquals(List.of("derived/pom.xml:20:5: the stage4 <dependency> 'com.example:base:[1.0,2.0)' is not "
        + "groupId:artifactId:version[:classifier] with one fixed version (give the <dependency> the exact <version> "
        + "of the stage4 to build on, not a range)"), problems(r, root));
  }

  @Test
  void seedArtifactNamingAReactorProjectIsAnErrorWithTheFix() throws Exception {
    Result r = validate(HEAD + "seed:\n  artifact: com.example:base:1.0\n",
        inputs(List.of(), Set.of("com.example:base", "com.example:derived")));
    assertEquals(List.of("derived/os.yaml:5:13: seed.artifact 'com.example:base:1.0' names com.example:base, a "
        + "project of this Maven reactor, which Maven would not build before this one (declare it as a <dependency> "
        + "with <type>stage4</type> and <scope>provided</scope>, and remove seed)"), problems(r, root));
  }

  @Test
  void seedArtifactOfAnExternalStage4IsBoundWithoutAFlavourCheck() throws Exception {
    Result r = validate(HEAD + "seed:\n  artifact: com.example:base-os:1.4.0\n",
        inputs(List.of(), Set.of("com.example:derived")));
    assertEquals(List.of(), problems(r, root), "no warning about a file name it cannot read");
    Seed seed = r.config().seed();
    assertEquals(Seed.Kind.ARTIFACT, seed.kind());
    assertEquals("com.example.base-os-1.4.0.tar.xz", seed.fileName());
    assertEquals(5, seed.declaredAt().line());
    assertEquals(13, seed.declaredAt().column());
  }

  @Test
  void withoutTheBuildToolTheSeedIsRequiredAsBefore() throws Exception {
    Result r = validate(HEAD, Inputs.forDirectory(root));
    assertEquals(List.of("derived/os.yaml:1:1: missing required key 'seed' (name the stage3 to start from: seed: "
        + "{ url: https://..., sha512: ... }; or, in a Maven project, declare the stage4 to build on as a "
        + "<dependency> with <type>stage4</type> and <scope>provided</scope>)"), problems(r, root));

    Result reset = validate(HEAD + "seed: null\n", Inputs.forDirectory(root));
    assertEquals(1, reset.errors().size(), problems(reset, root).toString());
    assertTrue(reset.errors().get(0).message().contains("missing required key 'seed'"));
  }
}
