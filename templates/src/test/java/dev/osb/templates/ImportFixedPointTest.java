package dev.osb.templates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.osb.catalyst.ParsedSpec;
import dev.osb.catalyst.SpecParser;
import dev.osb.imports.Canonical;
import dev.osb.imports.ImportOptions;
import dev.osb.imports.ImportResult;
import dev.osb.imports.SpecImporter;
import dev.osb.load.Inputs;
import dev.osb.model.OsConfig;
import dev.osb.plan.Build;
import dev.osb.plan.Layout;
import dev.osb.plan.Plan;
import dev.osb.plan.PlanInputs;
import dev.osb.plan.Planner;
import dev.osb.validate.Result;
import dev.osb.validate.Validator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * osb:generate -> osb:import -> osb:generate is a fixed point: for sample-os, every IT project
 * that validates (except those seeded by a Maven artifact) and the golden fixtures, the rendered specs of the imported os.yaml read (in
 * {@link Canonical} form) as the rendered specs of the original, its portage trees hold the
 * same files, and importing those specs again gives the same os.yaml.
 */
class ImportFixedPointTest {

  static final Instant WHEN = Instant.parse("2026-11-24T17:00:00Z");
  static final String VERSION = "1.0.0";
  static final String HASH = "$6$saltsalt$TVLlQcbpFVof5W3Yz4DTP6gRstiNuHwwTt6GLc1E5n0U0aDehy0S5knV8wiOQSpT0Y77vwPZN.Pq.H91p5hVO1";

  @TempDir Path tmp;

  /** A project: its root (paths stay inside it) and its os.yaml. */
  record Project(String name, Path root, Path osYaml) {}

  static Path repoRoot() {
    for (Path d = Fixtures.module(); d != null; d = d.getParent()) {
      if (Files.isRegularFile(d.resolve("sample-os/os.yaml")) && Files.isDirectory(d.resolve("it/src/it"))) {
        return d;
      }
    }
    throw new IllegalStateException("no repository root above " + Fixtures.module());
  }

  static List<Project> projects() throws IOException {
    Path repo = repoRoot();
    List<Project> out = new ArrayList<>();
    out.add(new Project("sample-os", repo.resolve("sample-os"), repo.resolve("sample-os/os.yaml")));
    for (String f : Fixtures.PROJECTS) {
      out.add(new Project("fixture-" + f, Fixtures.project(f), Fixtures.project(f).resolve("os.yaml")));
    }
    try (Stream<Path> s = Files.list(repo.resolve("it/src/it"))) {
      for (Path it : s.sorted().toList()) {
        try (Stream<Path> w = Files.walk(it, 2)) {
          for (Path y : w.filter(p -> p.getFileName().toString().equals("os.yaml")).sorted().toList()) {
            out.add(new Project("it-" + it.getFileName() + (y.getParent().equals(it) ? "" : "-" + y.getParent().getFileName()),
                it, y));
          }
        }
      }
    }
    return out;
  }

  static Inputs inputs(Path root, String artifact) {
    return Inputs.forDirectory(root).withTimestamp(WHEN)
        .withProject(Map.of("groupId", "com.example", "artifactId", artifact, "version", VERSION))
        .withSecrets(n -> Optional.of(HASH));
  }

  /** Validates and plans; empty when the project does not validate (the broken IT cases). */
  static Optional<Map.Entry<OsConfig, Plan>> plan(Path osYaml, Path root, String artifact) {
    Result r = Validator.validate(osYaml, inputs(root, artifact));
    if (!r.ok()) {
      return Optional.empty();
    }
    Planner.Result p = Planner.plan(r.config(), new PlanInputs("com.example", artifact, VERSION, root, WHEN, Map.of()));
    assertEquals(List.of(), p.problems());
    return Optional.of(Map.entry(r.config(), p.plan()));
  }

  static Path write(Rendered rendered, Path dir) throws IOException {
    for (String path : rendered.paths()) {
      Path f = dir.resolve(path);
      Files.createDirectories(f.getParent());
      Files.write(f, rendered.bytes(path));
    }
    return dir;
  }

  static Map<String, byte[]> tree(Rendered rendered, String id) {
    Map<String, byte[]> out = new TreeMap<>();
    String prefix = "portage/" + id + "/";
    for (String p : rendered.paths()) {
      if (p.startsWith(prefix)) {
        out.put(p.substring(prefix.length()), rendered.bytes(p));
      }
    }
    return out;
  }

  static Function<String, Path> local(Map<String, Path> mounts) {
    return item -> {
      String best = null;
      for (String m : mounts.keySet()) {
        if ((item.equals(m) || item.startsWith(m + "/")) && (best == null || m.length() > best.length())) {
          best = m;
        }
      }
      return best == null ? null : item.equals(best) ? mounts.get(best) : mounts.get(best).resolve(item.substring(best.length() + 1));
    };
  }

