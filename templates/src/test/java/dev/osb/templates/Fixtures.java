package dev.osb.templates;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.osb.load.Inputs;
import dev.osb.plan.Plan;
import dev.osb.plan.PlanInputs;
import dev.osb.plan.Planner;
import dev.osb.validate.Result;
import dev.osb.validate.Validator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The test projects under src/test/resources/projects/ and their plans. */
final class Fixtures {

  /** Every project with goldens under src/test/resources/golden/. */
  static final List<String> PROJECTS = List.of("server", "bootstrap");

  static final String GROUP = "com.example";
  static final String VERSION = "1.4.0";
  static final Instant TIMESTAMP = Instant.parse("2026-11-24T17:00:00Z");

  private Fixtures() {}

  /** The module directory (surefire sets basedir; an IDE runs in it). */
  static Path module() {
    return Path.of(System.getProperty("basedir", System.getProperty("user.dir"))).toAbsolutePath();
  }

  static Path resources() {
    return module().resolve("src/test/resources");
  }

  static Path project(String name) {
    return resources().resolve("projects").resolve(name);
  }

  /** The plan of a test project, validated and planned as the plugin does. */
  static Plan plan(String name) {
    Path root = project(name);
    Path osYaml = root.resolve("os.yaml");
    assertTrue(Files.isRegularFile(osYaml), "missing fixture " + osYaml);
    Result r = Validator.validate(osYaml, Inputs.forDirectory(root)
        .withProject(Map.of("groupId", GROUP, "artifactId", name, "version", VERSION))
        .withTimestamp(TIMESTAMP));
    assertTrue(r.ok(), () -> "fixture " + name + " does not validate:\n"
        + r.problems().stream().map(p -> p.format(root)).collect(Collectors.joining("\n")));
    Planner.Result p = Planner.plan(r.config(), new PlanInputs(GROUP, name, VERSION, root, TIMESTAMP,
        name.equals("server") ? Map.of("https_proxy", "http://proxy.example:3128") : Map.of()));
    assertTrue(p.problems().isEmpty(), () -> "fixture " + name + " does not plan:\n"
        + p.problems().stream().map(q -> q.format(root)).collect(Collectors.joining("\n")));
    assertNotNull(p.plan());
    return p.plan();
  }

  static Rendered render(String name) {
    return Generator.render(plan(name), null);
  }
}
