package dev.osb.templates;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.osb.plan.Build;
import dev.osb.plan.Plan;
import dev.osb.plan.PortageFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The output tree as a whole: its layout, determinism, copied files, refusals. */
class GeneratorTest {

  @TempDir Path tmp;

  @Test
  void layoutOfTheRenderedTree() {
    Plan plan = Fixtures.plan("bootstrap");
    Rendered r = Generator.render(plan, null);
    Set<String> want = new TreeSet<>(List.of("catalyst.conf", "catalyst-sticky.conf", "envscript",
        "containers/portage.Containerfile", "containers/catalyst.Containerfile",
        "containers/stage1.Containerfile", "containers/stage3.Containerfile", "containers/stage4.Containerfile",
        "containers/wsl.Containerfile", "fsscript/stage4.sh"));
    for (Build b : plan.builds()) {
      want.add("specs/" + b.id() + ".spec");
      b.portage().forEach(f -> want.add("portage/" + b.id() + "/" + f.path()));
    }
    assertEquals(want, r.paths());
    // livecd-stage1 leaves no tarball, so no image; builds without a Fsscript have no script
    assertFalse(r.contains("containers/install.Containerfile"));
    assertFalse(r.contains("fsscript/wsl.sh"));
  }

  @Test
  void pathsAreSorted() {
    List<String> paths = new ArrayList<>(Fixtures.render("server").paths());
    List<String> sorted = new ArrayList<>(paths);
    sorted.sort(null);
    assertEquals(sorted, paths);
  }

  @Test
  void sameplanSameBytes() {
    for (String project : Fixtures.PROJECTS) {
      Rendered a = Generator.render(Fixtures.plan(project), null);
      Rendered b = Generator.render(Fixtures.plan(project), null);
      assertNotSame(a, b);
      assertEquals(a, b, project);
      for (String p : a.paths()) {
        assertArrayEquals(a.bytes(p), b.bytes(p), p);
      }
    }
  }

  @Test
  void theJvmLocaleAndTimeZoneChangeNothing() {
    Rendered before = Fixtures.render("server");
    java.util.Locale locale = java.util.Locale.getDefault();
    java.util.TimeZone zone = java.util.TimeZone.getDefault();
    try {
      java.util.Locale.setDefault(java.util.Locale.forLanguageTag("tr-TR"));
      java.util.TimeZone.setDefault(java.util.TimeZone.getTimeZone("Pacific/Kiritimati"));
      assertEquals(before, Fixtures.render("server"));
    } finally {
      java.util.Locale.setDefault(locale);
      java.util.TimeZone.setDefault(zone);
    }
  }

  @Test
  void renderedTextIsLfAndEndsWithANewline() {
    for (String project : Fixtures.PROJECTS) {
      Rendered r = Fixtures.render(project);
      for (String p : r.paths()) {
        String t = r.text(p);
        assertFalse(t.contains("\r"), p);
        assertTrue(t.endsWith("\n"), p);
      }
    }
  }

  @Test
  void everyStage4HasItsFsscript() {
    Plan plan = Fixtures.plan("server");
    Rendered r = Generator.render(plan, null);
    for (Build b : plan.builds()) {
      assertEquals(b.fsscript() != null, r.contains("fsscript/" + b.id() + ".sh"), b.id());
      String spec = r.text("specs/" + b.id() + ".spec");
      assertTrue(spec.contains("stage4/fsscript: /osb/out/fsscript/" + b.id() + ".sh\n"), spec);
    }
  }

  @Test
  void portageSourceFilesAreCopiedVerbatim() throws Exception {
    Plan plan = Fixtures.plan("server");
    Rendered r = Generator.render(plan, null);
    Path source = Fixtures.project("server").resolve("portage-extra/package.mask/site");
    assertArrayEquals(Files.readAllBytes(source), r.bytes("portage/stage4/package.mask/site"));
    assertTrue(r.text("portage/stage4/package.mask/site").contains("${NOT_A_TEMPLATE}"));
    // generated files: the plan's lines, one per line
    Build stage4 = plan.build("stage4");
    PortageFile use = stage4.portage().stream().filter(f -> f.path().equals("package.use/osb")).findFirst().orElseThrow();
    assertEquals(String.join("\n", use.lines()) + "\n", r.text("portage/stage4/package.use/osb"));
  }

