package dev.osb.templates;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every template's output for the test projects, byte for byte, the fsscripts included (their
 * behaviour is tested by running them, in FsscriptRunTest); and every shell-ish output parses.
 */
class GoldenTest {

  static final Predicate<String> COVERED = p -> true;

  static List<String> projects() {
    return Fixtures.PROJECTS;
  }

  @ParameterizedTest
  @MethodSource("projects")
  void renderedTreeMatchesTheGoldens(String project) throws Exception {
    Rendered r = Fixtures.render(project);
    Path dir = Fixtures.resources().resolve("golden").resolve(project);
    List<String> failures = Golden.check(r, dir, COVERED);
    if (!failures.isEmpty()) {
      fail(project + ": " + failures.size() + " rendered file(s) differ from the goldens; "
          + Golden.REFRESH + "\n\n" + String.join("\n", failures));
    }
  }

  /** Every golden project has goldens. */
  @ParameterizedTest
  @MethodSource("projects")
  void goldensExist(String project) {
    if (Golden.updating()) {
      return;
    }
    assertTrue(Files.isDirectory(Fixtures.resources().resolve("golden").resolve(project)),
        "no goldens for " + project + "; " + Golden.REFRESH);
  }

  /** {@code bash -n} on every envscript and fsscript the fixtures render. */
  @ParameterizedTest
  @MethodSource("projects")
  void shellOutputsParse(String project, @org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
    Rendered r = Fixtures.render(project);
    for (String p : r.paths()) {
      if (!p.equals("envscript") && !p.startsWith("fsscript/")) {
        continue;
      }
      Path f = tmp.resolve(p.replace('/', '_'));
      Files.write(f, r.bytes(p));
      Process proc = new ProcessBuilder(List.of("bash", "-n", f.toString())).redirectErrorStream(true).start();
      String out = new String(proc.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      org.junit.jupiter.api.Assertions.assertEquals(0, proc.waitFor(), project + "/" + p + ": " + out);
    }
  }

  @org.junit.jupiter.api.Test
  void diffShowsRemovedThenAddedLines() {
    org.junit.jupiter.api.Assertions.assertEquals("  a\n- b\n+ c\n  d\n+ e\\ no newline at end of file\n",
        Golden.diff("a\nb\nd\n", "a\nc\nd\ne"));
  }

  @org.junit.jupiter.api.Test
  void goldensCoverEveryTemplate() {
    Set<String> kinds = new TreeSet<>();
    for (String project : Fixtures.PROJECTS) {
      Rendered r = Fixtures.render(project);
      for (String p : r.paths()) {
        if (p.endsWith(".spec")) {
          kinds.add(Generator.SPEC);
        } else if (p.startsWith("portage/")) {
          kinds.add(Generator.PORTAGE_FILE);
        } else if (p.endsWith(".conf")) {
          kinds.add(Generator.CONF);
        } else if (p.equals("envscript")) {
          kinds.add(Generator.ENVSCRIPT);
        } else if (p.equals("containers/portage.Containerfile")) {
          kinds.add(Generator.PORTAGE_CONTAINER);
        } else if (p.equals("containers/catalyst.Containerfile")) {
          kinds.add(Generator.CATALYST_CONTAINER);
        } else if (p.endsWith(".Containerfile")) {
          kinds.add(Generator.STAGE_CONTAINER);
        } else if (p.startsWith("fsscript/")) {
          kinds.add(Generator.FSSCRIPT);
        }
      }
    }
    assertTrue(kinds.containsAll(Generator.TEMPLATES), "not covered: " + Generator.TEMPLATES + " vs " + kinds);
  }
}
