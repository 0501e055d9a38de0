package dev.osb.catalyst;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link SpecCheck}: what catalyst stops on, with messages naming key and target. */
class SpecCheckTest {

  private static final String STAGE3 =
      "subarch: amd64\n"
          + "target: stage3\n"
          + "version_stamp: openrc-1\n"
          + "rel_type: 23.0-default\n"
          + "profile: default/linux/amd64/23.0\n"
          + "snapshot_treeish: stable\n"
          + "source_subpath: 23.0-default/stage1-amd64-openrc-1\n";

  private static final String STAGE4 =
      STAGE3.replace("target: stage3", "target: stage4") + "stage4/packages: app-misc/foo\n";

  private static List<String> check(String text) {
    return SpecCheck.check(SpecParser.parse(text));
  }

  @Test
  void validSpecs() {
    assertEquals(List.of(), check(STAGE3));
    assertEquals(List.of(), check(STAGE4));
    assertEquals(List.of(), check("target: snapshot\nsnapshot_treeish: stable\n"));
  }

  @Test
  void missingTarget() {
    assertEquals(
        List.of(
            "required key \"target\" is missing (catalyst: Required value \"target\" not"
                + " specified.)"),
        check(STAGE3.replace("target: stage3\n", "")));
  }

  @Test
  void unknownTarget() {
    List<String> errors = check(STAGE3.replace("target: stage3", "target: stage5"));
    assertEquals(1, errors.size());
    assertTrue(
        errors.get(0).startsWith(
            "line 2: unknown target \"stage5\" (catalyst: Target \"stage5\" not available.);"
                + " catalyst 4.1 targets: stage1, stage2, stage3, stage4, livecd-stage1"),
        errors.get(0));
  }

  @Test
  void targetMustBeOneName() {
    assertTrue(
        check(STAGE3.replace("target: stage3", "target: none")).get(0)
            .startsWith("line 2: \"target\" must be one target name, not None"));
    assertTrue(
        check(STAGE3.replace("target: stage3", "target: stage3 stage4")).get(0)
            .startsWith("line 2: \"target\" must be one target name, not ['stage3', 'stage4']"));
  }

  @Test
  void underscoreTargetNamesWorkAsInCatalyst() {
    String spec =
        STAGE3.replace("target: stage3", "target: livecd_stage1") + "livecd/packages: a/b\n";
    assertEquals(List.of(), check(spec));
  }

  @Test
  void missingAndNoneRequiredKeys() {
    String spec =
        STAGE4.replace("rel_type: 23.0-default\n", "").replace("profile: default/linux/amd64/23.0",
            "profile: None");
    assertEquals(
        List.of(
            "line 4: required key \"profile\" of target stage4 is \"None\", which catalyst turns"
                + " into None; give it a value",
            "required key \"rel_type\" is missing for target stage4 (catalyst: Required argument"
                + " \"rel_type\" not specified.)"),
        check(spec));
  }

  @Test
  void unknownKeysWithHints() {
    List<String> errors =
        check(
            STAGE4
                + "stage4/pakages: x/y\n"
                + "livecd/iso: a.iso\n"
                + "snapshot: 20260101\n"
                + "portage_overlay: /var/db/repos/local\n"
                + "frobnicate: yes\n");
    assertEquals(5, errors.size(), errors.toString());
    assertEquals(
        "line 9: key \"stage4/pakages\" is not valid for target stage4 (catalyst: Argument"
            + " \"stage4/pakages\" not recognized.); did you mean \"stage4/packages\"?",
        errors.get(0));
    assertTrue(errors.get(1).endsWith("; valid only for livecd-stage2"), errors.get(1));
    assertTrue(errors.get(2).endsWith("; catalyst 4 renamed it snapshot_treeish"), errors.get(2));
    assertTrue(errors.get(3).endsWith("; catalyst 4 replaced it with repos"), errors.get(3));
    assertTrue(errors.get(4).endsWith("not recognized.)"), errors.get(4));
  }