  /** The rendered specs, in plan order, imported with the runner's mounts mapped to local directories. */
  ImportResult importRendered(Plan plan, OsConfig config, Path out, Path projectRoot) throws IOException {
    ImportOptions o = ImportOptions.defaults().withPath(Layout.OUT, out)
        .withPath(Layout.INPUT + "/portage", out.resolve("portage"))
        .withPath(Layout.PROJECT, projectRoot)
        .withSeed(plan.seedUrl(), plan.seedSha512());
    if (config != null) {
      o = o.withPath(Layout.INPUT + "/overlay/stage4", overlay(config));
      for (Map.Entry<String, OsConfig> v : config.variants().entrySet()) {
        o = o.withPath(Layout.INPUT + "/overlay/" + v.getKey(), overlay(v.getValue()));
      }
    }
    List<Path> specs = plan.builds().stream().map(b -> out.resolve("specs/" + b.id() + ".spec")).toList();
    return SpecImporter.importSpecs(specs, o);
  }

  /** What the runner copies to /osb/input/overlay/<id>: the overlay, or an empty directory (secrets only). */
  Path overlay(OsConfig c) throws IOException {
    if (c.files().overlay() != null) {
      return c.files().overlay();
    }
    return Files.createDirectories(tmp.resolve("empty-overlay"));
  }

  static String withoutComments(String yaml) {
    return yaml.lines().filter(l -> !l.strip().startsWith("#")).map(l -> l.replaceAll("\\s+#.*$", ""))
        .reduce("", (a, b) -> a + b + "\n");
  }

  @TestFactory
  Stream<DynamicTest> generateImportGenerateIsAFixedPoint() throws IOException {
    List<DynamicTest> tests = new ArrayList<>();
    for (Project p : projects()) {
      // the broken-input IT cases do not validate, so they have nothing to render; an artifact
      // seed (seed.artifact) is named by Maven coordinates that no spec holds (its source_subpath
      // is only the store name osb-seeds/<groupId>.<artifactId>-<version>.tar.xz), and the import
      // writes url or file seeds, so there is no fixed point to check for it
      var planned = plan(p.osYaml(), p.root(), p.name());
      if (planned.isPresent() && !planned.get().getKey().seed().isArtifact()) {
        tests.add(DynamicTest.dynamicTest(p.name(), () -> fixedPoint(p)));
      }
    }
    assertTrue(tests.size() >= 8, "projects: " + tests.size());
    return tests.stream();
  }

  void fixedPoint(Project p) throws IOException {
    var first = plan(p.osYaml(), p.root(), p.name());
    OsConfig config = first.get().getKey();
    Plan plan1 = first.get().getValue();
    Rendered r1 = Generator.render(plan1, null);
    Path out1 = write(r1, tmp.resolve(p.name() + "/out1"));

    ImportResult imported = importRendered(plan1, config, out1, p.root());
    assertEquals(List.of(), imported.errors(), imported.osYaml());
    Path project2 = tmp.resolve(p.name() + "/project2");
    imported.writeTo(project2, false);
    var second = plan(project2.resolve("os.yaml"), project2, p.name());
    assertTrue(second.isPresent(), () -> Validator.validate(project2.resolve("os.yaml"), inputs(project2, p.name()))
        .problems() + "\n" + imported.osYaml());
    Plan plan2 = second.get().getValue();
    Rendered r2 = Generator.render(plan2, null);
    Path out2 = write(r2, tmp.resolve(p.name() + "/out2"));
    assertEquals(plan1.builds().size(), plan2.builds().size());

    Map<String, Path> mounts1 = new TreeMap<>(Map.of(Layout.OUT, out1, Layout.PROJECT, p.root()));
    mounts1.put(Layout.INPUT + "/overlay/stage4", overlay(config));
    config.variants().forEach((k, v) -> {
      try {
        mounts1.put(Layout.INPUT + "/overlay/" + k, overlay(v));
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
    Map<String, Path> mounts2 = Map.of(Layout.OUT, out2, Layout.PROJECT, project2);
    for (Build b : plan1.builds()) {
      String id2 = imported.builds().get(out1.resolve("specs/" + b.id() + ".spec"));
      String t1 = r1.text("specs/" + b.id() + ".spec");
      String t2 = r2.text("specs/" + id2 + ".spec");
      Map<String, byte[]> tree1 = tree(r1, b.id());
      Map<String, byte[]> tree2 = tree(r2, id2);
      assertEquals(List.of(), Canonical.treeDifferences(tree1, tree2), p.name() + " " + b.id());
      ParsedSpec s1 = SpecParser.parse(t1);
      ParsedSpec s2 = SpecParser.parse(t2);
      assertEquals(Canonical.of(s1, plan1.seedSubpath(), tree1, local(mounts1)),
          Canonical.of(s2, plan2.seedSubpath(), tree2, local(mounts2)),
          p.name() + " " + b.id() + "\n--- first:\n" + t1 + "--- second:\n" + t2 + "--- os.yaml:\n" + imported.osYaml());
    }

    // and once more: the os.yaml does not change
    ImportResult again = importRendered(plan2, null, out2, project2);
    assertEquals(List.of(), again.errors());
    assertEquals(withoutComments(imported.osYaml()), withoutComments(again.osYaml()));
    assertEquals(imported.files().stream().map(ImportResult.ImportedFile::path).toList(),
        again.files().stream().map(ImportResult.ImportedFile::path).toList());
  }
}
