package dev.osb.build;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.osb.load.Inputs;
import dev.osb.model.OsConfig;
import dev.osb.plan.Plan;
import dev.osb.plan.PlanInputs;
import dev.osb.plan.Planner;
import dev.osb.templates.Generator;
import dev.osb.templates.Rendered;
import dev.osb.validate.Result;
import dev.osb.validate.Validator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The test projects under src/test/resources/build/projects/, validated, planned and rendered
 * the way the plugin does, and their fingerprints.
 */
final class FingerprintFixture {

  static final String GROUP = "com.example";
  static final String VERSION = "1.4.0";
  static final Instant TIMESTAMP = Instant.parse("2026-11-24T17:00:00Z");
  static final Fingerprint.Context CONTEXT = new Fingerprint.Context(
      "sha256:0b1f6a3d8d3c4e5f60718293a4b5c6d7e8f9012345678901234567890abcdef0",
      "5f6a0c3e1d2b4a6978877665544332211aabbccd", "0.1.0-test");

  private FingerprintFixture() {}

  static Path module() {
    return Path.of(System.getProperty("basedir", System.getProperty("user.dir"))).toAbsolutePath();
  }

  static Path project(String name) {
    return module().resolve("src/test/resources/build/projects").resolve(name);
  }

  /** A planned and rendered project. */
  record Planned(Path root, OsConfig config, Plan plan, Rendered rendered) {

    Fingerprints fingerprints() throws IOException {
      return fingerprints(CONTEXT, plan.seedSha512());
    }

    Fingerprints fingerprints(Fingerprint.Context context, String seedSha512) throws IOException {
      return Fingerprints.of(plan, rendered, config, root, context, seedSha512);
    }
  }

  static Planned plan(Path root) {
    return plan(root, TIMESTAMP);
  }

  static Planned plan(Path root, Instant timestamp) {
    Path osYaml = root.resolve("os.yaml");
    String artifact = "chain";
    Result r = Validator.validate(osYaml, Inputs.forDirectory(root)
        .withProject(Map.of("groupId", GROUP, "artifactId", artifact, "version", VERSION))
        .withTimestamp(timestamp));
    assertTrue(r.ok(), () -> "fixture " + root + " does not validate:\n"
        + r.problems().stream().map(p -> p.format(root)).collect(Collectors.joining("\n")));
    Planner.Result p = Planner.plan(r.config(), new PlanInputs(GROUP, artifact, VERSION, root, timestamp, Map.of()));
    assertTrue(p.problems().isEmpty(), () -> "fixture " + root + " does not plan:\n"
        + p.problems().stream().map(q -> q.format(root)).collect(Collectors.joining("\n")));
    return new Planned(root, r.config(), p.plan(), Generator.render(p.plan(), null));
  }

  /** Copies a fixture project (modes included) into {@code target}. */
  static Path copy(String name, Path target) throws IOException {
    Path src = project(name);
    List<Path> all;
    try (Stream<Path> s = Files.walk(src)) {
      all = s.sorted().toList();
    }
    for (Path p : all) {
      Path to = target.resolve(src.relativize(p).toString());
      if (Files.isDirectory(p)) {
        Files.createDirectories(to);
      } else {
        Files.copy(p, to, StandardCopyOption.COPY_ATTRIBUTES, StandardCopyOption.REPLACE_EXISTING);
      }
    }
    return target;
  }

  /** Replaces {@code from} (which must occur) with {@code to} in a project file. */
  static void edit(Path file, String from, String to) throws IOException {
    String s = Files.readString(file);
    assertTrue(s.contains(from), () -> file + " lacks '" + from + "'");
    Files.writeString(file, s.replace(from, to));
  }
}
