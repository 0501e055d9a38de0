package dev.osb.templates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.osb.load.Inputs;
import dev.osb.plan.PlanInputs;
import dev.osb.plan.Planner;
import dev.osb.validate.Result;
import dev.osb.validate.Validator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The repository's top-level specs/ and portage/ hold sample-os's rendered specs and portage
 * trees, so a reviewer sees in a diff what a change does to real output. This test renders
 * sample-os as {@code mvn -f sample-os package} does and fails when they are stale.
 */
class SampleOsRenderingTest {

  static final String UPDATE = "osb.samples.update";
  static final String REFRESH = "refresh with: mvn -B -pl osb-model,templates -am test "
      + "-Dtest=SampleOsRenderingTest -Dsurefire.failIfNoSpecifiedTests=false -D" + UPDATE
      + "=true (then review git diff -- specs portage)";

  static Path repo() {
    Path p = Path.of("").toAbsolutePath();
    while (p != null && !Files.isRegularFile(p.resolve("sample-os/os.yaml"))) {
      p = p.getParent();
    }
    if (p == null) {
      throw new IllegalStateException("cannot find sample-os/os.yaml above " + Path.of("").toAbsolutePath());
    }
    return p;
  }

  static String pom(Path pom, String element) throws Exception {
    String text = Files.readString(pom);
    Matcher m = Pattern.compile("<" + Pattern.quote(element) + ">([^<]+)</" + Pattern.quote(element) + ">").matcher(text);
    assertTrue(m.find(), element + " in " + pom);
    return m.group(1).trim();
  }

  static Rendered render(Path repo) throws Exception {
    Path sample = repo.resolve("sample-os");
    Path pom = sample.resolve("pom.xml");
    String groupId = pom(pom, "groupId");
    String artifactId = pom(pom, "artifactId");
    String version = pom(pom, "version");
    Instant timestamp = Instant.parse(pom(pom, "project.build.outputTimestamp"));
    Inputs in = Inputs.forDirectory(repo)
        .withProject(Map.of("groupId", groupId, "artifactId", artifactId, "version", version))
        .withTimestamp(timestamp);
    Result r = Validator.validate(sample.resolve("os.yaml"), in);
    assertTrue(r.ok(), r.problems().toString());
    assertEquals(List.of(), r.problems(), "sample-os should validate without warnings");
    Planner.Result p = Planner.plan(r.config(),
        new PlanInputs(groupId, artifactId, version, repo, timestamp, Map.of()));
    assertEquals(List.of(), p.problems());
    return Generator.render(p.plan(), null);
  }

  @Test
  void committedSpecsAndPortageTreesAreCurrent() throws Exception {
    Path repo = repo();
    Rendered rendered = render(repo);
    List<String> failures = new java.util.ArrayList<>();
    for (String dir : List.of("specs", "portage")) {
      failures.addAll(Golden.check(subtree(rendered, dir + "/"), repo.resolve(dir), x -> true,
          Boolean.getBoolean(UPDATE)));
    }
    assertTrue(failures.isEmpty(), "specs/ or portage/ are stale:\n" + String.join("\n", failures)
        + "\n" + REFRESH);
  }

  /** The files below {@code prefix}, with the prefix taken off their paths. */
  static Rendered subtree(Rendered r, String prefix) {
    Map<String, byte[]> files = new java.util.TreeMap<>();
    for (String p : r.paths()) {
      if (p.startsWith(prefix)) {
        files.put(p.substring(prefix.length()), r.bytes(p));
      }
    }
    return Rendered.of(files);
  }
}