  @Test
  void aPortageFileWithALineBreakIsRefused() {
    Plan plan = Fixtures.plan("bootstrap");
    Build b = plan.build("stage3");
    Build broken = new Build(b.id(), b.kind(), b.target(), b.parent(), b.relType(), b.outputName(), b.spec(),
        List.of(new PortageFile("package.use/osb", List.of("a/b x\nc/d y"), null, false)), b.fsscript(),
        b.conf(), b.shipped());
    List<Build> builds = new ArrayList<>(plan.builds());
    builds.set(builds.indexOf(b), broken);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Generator.render(Plans.withBuilds(plan, builds), null));
    assertTrue(e.getMessage().contains("portage/stage3/package.use/osb"), e.getMessage());
  }

  @Test
  void aPortagePathLeavingTheTreeIsRefused() {
    Plan plan = Fixtures.plan("bootstrap");
    Build b = plan.build("stage3");
    Build broken = new Build(b.id(), b.kind(), b.target(), b.parent(), b.relType(), b.outputName(), b.spec(),
        List.of(new PortageFile("../../etc/passwd", List.of("x"), null, false)), b.fsscript(), b.conf(), b.shipped());
    List<Build> builds = new ArrayList<>(plan.builds());
    builds.set(builds.indexOf(b), broken);
    assertThrows(IllegalArgumentException.class, () -> Generator.render(Plans.withBuilds(plan, builds), null));
  }

  @Test
  void aBuildNamedLikeAnImageIsRefused() {
    Plan plan = Fixtures.plan("bootstrap");
    List<Build> builds = new ArrayList<>(plan.builds());
    builds.set(builds.indexOf(plan.build("wsl")), Plans.withId(plan.build("wsl"), "catalyst"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Generator.render(Plans.withBuilds(plan, builds), null));
    assertTrue(e.getMessage().contains("containers/catalyst.Containerfile"), e.getMessage());
  }

  @Test
  void aBuildWithAnUnknownConfIsRefused() {
    Plan plan = Fixtures.plan("bootstrap");
    Build b = plan.build("stage3");
    Build broken = new Build(b.id(), b.kind(), b.target(), b.parent(), b.relType(), b.outputName(), b.spec(),
        b.portage(), b.fsscript(), "other.conf", b.shipped());
    List<Build> builds = new ArrayList<>(plan.builds());
    builds.set(builds.indexOf(b), broken);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Generator.render(Plans.withBuilds(plan, builds), null));
    assertTrue(e.getMessage().contains("other.conf"), e.getMessage());
  }

  @Test
  void anOverrideWithCrlfLineEndsStillGivesLf() throws Exception {
    String builtIn = new String(Generator.class.getResourceAsStream("/dev/osb/templates/envscript.env.ftl")
        .readAllBytes(), StandardCharsets.UTF_8);
    Files.writeString(tmp.resolve("envscript.env.ftl"), builtIn.replace("\n", "\r\n"));
    Plan plan = Fixtures.plan("server");
    assertEquals(Fixtures.render("server").text("envscript"), Generator.render(plan, tmp).text("envscript"));
  }

  @Test
  void anEnvscriptLineWithALineBreakIsRefused() {
    Plan plan = Fixtures.plan("server");
    assertThrows(IllegalArgumentException.class,
        () -> Generator.render(Plans.withEnvscript(plan, List.of("export A=1\nrm -rf /")), null));
  }

  @Test
  void renderedRefusesUnsafePaths() {
    for (String bad : List.of("", "/etc/passwd", "a/../b", "a//b", "./a", "a/", "a\\b", "a\nb")) {
      assertThrows(IllegalArgumentException.class, () -> Rendered.checkPath(bad), bad);
    }
    Rendered.Builder b = new Rendered.Builder().add("a", "x");
    assertThrows(IllegalArgumentException.class, () -> b.add("a", "y"));
    Rendered.Builder fileAndDir = new Rendered.Builder().add("a", "x").add("a-b", "y").add("a/b", "z");
    assertThrows(IllegalArgumentException.class, fileAndDir::build);
  }

  @Test
  void renderedHandsOutCopies() {
    Rendered r = Rendered.of(java.util.Map.of("a", new byte[] {1}));
    r.bytes("a")[0] = 2;
    assertArrayEquals(new byte[] {1}, r.bytes("a"));
  }
}