  @Test
  void stage1UseIsNotAKey() {
    String spec = STAGE3.replace("target: stage3", "target: stage1") + "stage1/use: -X\n";
    List<String> errors = check(spec);
    assertEquals(1, errors.size());
    assertTrue(errors.get(0).startsWith("line 8: key \"stage1/use\" is not valid for target"
        + " stage1"), errors.get(0));
  }

  @Test
  void kernelKeys() {
    String kernel =
        "boot/kernel: gentoo\nboot/kernel/gentoo/sources: sys-kernel/gentoo-sources\n";
    assertEquals(List.of(), check(STAGE4 + kernel));
    List<String> errors = check(STAGE4 + kernel + "boot/kernel/lts/config: /k\n");
    assertEquals(1, errors.size());
    assertTrue(
        errors.get(0).endsWith("; kernel \"lts\" is not listed in boot/kernel (gentoo)"),
        errors.get(0));
    errors = check(STAGE4 + kernel + "boot/kernel/gentoo/cmdline: quiet\n");
    assertTrue(errors.get(0).contains("; kernel settings are aliases, config,"), errors.get(0));
    errors = check(STAGE4 + "boot/kernel/gentoo/config: /k\n");
    assertTrue(errors.get(0).endsWith("; kernel \"gentoo\" is not listed in boot/kernel"),
        errors.get(0));
  }

  @Test
  void kernelOnStage3FailsOnBootKernelOnlyAsInCatalyst() {
    List<String> errors =
        check(STAGE3 + "boot/kernel: gentoo\nboot/kernel/gentoo/config: /k\n");
    assertEquals(1, errors.size(), errors.toString());
    assertTrue(
        errors.get(0).startsWith("line 8: key \"boot/kernel\" is not valid for target stage3"),
        errors.get(0));
    assertTrue(errors.get(0).endsWith("; valid only for stage4, livecd-stage2, embedded, netboot,"
        + " diskimage-stage2"), errors.get(0));
  }

  @Test
  void noneKernelListCrashesCatalyst() {
    List<String> errors =
        check(STAGE3.replace("target: stage3", "target: livecd-stage2") + "boot/kernel: none\n");
    assertEquals(
        List.of(
            "line 8: \"boot/kernel\" is None, which crashes catalyst's livecd-stage2 set-up"
                + " (TypeError: 'NoneType' object is not iterable); list names or drop it",
            "line 8: required key \"boot/kernel\" of target livecd-stage2 is \"none\", which"
                + " catalyst turns into None; give it a value"),
        errors);
  }

  @Test
  void netbootPackageFiles() {
    String spec =
        STAGE3.replace("target: stage3", "target: netboot")
            + "boot/kernel: k\n"
            + "netboot/packages: sys-apps/busybox\n"
            + "netboot/packages/sys-apps/busybox/files: /bin/busybox\n";
    assertEquals(List.of(), check(spec));
    assertEquals(1, check(spec + "netboot/packages/other/files: /x\n").size());
  }

  @Test
  void subarch() {
    List<String> errors = check(STAGE3.replace("subarch: amd64", "subarch: amd46"));
    assertEquals(
        List.of(
            "line 1: subarch 'amd46' is not in catalyst's arch/*.toml (catalyst: Unknown host"
                + " machine type); did you mean \"amd64\"?"),
        errors);
    errors = check(STAGE3.replace("subarch: amd64", "subarch: quantum"));
    assertTrue(errors.get(0).endsWith("; e.g. amd64, x86_64, x32, arm64, i686, ppc64le,"
        + " rv64_lp64d"), errors.get(0));
    assertEquals(1, check(STAGE3.replace("subarch: amd64", "subarch: amd64 x86")).size());
    assertEquals(List.of(), check(STAGE3.replace("subarch: amd64", "subarch: rv64_lp64d")));
  }
}
