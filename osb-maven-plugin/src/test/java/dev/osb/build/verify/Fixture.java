package dev.osb.build.verify;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.osb.load.Inputs;
import dev.osb.model.OsConfig;
import dev.osb.plan.Build;
import dev.osb.plan.Plan;
import dev.osb.plan.PlanInputs;
import dev.osb.plan.Planner;
import dev.osb.validate.Result;
import dev.osb.validate.Validator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A test project under src/test/resources/verify/, validated and planned as the plugin does.
 *
 * @param root the project directory
 */
record Fixture(Path root, OsConfig os, Plan plan) {

  static final String GROUP = "com.example";
  static final String VERSION = "2.0.0";
  static final Instant TIMESTAMP = Instant.parse("2026-11-24T17:00:00Z");

  /** The hash the SVC_HASH secret resolves to; it must never appear in a report. */
  static final String SECRET_HASH =
      "$6$secretsalt$SecretHashThatMustNeverBePrinted0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQR";

  static Path module() {
    return Path.of(System.getProperty("basedir", System.getProperty("user.dir"))).toAbsolutePath();
  }

  static Fixture load(String name) {
    Path root = module().resolve("src/test/resources/verify").resolve(name);
    Path osYaml = root.resolve("os.yaml");
    assertTrue(Files.isRegularFile(osYaml), "missing fixture " + osYaml);
    Result r = Validator.validate(osYaml, Inputs.forDirectory(root)
        .withProject(Map.of("groupId", GROUP, "artifactId", name, "version", VERSION))
        .withSecrets(n -> n.equals("SVC_HASH") ? Optional.of(SECRET_HASH) : Optional.empty())
        .withTimestamp(TIMESTAMP));
    assertTrue(r.ok(), () -> "fixture " + name + " does not validate:\n"
        + r.problems().stream().map(p -> p.format(root)).collect(Collectors.joining("\n")));
    Planner.Result p = Planner.plan(r.config(), new PlanInputs(GROUP, name, VERSION, root, TIMESTAMP, Map.of()));
    assertTrue(p.problems().isEmpty(), () -> "fixture " + name + " does not plan:\n"
        + p.problems().stream().map(q -> q.format(root)).collect(Collectors.joining("\n")));
    assertNotNull(p.plan());
    return new Fixture(root, r.config(), p.plan());
  }

  Build build(String id) {
    Build b = plan.build(id);
    assertNotNull(b, "no build " + id);
    return b;
  }

  /** The effective configuration of a build (a variant's in full). */
  OsConfig config(String id) {
    Build b = build(id);
    return b.kind() == Build.Kind.VARIANT ? os.variants().get(id) : os;
  }
}
