package dev.osb.build.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * osb:verify on real tarballs: the stage tree the fixture's build should leave, packed by GNU tar
 * and xz, passes every check; the same tree altered by hand fails with messages naming each
 * difference. Setting other owners than root needs root (tests run as root here and in CI).
 */
class StageVerifierTest {

  static Fixture openrc;
  static Fixture systemd;

  @BeforeAll
  static void load() throws Exception {
    assertEquals("0", StageImage.run(List.of("id", "-u")).trim(),
        "StageVerifierTest packs trees with real owners (chown), which needs root; run the build as root, as CI does");
    openrc = Fixture.load("openrc");
    systemd = Fixture.load("systemd");
  }

  static VerifyReport verify(Fixture fx, String build, StageImage img, Path tmp) throws Exception {
    Path tarball = img.pack(tmp.resolve(build + ".tar.xz"), "gnu");
    return StageVerifier.verify(tarball, fx.build(build), fx.plan(), fx.os());
  }

  static String failures(VerifyReport r) {
    return r.failures().stream().map(c -> c.name() + ": " + c.detail()).collect(Collectors.joining("\n"));
  }

  static Set<String> failedNames(VerifyReport r) {
    return r.failures().stream().map(VerifyReport.Check::name).collect(Collectors.toCollection(TreeSet::new));
  }

  static void assertNoSecret(VerifyReport r) {
    String xml = r.toJUnitXml("osb.verify");
    for (String s : List.of(Fixture.SECRET_HASH, Images.ADMIN_HASH, Images.ROOT_HASH, "SecretHash")) {
      assertFalse(xml.contains(s), "a password hash reached the report");
      assertFalse(r.checks().toString().contains(s), "a password hash reached a check");
    }
  }

  // ------------------------------------------------------------------ the good stages

  @ParameterizedTest
  @ValueSource(strings = {"gnu", "posix"})
  void theShippedStage4PassesEveryCheck(String format, @TempDir Path tmp) throws Exception {
    StageImage img = Images.openrc(openrc, "stage4", tmp);
    Path tarball = img.pack(tmp.resolve("stage4.tar.xz"), format);
    VerifyReport r = StageVerifier.verify(tarball, openrc.build("stage4"), openrc.plan(), openrc.os());
    assertTrue(r.passed(), () -> failures(r));
    assertEquals("stage4", r.build());
    assertEquals("stage4.tar.xz", r.tarball());
    Set<String> names = r.checks().stream().map(VerifyReport.Check::name).collect(Collectors.toSet());
    for (String n : List.of("owner of /", "owner of /etc", "account root", "account root: password",
        "account root: authorized_keys", "account admin", "account admin: uid", "account admin: shell",
        "account admin: comment", "account admin: group wheel", "account admin: group audio", "account admin: password",
        "account admin: authorized_keys", "account admin: authorized_keys mode", "account admin: authorized_keys owner",
        "account admin: /home/admin/.ssh mode", "account admin: /home/admin/.ssh owner", "account svc",
        "account svc: home", "account svc: password", "group wheel", "group audio", "hostname", "timezone",
        "timezone: /etc/timezone", "locales", "locales: LANG", "keymap", "service sshd: enabled in runlevel default",
        "service chronyd: enabled in runlevel default", "service udev: enabled in runlevel sysinit",
        "service netmount: not in runlevel default", "make.conf", "portage file package.use/osb",
        "portage file package.license/firmware", "build-only portage settings removed", "dracut settings",
        "package app-admin/sudo", "package dev-lang/python", "package sys-kernel/gentoo-kernel-bin",
        "package sys-kernel/installkernel", "unmerged net-misc/netifrc", "unmerged <dev-lang/perl-5.40",
        "overlay /etc/sudoers.d/wheel", "overlay /etc/motd", "overlay /home/admin/.bashrc",
        "overlay /usr/local/bin/hello", "mode /etc/sudoers.d/*", "mode /usr/local/bin/hello",
        "removed /usr/share/doc", "emptied /var/cache/distfiles", "no /etc/resolv.conf", "secrets removed")) {
      assertTrue(names.contains(n), "no check '" + n + "' in " + new TreeSet<>(names));
    }
    assertNoSecret(r);
  }

