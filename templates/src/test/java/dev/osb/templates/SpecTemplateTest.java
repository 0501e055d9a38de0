package dev.osb.templates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.osb.catalyst.ParsedSpec;
import dev.osb.catalyst.SpecCheck;
import dev.osb.catalyst.SpecParser;
import dev.osb.catalyst.SpecWriter;
import dev.osb.catalyst.SpecWriter.Entry;
import dev.osb.plan.Build;
import dev.osb.plan.Plan;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** spec.ftl prints SpecLine views; every rendered spec is read back as catalyst reads it. */
class SpecTemplateTest {

  @TempDir Path overrides;

  @Test
  void builtInTemplatePrintsExactlyWhatSpecWriterWrites() {
    for (String project : Fixtures.PROJECTS) {
      Plan plan = Fixtures.plan(project);
      Rendered r = Generator.render(plan, null);
      for (Build b : plan.builds()) {
        String text = r.text("specs/" + b.id() + ".spec");
        assertEquals(SpecWriter.write(b.spec()), text, project + "/" + b.id());
        ParsedSpec parsed = SpecParser.parse(text);
        assertEquals(List.of(), SpecCheck.check(parsed), text);
        assertEquals(List.of(), parsed.warnings(), text);
      }
    }
  }

  @Test
  void specLineDecidesLayoutAndEscaping() {
    List<SpecLine> lines = SpecLine.of(List.of(
        Entry.of("subarch", "amd64"),
        Entry.of("stage4/use", "-X", "zfs"),
        Entry.of("rename_regexp", "s_%_x_"),
        Entry.of("stage4/packages", "a/b", "dev-lang/python:3.13", "c/d%"),
        Entry.of("stage4/rm", "/a%", "/b"),
        new Entry("stage4/empty", List.of())));
    assertEquals(List.of(
        new SpecLine("subarch", false, "subarch: amd64", List.of("amd64"), false),
        new SpecLine("rename_regexp", false, "rename_regexp: s_%%_x_", List.of("s_%_x_"), false),
        new SpecLine("stage4/packages", false, "stage4/packages: a/b dev-lang/python:3.13 c/d%%",
            List.of("a/b", "dev-lang/python:3.13", "c/d%"), false),
        new SpecLine("stage4/use", true, "stage4/use:", List.of("-X", "zfs"), true),
        new SpecLine("stage4/rm", true, "stage4/rm:", List.of("/a%", "/b"), true)), lines);
  }

  @Test
  void aSpecOfOnlyBlocksHasNoLeadingBlankLine() {
    List<SpecLine> lines = SpecLine.of(List.of(Entry.of("stage4/use", "-X", "zfs"), Entry.of("stage4/rm", "/a", "/b")));
    assertFalse(lines.get(0).blankBefore());
    assertTrue(lines.get(1).blankBefore());
  }

  @Test
  void specLineRefusesWhatSpecWriterRefuses() {
    assertThrows(IllegalArgumentException.class, () -> SpecLine.of(List.of(Entry.of("a", "x y"))));
    assertThrows(IllegalArgumentException.class, () -> SpecLine.of(List.of(Entry.of("a", "x#y"))));
    assertThrows(IllegalArgumentException.class, () -> SpecLine.of(List.of(Entry.of("a", "None"))));
    assertThrows(IllegalArgumentException.class, () -> SpecLine.of(List.of(Entry.of("a", "x"), Entry.of("a", "y"))));
    assertThrows(IllegalArgumentException.class, () -> SpecLine.of(List.of(Entry.of("a b", "x"))));
  }

  private Path override(String specFtl) throws Exception {
    Files.writeString(overrides.resolve("spec.ftl"), specFtl);
    return overrides;
  }

  private RenderException broken(String project, String specFtl) throws Exception {
    Plan plan = Fixtures.plan(project);
    Path dir = override(specFtl);
    RenderException e = assertThrows(RenderException.class, () -> Generator.render(plan, dir));
    assertEquals("spec.ftl", e.template());
    assertTrue(e.getMessage().contains(dir.resolve("spec.ftl").toString()), e.getMessage());
    return e;
  }

