package dev.osb.catalyst;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Gentoo's own amd64 release specs (verbatim copies in {@code
 * src/test/resources/catalyst/releng/}) stamped as catalyst-auto does: they parse without
 * warnings, pass {@link SpecCheck}, and hold the values releng wrote; one injected fault each
 * makes them fail with the message catalyst would give.
 */
class RelengSpecsTest {

  @Test
  void allTwelveCopiesArePresent() {
    assertEquals(
        List.of(
            "amd64/hardened/stage1-openrc-23.spec",
            "amd64/hardened/stage3-openrc-23.spec",
            "amd64/installcd-stage1.spec",
            "amd64/installcd-stage2-minimal.spec",
            "amd64/musl/stage1-openrc-23.spec",
            "amd64/musl/stage3-openrc-23.spec",
            "amd64/stage1-openrc-23.spec",
            "amd64/stage1-systemd-23.spec",
            "amd64/stage3-openrc-23.spec",
            "amd64/stage3-systemd-23.spec",
            "amd64/stage4w-openrc-23.spec",
            "amd64/stage4w-systemd-23.spec"),
        TestData.relengSpecs());
  }

  @Test
  void copiesAreVerbatim() throws IOException {
    Path originals = TestData.originalRelengSpecs().orElse(null);
    Assumptions.assumeTrue(originals != null, "shared/reference/releng/specs not beside the repo");
    List<String> names;
    try (Stream<Path> s = Files.walk(originals.resolve("amd64"))) {
      names =
          s.filter(p -> p.toString().endsWith(".spec"))
              .map(p -> originals.relativize(p).toString().replace('\\', '/'))
              .sorted()
              .collect(Collectors.toList());
    }
    assertEquals(names, TestData.relengSpecs());
    for (String n : names) {
      assertEquals(TestData.read(originals.resolve(n)), TestData.relengText(n), n);
    }
  }

  @TestFactory
  Stream<DynamicTest> everyCopyPassesTheCheck() {
    return TestData.relengSpecs().stream()
        .map(
            n ->
                DynamicTest.dynamicTest(
                    n,
                    () -> {
                      ParsedSpec p = TestData.releng(n);
                      assertEquals(List.of(), p.warnings(), n);
                      assertEquals(List.of(), SpecCheck.check(p), n);
                      assertFalse(p.dump().matches("(?s).*@[A-Z_]+@.*"), "stamped");
                    }));
  }

  @TestFactory
  Stream<DynamicTest> everyOriginalPassesTheCheck() throws IOException {
    Path originals = TestData.originalRelengSpecs().orElse(null);
    Assumptions.assumeTrue(originals != null, "shared/reference/releng/specs not beside the repo");
    List<Path> specs;
    try (Stream<Path> s = Files.walk(originals.resolve("amd64"))) {
      specs = s.filter(p -> p.toString().endsWith(".spec")).sorted().collect(Collectors.toList());
    }
    assertTrue(specs.size() >= 12);
    return specs.stream()
        .map(
            spec ->
                DynamicTest.dynamicTest(
                    originals.relativize(spec).toString(),
                    () ->
                        assertEquals(
                            List.of(),
                            SpecCheck.check(
                                SpecParser.parse(TestData.stamp(TestData.read(spec)))))));
  }

  @Test
  void stage1Values() {
    ParsedSpec p = TestData.releng("amd64/stage1-openrc-23.spec");
    assertEquals(List.of("stage1"), p.get("target").orElseThrow().items());
    assertEquals(
        List.of("openrc-" + TestData.TIMESTAMP), p.get("version_stamp").orElseThrow().items());
    assertEquals(List.of(TestData.TREEISH), p.get("snapshot_treeish").orElseThrow().items());
    assertEquals(
        List.of("--update", "--deep", "--newuse", "@world"),
        p.get("update_seed_command").orElseThrow().items());
    assertEquals(
        List.of(TestData.REPO_DIR + "/releases/portage/stages"),
        p.get("portage_confdir").orElseThrow().items());
    assertEquals(
        List.of("x86_64-pc-linux-musl"),
        TestData.releng("amd64/musl/stage1-openrc-23.spec").get("chost").orElseThrow().items());
  }

  @Test
  void stage4wValues() {
    ParsedSpec p = TestData.releng("amd64/stage4w-openrc-23.spec");
    SpecValue packages = p.get("stage4/packages").orElseThrow();
    assertEquals(
        List.of("media-libs/mesa", "sys-apps/gentoo-wsl-config", "sys-auth/pambase"),
        packages.items());
    assertTrue(packages.isList());
    assertEquals(18, packages.line());
    assertEquals(
        List.of("-passwdqc", "video_cards_d3d12"), p.get("stage4/use").orElseThrow().items());
    assertEquals(List.of("s_.tar.xz$_.wsl_"), p.get("rename_regexp").orElseThrow().items());
    assertEquals(
        List.of(TestData.REPO_DIR + "/releases/scripts/wsl.sh"),
        p.get("stage4/fsscript").orElseThrow().items());
  }