  @Test
  void aVariantIsCheckedAgainstItsFullConfiguration(@TempDir Path tmp) throws Exception {
    VerifyReport good = verify(openrc, "tools", Images.openrc(openrc, "tools", tmp.resolve("good")), tmp);
    assertTrue(good.passed(), () -> failures(good));
    // the parent's accounts and packages are checked too, not only the variant's delta
    Set<String> names = good.checks().stream().map(VerifyReport.Check::name).collect(Collectors.toSet());
    assertTrue(names.containsAll(List.of("account admin", "account ops", "package app-admin/sudo",
        "package app-misc/tmux", "service sshd: enabled in runlevel default",
        "service cronie: enabled in runlevel default")), names::toString);

    // the same verdict when the Mojo passes the variant's own configuration
    Path tarball = tmp.resolve("tools.tar.xz");
    VerifyReport again = StageVerifier.verify(tarball, openrc.build("tools"), openrc.plan(), openrc.config("tools"));
    assertEquals(good.checks(), again.checks());

    // the main stage4's tarball lacks what the variant adds
    Path main = Images.openrc(openrc, "stage4", tmp.resolve("main")).pack(tmp.resolve("main.tar.xz"), "gnu");
    VerifyReport wrong = StageVerifier.verify(main, openrc.build("tools"), openrc.plan(), openrc.os());
    assertEquals(Set.of("account ops", "package app-misc/tmux", "service cronie: enabled in runlevel default"),
        failedNames(wrong), () -> failures(wrong));
  }

  @Test
  void systemdUnitsEnabledDisabledAndMasked(@TempDir Path tmp) throws Exception {
    VerifyReport good = verify(systemd, "stage4", Images.systemd(systemd, tmp.resolve("good")), tmp);
    assertTrue(good.passed(), () -> failures(good));
    Set<String> names = good.checks().stream().map(VerifyReport.Check::name).collect(Collectors.toSet());
    assertTrue(names.containsAll(List.of("service sshd: enabled", "service systemd-networkd: enabled",
        "service getty@tty1: enabled", "service remote-fs.target: disabled", "service systemd-resolved: masked",
        "hostname", "keymap", "locales: LANG")), names::toString);

    StageImage img = Images.systemd(systemd, tmp.resolve("bad"));
    img.delete("/etc/systemd/system/multi-user.target.wants/sshd.service");
    img.delete("/etc/systemd/system/systemd-resolved.service");
    img.symlink("/etc/systemd/system/multi-user.target.wants/remote-fs.target",
        "../../../../usr/lib/systemd/system/remote-fs.target");
    img.file("/etc/hostname", "localhost\n");
    VerifyReport bad = verify(systemd, "stage4", img, tmp.resolve("bad"));
    assertEquals(List.of(
        "hostname: /etc/hostname sets localhost, os.yaml asks for edge (os.yaml system.hostname)",
        "service sshd: not enabled: no /etc/systemd/system/*.wants/sshd.service (systemctl enable in the fsscript "
            + "did not take) (os.yaml services.enable)",
        "service remote-fs.target: still enabled: /etc/systemd/system/multi-user.target.wants/remote-fs.target "
            + "(os.yaml services.disable)",
        "service systemd-resolved: not masked: /etc/systemd/system/systemd-resolved.service is missing "
            + "(os.yaml services.mask)"), bad.messages());
  }

  // ------------------------------------------------------------------ tarballs altered by hand

  @Test
  void aMissingUser(@TempDir Path tmp) throws Exception {
    StageImage img = Images.openrc(openrc, "stage4", tmp);
    img.edit("/etc/passwd", "admin:x:1000:1000:Administrator:/home/admin:/bin/bash\n", "");
    img.edit("/etc/shadow", "admin:" + Images.ADMIN_HASH + ":20000:0:99999:7:::\n", "");
    VerifyReport r = verify(openrc, "stage4", img, tmp);
    assertFalse(r.passed());
    assertTrue(r.messages().contains("account admin: missing from /etc/passwd (os.yaml users[1], line 52)"),
        () -> failures(r));
    // the file the overlay put in admin's home cannot have admin as its owner
    assertEquals(Set.of("account admin", "overlay /home/admin", "overlay /home/admin/.bashrc"), failedNames(r),
        () -> failures(r));
    assertNoSecret(r);
  }

