package dev.osb.templates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.osb.plan.Plan;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Containerfiles: registry-free, shell variables untouched, labels safe. */
class ContainerfileTest {

  @TempDir Path overrides;

  private static List<String> containerfiles(Rendered r) {
    return r.paths().stream().filter(p -> p.startsWith("containers/")).toList();
  }

  /** The instructions: no comments, continuation lines joined. */
  private static List<String> instructions(String text) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    for (String line : text.split("\n")) {
      if (line.startsWith("#") && cur.length() == 0) {
        continue;
      }
      if (line.endsWith("\\")) {
        cur.append(line, 0, line.length() - 1);
        continue;
      }
      out.add(cur.append(line).toString().trim());
      cur.setLength(0);
    }
    return out;
  }

  @Test
  void everyImageStartsFromScratchAndPullsNothing() {
    for (String project : Fixtures.PROJECTS) {
      Plan plan = Fixtures.plan(project);
      Rendered r = Generator.render(plan, null);
      for (String p : containerfiles(r)) {
        List<String> ins = instructions(r.text(p));
        assertEquals("FROM scratch", ins.get(0), p);
        for (String i : ins) {
          assertFalse(i.startsWith("FROM ") && !i.equals("FROM scratch"), p + ": " + i);
          assertFalse(i.startsWith("COPY --from="), p + ": " + i);
          if (i.contains("--mount=")) {
            assertTrue(i.startsWith("RUN --mount=type=bind,from=" + plan.portageImage() + ","), p + ": " + i);
          }
        }
      }
    }
  }

  @Test
  void shellVariablesSurvive() throws Exception {
    for (String name : List.of("portage.Containerfile.ftl", "catalyst.Containerfile.ftl", "stage.Containerfile.ftl")) {
      String source = resource(name);
      // square-bracket syntax: FreeMarker never sees ${...}; no model value is printed with it
      assertFalse(source.contains("<#") || source.contains("${c.") || source.contains("${q(")
          || source.contains("${plan") || source.contains("${build"), name);
    }
    String catalyst = Fixtures.render("server").text("containers/catalyst.Containerfile");
    assertTrue(resource("catalyst.Containerfile.ftl").contains("\"${DISTDIR:?}\""));
    assertTrue(catalyst.contains(" && rm -rf \"${DISTDIR:?}\"/*\n"), catalyst);
    for (String p : containerfiles(Fixtures.render("server"))) {
      String t = Fixtures.render("server").text(p);
      assertFalse(t.contains("[=") || t.contains("[#") || t.contains("[/#"), p + " has FreeMarker left:\n" + t);
    }
    // an override with shell variables keeps them, also next to interpolations
    Files.writeString(overrides.resolve("stage.Containerfile.ftl"),
        "FROM scratch\nADD [=c.tarName] /\nENV PATH=${PATH}:/opt/[=c.id]/bin\nRUN echo \"${HOME} $USER\"\n");
    String stage = Generator.render(Fixtures.plan("server"), overrides).text("containers/zfs.Containerfile");
    assertEquals("FROM scratch\nADD stage4-amd64-zfs-1.4.0.tar /\nENV PATH=${PATH}:/opt/zfs/bin\n"
        + "RUN echo \"${HOME} $USER\"\n", stage);
  }

  @Test
  void catalystImageEmergesThePlansPackages() {
    Plan plan = Fixtures.plan("bootstrap");
    String t = Generator.render(plan, null).text("containers/catalyst.Containerfile");
    List<String> ins = instructions(t);
    assertEquals("ADD stage3-amd64-openrc-20261124T170000Z.tar /", ins.get(1));
    String keywords = ins.get(2);
    String emerge = ins.get(3);
    // the tree is bind-mounted for the emerge only: no layer holds it, and nothing removes it
    assertTrue(emerge.replaceAll("\\s+", " ").startsWith("RUN --mount=type=bind,from=" + plan.portageImage()
        + ",source=/var/db/repos/gentoo,target=/var/db/repos/gentoo,rw FEATURES="), emerge);
    assertFalse(t.contains("COPY"), t);
    assertFalse(t.contains("rm -rf /var/db/repos/gentoo"), t);
    for (String p : plan.catalystPackages()) {
      assertTrue(keywords.contains("'" + p + " " + plan.catalystKeywords() + "'"), keywords);
      assertTrue(emerge.contains(" '" + p + "' "), emerge);
    }
    assertTrue(emerge.contains("emerge --oneshot --quiet --jobs=8 "), emerge);
    assertTrue(emerge.endsWith("&& rm -rf \"${DISTDIR:?}\"/*"), emerge);
    assertEquals("ENTRYPOINT [\"catalyst\"]", ins.get(ins.size() - 1));
    assertTrue(ins.contains("LABEL dev.osb.seed.sha512=\"" + plan.seedSha512() + "\""), t);
    assertTrue(ins.contains("LABEL dev.osb.treeish=\"" + plan.treeish() + "\""), t);
  }

  @Test
  void portageImageAddsTheVerifiedTree() {
    Plan plan = Fixtures.plan("server");
    String t = Generator.render(plan, null).text("containers/portage.Containerfile");
    assertTrue(t.contains("git verify-commit"), t);
    assertTrue(instructions(t).contains("ADD gentoo-" + plan.treeish() + ".tar /var/db/repos/gentoo/"), t);
    assertTrue(t.contains(plan.portageImage()), t);
  }

  @Test
  void stageImagesCarryThePlanLabelsAndTheBuild() {
    Plan plan = Fixtures.plan("server");
    String t = Generator.render(plan, null).text("containers/zfs.Containerfile");
    List<String> ins = instructions(t);
    assertEquals("ADD stage4-amd64-zfs-1.4.0.tar /", ins.get(1));
    for (Plan.Label l : plan.labels()) {
      assertTrue(ins.contains("LABEL " + l.key() + "=\"" + l.value().replace("$", "\\$") + "\""), l.key());
    }
    assertTrue(ins.contains("LABEL dev.osb.build=\"zfs\""), t);
    assertEquals("CMD [\"/bin/bash\"]", ins.get(ins.size() - 1));
  }

  @Test
  void labelValuesWithANewlineOrAQuoteAreRefused() {
    Plan plan = Fixtures.plan("server");
    for (String bad : List.of("two\nlines", "say \"hi\"", "cr\r")) {
      Plan p = Plans.withLabels(plan, List.of(new Plan.Label("org.opencontainers.image.title", bad)));
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Generator.render(p, null));
      assertTrue(e.getMessage().contains("org.opencontainers.image.title"), e.getMessage());
    }
    assertThrows(IllegalArgumentException.class, () -> Containers.label("bad key", "x"));
    assertEquals("\"a \\$HOME \\\\ b\"", Containers.label("k", "a $HOME \\ b").quoted());
  }

  @Test
  void seedNamesBecomePlainTars() {
    assertEquals("stage3-amd64-openrc-1.tar", Containers.plainTar("stage3-amd64-openrc-1.tar.xz"));
    assertEquals("s.tar", Containers.plainTar("s.tar.bz2"));
    assertEquals("s.tar", Containers.plainTar("s.tgz"));
    assertEquals("s.tar", Containers.plainTar("s.tar"));
    assertEquals("com.example.base-1.0.tar", Containers.plainTar("com.example.base-1.0.tar.xz"));
  }

  private static String resource(String name) throws Exception {
    try (InputStream in = ContainerfileTest.class.getResourceAsStream("/dev/osb/templates/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