  @Test
  void installcdValues() {
    ParsedSpec s2 = TestData.releng("amd64/installcd-stage2-minimal.spec");
    assertEquals(List.of("gentoo"), s2.get("boot/kernel").orElseThrow().items());
    assertEquals(
        List.of("--usepkg", "n", "net-wireless/broadcom-sta", "sys-fs/zfs"),
        s2.get("boot/kernel/gentoo/packages").orElseThrow().items());
    assertEquals(31, s2.get("boot/kernel/gentoo/dracut_args").orElseThrow().items().size());
    assertEquals(
        List.of("dbus|default", "gpm|default", "NetworkManager|default"),
        s2.get("livecd/rcadd").orElseThrow().items());
    assertEquals(
        List.of("Gentoo-amd64-" + TestData.DATESTAMP),
        s2.get("livecd/volid").orElseThrow().items());
    assertEquals(43, s2.get("livecd/unmerge").orElseThrow().items().size());
    assertEquals(79, s2.get("livecd/empty").orElseThrow().items().size());
    assertEquals(108, s2.get("livecd/rm").orElseThrow().items().size());

    ParsedSpec s1 = TestData.releng("amd64/installcd-stage1.spec");
    assertEquals(
        List.of("alsa", "compile-locales", "fbcon", "livecd", "portaudio", "socks5", "unicode",
            "xml"),
        s1.get("livecd/use").orElseThrow().items());
    assertEquals(173, s1.get("livecd/packages").orElseThrow().items().size());
    assertEquals("app-accessibility/brltty",
        s1.get("livecd/packages").orElseThrow().items().get(0));
  }

  @Test
  void injectedUnknownKeyFails() {
    String text =
        TestData.stamp(TestData.relengText("amd64/stage4w-openrc-23.spec"))
            + "stage4/motd: /etc/motd\n";
    List<String> errors = SpecCheck.check(SpecParser.parse(text));
    assertEquals(1, errors.size(), errors.toString());
    assertTrue(
        errors.get(0).startsWith(
            "line 24: key \"stage4/motd\" is not valid for target stage4"
                + " (catalyst: Argument \"stage4/motd\" not recognized.)"),
        errors.get(0));
  }

  @Test
  void injectedSpaceBeforeColonFails() {
    String text =
        TestData.stamp(TestData.relengText("amd64/stage3-openrc-23.spec"))
            .replace("subarch: amd64", "subarch : amd64");
    List<String> errors = SpecCheck.check(SpecParser.parse(text));
    assertEquals(
        List.of(
            "line 1: key \"subarch \" is not valid for target stage3 (catalyst: Argument"
                + " \"subarch \" not recognized.); remove the whitespace before ':' (catalyst"
                + " keeps it in the key)",
            "required key \"subarch\" is missing for target stage3 (catalyst: Required argument"
                + " \"subarch\" not specified.)"),
        errors);
  }

  @Test
  void removedRequiredKeyFails() {
    String text =
        TestData.stamp(TestData.relengText("amd64/stage4w-systemd-23.spec"))
            .replace("stage4/packages:", "# stage4/packages:")
            .replace("\tmedia-libs/mesa\n", "")
            .replace("\tsys-apps/gentoo-wsl-config\n", "")
            .replace("\tsys-auth/pambase\n", "");
    ParsedSpec p = SpecParser.parse(text);
    List<String> errors = SpecCheck.check(p);
    assertEquals(
        List.of(
            "required key \"stage4/packages\" is missing for target stage4 (catalyst: Required"
                + " argument \"stage4/packages\" not specified.)"),
        errors);
  }

  @Test
  void slotAtomOnAContinuationLineBreaksTheStage4() {
    String spec = TestData.stamp(TestData.relengText("amd64/stage4w-openrc-23.spec"));
    // first in the list: the real key keeps nothing and is deleted, the bogus key takes the rest
    ParsedSpec first =
        SpecParser.parse(spec.replace("\tmedia-libs/mesa\n", "\tdev-lang/python:3.12\n"));
    assertTrue(first.get("stage4/packages").isEmpty());
    assertEquals(
        List.of("3.12", "sys-apps/gentoo-wsl-config", "sys-auth/pambase"),
        first.get("dev-lang/python").orElseThrow().items());
    List<String> errors = SpecCheck.check(first);
    assertEquals(2, errors.size(), errors.toString());
    assertTrue(
        errors.get(0).startsWith(
            "line 19: key \"dev-lang/python\" is not valid for target stage4"),
        errors.get(0));
    assertTrue(errors.get(0).contains("looks like a package atom"), errors.get(0));
    assertEquals(
        "required key \"stage4/packages\" is missing for target stage4 (catalyst: Required"
            + " argument \"stage4/packages\" not specified.)",
        errors.get(1));

    // later in the list: the real key loses the rest of its items
    ParsedSpec later =
        SpecParser.parse(
            spec.replace("\tsys-apps/gentoo-wsl-config\n", "\tdev-lang/python:3.12\n"));
    assertEquals(
        List.of("media-libs/mesa"), later.get("stage4/packages").orElseThrow().items());
    assertEquals(1, SpecCheck.check(later).size(), SpecCheck.check(later).toString());
  }
}