  @Test
  void aDisabledService(@TempDir Path tmp) throws Exception {
    StageImage img = Images.openrc(openrc, "stage4", tmp);
    img.delete("/etc/runlevels/default/sshd"); // what a failing rc-update add leaves, silently
    VerifyReport r = verify(openrc, "stage4", img, tmp);
    assertEquals(List.of("service sshd: not enabled in runlevel default: /etc/runlevels/default/sshd is missing "
        + "(catalyst's rc-update add fails silently) (os.yaml services.enable)"), r.messages());
  }

  @Test
  void aServiceWithoutItsInitScript(@TempDir Path tmp) throws Exception {
    StageImage img = Images.openrc(openrc, "stage4", tmp);
    img.delete("/etc/runlevels/default/chronyd");
    img.delete("/etc/init.d/chronyd");
    img.symlink("/etc/runlevels/default/netmount", "/etc/init.d/netmount");
    VerifyReport r = verify(openrc, "stage4", img, tmp);
    assertEquals(List.of("service chronyd: not enabled in runlevel default: /etc/runlevels/default/chronyd is missing "
        + "(catalyst's rc-update add fails silently); there is no /etc/init.d/chronyd either: is the package "
        + "providing it installed? (os.yaml services.enable)",
        "service netmount: still in runlevel default (/etc/runlevels/default/netmount exists; rc-update del did not "
        + "take) (os.yaml services.disable)"), r.messages());
  }

  @Test
  void aLeftoverPrefixDirectory(@TempDir Path tmp) throws Exception {
    StageImage img = Images.openrc(openrc, "stage4", tmp);
    img.file("/etc/portage/package.use/osb-build/osb", "sys-devel/gcc -fortran\n");
    img.dir("/etc/portage/profile/package.use.mask/osb-build");
    VerifyReport r = verify(openrc, "stage4", img, tmp);
    assertEquals(List.of("build-only portage settings left in the image: /etc/portage/package.use/osb-build, "
        + "/etc/portage/profile/package.use.mask/osb-build (the portage_prefix osb-build directories must be "
        + "removed at the end of the build; os.yaml portage.build_only)"), r.messages());
  }

  @Test
  void anOverlayFileOwnedByAUser(@TempDir Path tmp) throws Exception {
    StageImage img = Images.openrc(openrc, "stage4", tmp);
    img.chown("/etc/motd", 1000, 1000);
    VerifyReport r = verify(openrc, "stage4", img, tmp);
    assertEquals(List.of("overlay: /etc/motd is owned by 1000:1000, expected root (0:0) (os.yaml files.overlay)"),
        r.messages());
  }

  @Test
  void aWrongMakeConfLine(@TempDir Path tmp) throws Exception {
    StageImage img = Images.openrc(openrc, "stage4", tmp);
    img.edit("/etc/portage/make.conf", "MAKEOPTS=\"-j4\"", "MAKEOPTS=\"-j2\"");
    img.edit("/etc/portage/make.conf", "LC_MESSAGES=C.UTF-8\n", "LC_MESSAGES=C.UTF-8\nCPU_FLAGS_X86=\"sse2\"\n");
    VerifyReport r = verify(openrc, "stage4", img, tmp);
    assertEquals(List.of("make.conf: /etc/portage/make.conf has 'MAKEOPTS=\"-j2\"' where os.yaml gives "
        + "'MAKEOPTS=\"-j4\"'; has the extra line 'CPU_FLAGS_X86=\"sse2\"' (os.yaml make and use)"), r.messages());
  }

  @Test
  void anAuthorizedKeysFileOthersCanRead(@TempDir Path tmp) throws Exception {
    StageImage img = Images.openrc(openrc, "stage4", tmp);
    img.chmod("/home/admin/.ssh/authorized_keys", 0644); // what catalyst's stage4/ssh_public_keys leaves
    VerifyReport r = verify(openrc, "stage4", img, tmp);
    assertEquals(List.of("account admin: /home/admin/.ssh/authorized_keys has mode 0644, expected 0600 (sshd's "
        + "StrictModes refuses a key file others can write, and it should not be readable by them) "
        + "(os.yaml users[1], line 52)"), r.messages());
  }