  @Test
  void anOverrideWithASpaceBeforeTheColonFails() throws Exception {
    RenderException e = broken("bootstrap", """
        <#list lines as l>
        ${l.key} : ${l.items?join(" ")}
        </#list>
        """);
    assertTrue(e.getMessage().contains("specs/stage1.spec"), e.getMessage());
    assertTrue(e.getMessage().contains("line 1: key \"subarch \" is not \"subarch\": catalyst keeps the whitespace"),
        e.getMessage());
  }

  @Test
  void anOverrideThatDropsARequiredKeyFails() throws Exception {
    RenderException e = broken("bootstrap", """
        <#list lines as l>
        <#if l.key != "source_subpath">
        ${l.keyLine}
        <#list l.block?then(l.items, []) as i>
        	${i}
        </#list>
        </#if>
        </#list>
        """);
    assertTrue(e.getMessage().contains("key \"source_subpath\" is missing"), e.getMessage());
  }

  @Test
  void anOverrideThatPutsSlotAtomsOnContinuationLinesFails() throws Exception {
    RenderException e = broken("server", """
        <#list lines as l>

        ${l.key}:
        <#list l.items as i>
        	${i}
        </#list>
        </#list>
        """);
    assertTrue(e.getMessage().contains("specs/stage4.spec"), e.getMessage());
    assertTrue(e.getMessage().contains("key \"stage4/packages\""), e.getMessage());
    assertTrue(e.getMessage().contains("key \"dev-lang/python\""), e.getMessage());
  }

  @Test
  void anOverrideThatForgetsToDoublePercentFails() throws Exception {
    RenderException e = broken("bootstrap", """
        <#list lines as l>
        ${l.key}: ${l.items?join(" ")}
        </#list>
        """);
    assertTrue(e.getMessage().contains("specs/wsl.spec"), e.getMessage());
    assertTrue(e.getMessage().contains("rename_regexp"), e.getMessage());
  }

  @Test
  void anOverrideThatAddsAKeyFails() throws Exception {
    RenderException e = broken("bootstrap", builtIn() + "stage4/users: root\n");
    assertTrue(e.getMessage().contains("key \"stage4/users\" = 'root' is not in the plan"), e.getMessage());
  }

  @Test
  void aFreeMarkerErrorInAnOverrideNamesTheOverrideFile() throws Exception {
    RenderException e = broken("bootstrap", "<#list lines as l>\n${l.nope}\n</#list>\n");
    assertEquals(2, e.line());
    assertTrue(e.getMessage().startsWith("template " + overrides.resolve("spec.ftl") + ":2: "), e.getMessage());
  }

  @Test
  void aHarmlessOverrideIsAccepted() throws Exception {
    Plan plan = Fixtures.plan("server");
    Path dir = override("# ${build.id}: reviewed by the site team\n\n" + builtIn());
    Rendered r = Generator.render(plan, dir);
    for (Build b : plan.builds()) {
      assertEquals("# " + b.id() + ": reviewed by the site team\n\n" + SpecWriter.write(b.spec()),
          r.text("specs/" + b.id() + ".spec"));
    }
  }

  @Test
  void aPlanEntryTheWriterRefusesFailsGeneration() {
    Plan plan = Fixtures.plan("bootstrap");
    Build b = plan.build("stage3");
    List<Entry> spec = new ArrayList<>(b.spec());
    spec.add(Entry.of("cflags", "-O2 -pipe"));
    List<Build> builds = new ArrayList<>(plan.builds());
    builds.set(builds.indexOf(b), Plans.withSpec(b, spec));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Generator.render(Plans.withBuilds(plan, builds), null));
    assertTrue(e.getMessage().contains("cflags"), e.getMessage());
  }

  private static String builtIn() throws Exception {
    try (var in = SpecTemplateTest.class.getResourceAsStream("/dev/osb/templates/spec.ftl")) {
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
  }
}
