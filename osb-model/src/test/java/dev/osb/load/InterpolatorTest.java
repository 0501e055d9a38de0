package dev.osb.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.osb.validate.Problem;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class InterpolatorTest {

  private static final Inputs IN = Inputs.forDirectory(Path.of("."))
      .withProject(Map.of("version", "1.2.0", "artifactId", "base-os"))
      .withEnv(Map.of("MIRROR", "https://mirror.example/"))
      .withSecrets(n -> n.equals("ADMIN_HASH") ? Optional.of("$6$abc") : Optional.empty())
      .withTimestamp(Instant.parse("2026-11-24T17:00:00Z"));

  private static String one(String yaml, List<Problem> problems) throws Exception {
    MapNode m = (MapNode) YamlReader.parse(Path.of("os.yaml"), yaml);
    MapNode out = Interpolator.apply(m, IN, problems);
    return ((ScalarNode) out.get("v").orElseThrow()).text();
  }

  @Test
  void resolvesEveryNamespace() throws Exception {
    List<Problem> p = new ArrayList<>();
    assertEquals("base-os-1.2.0", one("v: ${project.artifactId}-${project.version}", p));
    assertEquals("https://mirror.example/x", one("v: ${env.MIRROR}x", p));
    assertEquals("20261124T170000Z/20261124", one("v: ${osb.timestamp}/${osb.datestamp}", p));
    assertEquals("abc", one("snapshot: { treeish: abc }\nv: ${osb.treeish}", p));
    assertEquals("${not} $x", one("v: $${not} $x", p));
    assertEquals(List.of(), p);
  }

  @Test
  void secretsAreMarkedAndNeverDisplayed() throws Exception {
    MapNode m = (MapNode) YamlReader.parse(Path.of("os.yaml"), "v: ${secret:ADMIN_HASH}");
    ScalarNode s = (ScalarNode) Interpolator.apply(m, IN, new ArrayList<>()).get("v").orElseThrow();
    assertEquals("$6$abc", s.text());
    assertTrue(s.isSecret());
    assertEquals("${secret:ADMIN_HASH}", s.display());
  }

  @Test
  void unresolvedReferencesAreErrorsNotEmptyStrings() throws Exception {
    for (String[] c : new String[][] {
        {"v: ${env.NOPE}", "environment variable 'NOPE' is not set"},
        {"v: ${project.nope}", "'${project.nope}' is not a known project value"},
        {"v: ${secret:NOPE}", "secret 'NOPE' is not defined"},
        {"v: ${osb.treeish}", "'${osb.treeish}' is used but snapshot.treeish is not set"},
        {"v: ${what}", "unknown reference '${what}'"},
        {"v: ${env.X", "unclosed '${' in '${env.X'"}}) {
      List<Problem> p = new ArrayList<>();
      one(c[0], p);
      assertEquals(1, p.size(), c[0]);
      assertEquals(c[1], p.get(0).message());
      assertEquals(new Location(Path.of("os.yaml"), 1, 4), p.get(0).location());
      assertFalse(p.get(0).toString().contains("$6$abc"));
    }
  }
}