  @Test
  void everyOtherDifferenceIsNamed(@TempDir Path tmp) throws Exception {
    StageImage img = Images.openrc(openrc, "stage4", tmp);
    img.edit("/etc/passwd", "Administrator:/home/admin:/bin/bash", "Administrator:/home/admin:/bin/sh");
    img.edit("/etc/group", "audio:x:18:admin", "audio:x:18:");
    img.edit("/etc/shadow", Images.ADMIN_HASH, "$6$othersalt$AnotherHashOfTheSameSchemeAbcdefghijklmnopqrstuvwxyz0123");
    img.edit("/etc/shadow", Fixture.SECRET_HASH, "!");
    img.file("/home/admin/.ssh/authorized_keys", Images.ADMIN_KEY_1 + "\nssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIK7a1N+sR0fRfl0jI7fiWVTixGor5SRlP+ShOGEgbEXz eve\n",
        0600, 1000, 1000);
    img.chown("/root/.ssh/authorized_keys", 1000, 1000);
    img.file("/etc/conf.d/hostname", "hostname=\"localhost\"\n");
    img.delete("/etc/localtime");
    img.file("/etc/localtime", "TZif2 UTC\n"); // catalyst's UTC copy: the time zone step did not run
    img.edit("/etc/locale.gen", "de_DE.UTF-8 UTF-8\n", "");
    img.edit("/etc/conf.d/keymaps", "keymap=\"de-latin1\"", "keymap=\"us\"");
    img.edit("/var/lib/portage/world", "app-admin/sudo\n", "");
    img.delete("/var/db/pkg/net-misc/chrony-4.6.1");
    img.dir("/var/db/pkg/net-misc/netifrc-0.7.11");
    img.dir("/var/db/pkg/dev-lang/perl-5.38.2-r3");
    img.edit("/etc/motd", "Welcome", "Hello");
    img.chmod("/etc/sudoers.d/wheel", 0644);
    img.file("/usr/share/doc/sudo/README", "docs\n");
    img.file("/var/cache/distfiles/sudo.tar.gz", "distfile\n");
    img.file("/etc/resolv.conf", "nameserver 10.0.0.1\n");
    img.file("/var/tmp/osb-secrets/SVC_HASH", Fixture.SECRET_HASH + "\n", 0600, 0, 0);
    img.edit("/etc/portage/package.use/osb", "app-editors/vim -X -sound", "app-editors/vim -X");
    VerifyReport r = verify(openrc, "stage4", img, tmp);
    List<String> m = r.messages();
    List<String> expected = List.of(
        "account root: /root/.ssh/authorized_keys is owned by 1000:1000, expected the account's 0:0 (os.yaml users[0], line 48)",
        "account admin: shell is /bin/sh, os.yaml asks for /bin/bash (os.yaml users[1], line 52)",
        "account admin: is not a member of group audio (members of audio: none), os.yaml asks for it (os.yaml users[1], line 52)",
        "account admin: the password in /etc/shadow is a different $6$ hash, os.yaml asks for its password_hash (os.yaml users[1], line 52)",
        "account admin: /home/admin/.ssh/authorized_keys lacks key 2 (ssh-ed25519 …hsYJti1L admin@desk); has a line os.yaml does not list "
            + "(ssh-ed25519 …OGEgbEXz eve) (os.yaml users[1], line 52)",
        "account svc: the password in /etc/shadow is locked (!), os.yaml asks for a crypt hash from ${secret:SVC_HASH} (not shown) "
            + "(os.yaml users[2], line 61)",
        "hostname: /etc/conf.d/hostname sets localhost, os.yaml asks for appliance (os.yaml system.hostname)",
        "timezone: /etc/localtime is a file, not a symlink, os.yaml asks for a link to zoneinfo/Europe/Berlin (catalyst's "
            + "kernel step leaves a UTC copy; the fsscript's time zone step did not run?) (os.yaml system.timezone)",
        "locales: /etc/locale.gen lacks 'de_DE.UTF-8 UTF-8' (os.yaml system.locales)",
        "keymap: /etc/conf.d/keymaps sets us, os.yaml asks for de-latin1 (os.yaml system.keymap)",
        "portage file package.use/osb: /etc/portage/package.use/osb has 'app-editors/vim -X' where os.yaml gives "
            + "'app-editors/vim -X -sound' (the portage tree of build stage4, from os.yaml portage, packages and make)",
        "package app-admin/sudo: installed but not in /var/lib/portage/world (a later depclean would remove it) "
            + "(os.yaml packages[0], line 25)",
        "package net-misc/chrony: in /var/lib/portage/world but not installed (no /var/db/pkg/net-misc/chrony-*) "
            + "(os.yaml packages[1], line 26)",
        "unmerge net-misc/netifrc: still installed (/var/db/pkg/net-misc/netifrc-0.7.11) (os.yaml unmerge[0])",
        "unmerge <dev-lang/perl-5.40: still installed (/var/db/pkg/dev-lang/perl-5.38.2-r3) (os.yaml unmerge[1])",
        "overlay: /etc/motd differs from the overlay's file (24 bytes in the image, 26 in the overlay) (os.yaml files.overlay)",
        "files.modes /etc/sudoers.d/*: /etc/sudoers.d/wheel is 0644, os.yaml asks for 0440 (os.yaml files.modes)",
        "files.remove /usr/share/doc: still in the image: /usr/share/doc, /usr/share/doc/sudo, /usr/share/doc/sudo/README "
            + "(os.yaml files.remove)",
        "files.empty /var/cache/distfiles: not empty: /var/cache/distfiles/sudo.tar.gz (os.yaml files.empty)",
        "/etc/resolv.conf is in the image: the build host's resolver configuration ships (stage4/rm removes it unless the "
            + "overlay ships one; os.yaml files.overlay)",
        "/var/tmp/osb-secrets is in the image: the secret files the runner put there must be removed by the fsscript");
    assertEquals(String.join("\n", expected), String.join("\n", m));
    assertNoSecret(r);
  }

  @Test
  void aTimeZoneWhoseZoneFileIsMissing(@TempDir Path tmp) throws Exception {
    StageImage img = Images.openrc(openrc, "stage4", tmp);
    img.delete("/usr/share/zoneinfo/Europe/Berlin");
    VerifyReport r = verify(openrc, "stage4", img, tmp);
    assertEquals(List.of("timezone: /etc/localtime points to ../usr/share/zoneinfo/Europe/Berlin, which is not in the "
        + "image (is sys-libs/timezone-data installed?) (os.yaml system.timezone)"), r.messages());
  }

  @Test
  void aBuildOfAnotherPlanIsRefused() {
    org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> StageVerifier.verify(
        Path.of("x.tar.xz"), systemd.build("stage4"), openrc.plan(), openrc.os()));
  }

  @Test
  void anUnreadableTarballIsOneFailedCheck(@TempDir Path tmp) throws Exception {
    Path junk = tmp.resolve("stage4.tar.xz");
    Files.write(junk, new byte[] {(byte) 0xfd, '7', 'z', 'X', 'Z', 0, 1, 2, 3});
    VerifyReport r = StageVerifier.verify(junk, openrc.build("stage4"), openrc.plan(), openrc.os());
    assertEquals(1, r.checks().size());
    assertFalse(r.passed());
    assertTrue(r.messages().get(0).startsWith("cannot read " + junk + ": "), r.messages()::toString);
    VerifyReport missing = StageVerifier.verify(tmp.resolve("nope.tar.xz"), openrc.build("stage4"), openrc.plan(),
        openrc.os());
    assertFalse(missing.passed());
  }

  @Test
  void helpers() {
    assertEquals("sshd.service", StageVerifier.unit("sshd"));
    assertEquals("remote-fs.target", StageVerifier.unit("remote-fs.target"));
    assertEquals("foo.bar.service", StageVerifier.unit("foo.bar"));
    assertTrue(StageVerifier.unitMatches("/etc/systemd/system/getty.target.wants/getty@tty1.service", "getty@.service"));
    assertTrue(StageVerifier.unitMatches("/etc/systemd/system/getty.target.wants/getty@tty1.service", "getty@tty1.service"));
    assertFalse(StageVerifier.unitMatches("/etc/systemd/system/getty.target.wants/getty@tty2.service", "getty@tty1.service"));
    assertEquals("a $6$ hash", StageVerifier.describeHash(Images.ADMIN_HASH));
    assertEquals("a locked $y$ hash", StageVerifier.describeHash("!$y$j9T$abcdefgh$ijklmnopqrstuvwxyz"));
    assertEquals("locked (!)", StageVerifier.describeHash("!"));
    assertEquals("not a crypt hash", StageVerifier.describeHash("plaintext"));
    assertEquals("de-latin1", StageVerifier.assignment("# x\nkeymap=\"us\"\nkeymap=\"de-latin1\"\n", "keymap"));
    assertEquals("C.UTF-8", StageVerifier.assignment("export LANG='C.UTF-8'\n", "LANG"));
  }
}
