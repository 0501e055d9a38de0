package dev.osb.validate;

import static dev.osb.validate.GrammarAssert.assertInvalid;
import static dev.osb.validate.GrammarAssert.assertValid;
import static dev.osb.validate.GrammarAssert.bad;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Package atoms (PMS 8 / EAPI 8 plus ::repo) and package.* first-column patterns. */
class GrammarAtomTest {

  @ParameterizedTest(name = "[{index}] {0}")
  @ValueSource(strings = {
      // from the releng specs and portage confdirs
      "net-wireless/broadcom-sta", "app-alternatives/sh", "app-alternatives/bzip2", "sys-apps/memtest86+",
      "app-benchmarks/bonnie++", "net-misc/x11-ssh-askpass", "sys-kernel/gentoo-kernel-bin",
      "sys-apps/gentoo-wsl-config", "sys-auth/pambase", "media-libs/mesa", "app-admin/sudo",
      ">=dev-lang/rust-1.99", ">=sys-libs/glibc-2.44", "=sys-kernel/genkernel-4.3.14", "=sys-libs/musl-1.2.2-r5",
      "dev-lang/python:3.13", "sys-kernel/gentoo-kernel-bin:6.12/6.12.3::gentoo", "foo/bar::myrepo",
      "dev-lang/python:3.12", "sys-fs/zfs-kmod", "virtual/libc", "acct-user/portage", "dev-perl/DBI",
      "x11-libs/gtk+:3", "dev-libs/libsigc++:2", "media-fonts/font-adobe-100dpi", "app-misc/livecd-tools",
      // operators and versions
      "<dev-lang/python-3.14", "<=dev-lang/python-3.13.1", "=dev-lang/python-3.13.1-r1", "~dev-lang/python-3.13.1",
      ">dev-libs/openssl-3", "=cat/pkg-1.2.3a_alpha1_pre2_rc3_p4-r5", "=cat/pkg-1.2*", "=cat/pkg-1*",
      "=cat/pkg-1.2.3-r1*", "=cat/pkg-0_p20240101", "=cat/pkg-1_beta", "=cat/pkg-2.0_rc", "=cat/pkg-1.0_p",
      "=cat/pkg-1.0a", ">=cat/pkg-1-r0", "=cat/pkg-9999", "=cat/pkg-1.2.3_alpha_beta",
      // slots and slot operators
      "dev-lang/python:*", "dev-lang/python:=", "dev-lang/python:3.13=", "dev-lang/python:3.13/3.13=",
      "dev-libs/openssl:0/3", "dev-qt/qtbase:6", "sys-devel/gcc:14", "dev-lang/rust:stable",
      "dev-lang/python:3_13", "cat/pkg:_slot",
      // repos and USE deps
      "app-editors/vim::gentoo", "dev-lang/python:3.13::gentoo[sqlite,-tk]", "cat/pkg[a,-b,c?,!d?,e=,!f=,g(+),h(-)]",
      "cat/pkg[a(+)=,!b(-)?,-c(+)]", "media-libs/mesa[video_cards_radeonsi]", "cat/pkg[foo@bar,x+y]",
      ">=dev-lang/python-3.12:3.12::gentoo[ssl]", "cat/pkg::repo_name-x[a]",
      // name edge cases
      "_cat/_pkg", "cat.x/pkg", "Cat+1/Pkg_2", "cat/pkg-r1", "cat/pkg-1a2", "cat/foo-bar-baz", "0/0"
  })
  void validAtoms(String s) {
    assertValid(Grammar::atom, s);
  }

  static Stream<Arguments> invalidAtoms() {
    return Stream.of(
        bad(null, "is empty"),
        bad("", "is empty"),
        bad("!app-editors/vim", "a blocker (!) cannot be installed; put it in portage.mask instead"),
        bad("!!app-editors/vim", "blocker"),
        bad("!<app-editors/vim-9", "blocker"),
        bad("@world", "package set"),
        bad("vim", "has no category; write category/package, e.g. app-editors/vim"),
        bad("app-editors/vim/x", "more than one '/'"),
        bad("/vim", "the category before '/' is empty"),
        bad("app-editors/", "the package name after '/' is empty"),
        bad("-cat/pkg", "a category starts with a letter, digit or '_'"),
        bad(".cat/pkg", "a category starts with"),
        bad("cat/-pkg", "a package name starts with a letter, digit or '_'"),
        bad("cat/+pkg", "a package name starts with"),
        bad("dev-lang/python3.13", "contains '.' in the package name"),
        bad("dev-lang/python-3", "a version needs an operator in front"),
        bad("dev-lang/python-3.13.1-r1", "a version needs an operator"),
        bad("cat/foo-1-2", "cannot end in '-' followed by a version"),
        bad("=cat/foo-1-2", "cannot end in '-' followed by a version"),
        bad(">=dev-lang/rust", "the '>=' operator needs a version after the package name"),
        bad("=dev-lang/rust", "needs a version"),
        bad(">=dev-lang/rust-1.99.x", "'1.99.x' is not one ('.' in a version must be followed by digits)"),
        bad(">=dev-lang/rust-1.99_bet", "version suffixes are _alpha, _beta, _pre, _rc and _p"),
        bad(">=dev-lang/rust-1.99_beta2x", "'1.99_beta2x' is not one (unexpected 'x' in the version)"),
        bad(">=cat/pkg-1.0_gamma", "version suffixes are"),
        bad(">=cat/pkg-1.0A", "a version letter is lowercase"),
        bad(">=cat/pkg-1.0ab", "only one lowercase letter"),
        bad(">=cat/pkg-1.0-r", "needs a version"),
        bad(">=cat/pkg-1.0-rc1", "a revision is -r followed by digits"),
        bad(">=cat/pkg-1..0", "'.' in a version must be followed by digits"),
        bad("~cat/pkg-1.0-r1", "'~' already matches every revision; drop the -r part"),
        bad("=>cat/pkg-1", "more than one operator"),
        bad("==cat/pkg-1", "more than one operator"),
        bad(">=<cat/pkg-1", "more than one operator"),
        bad("cat/pkg>=1", "an operator goes in front"),
        bad("cat/pkg-1.2*", "'*' after a version works only with the '=' operator"),
        bad(">=cat/pkg-1.2*", "works only with the '=' operator"),
        bad("cat/*", "a wildcard (cat/*) is not an atom; name one package"),
        bad("*/*", "a category starts with"),
        bad("=cat/pk*g-1", "'*' is only allowed at the end of a version"),
        bad("dev-lang/python:", "':' starts a slot; the slot name is empty"),
        bad("dev-lang/python:3.13/", "the sub-slot after '/' is empty"),
        bad("dev-lang/python:/3", "the slot name before '/' is empty"),
        bad("dev-lang/python:1/2/3", "more than one '/' in the slot"),
        bad("dev-lang/python:-3", "a slot name starts with a letter, digit or '_'"),
        bad("dev-lang/python:3=x", "'=' is a slot operator and goes at the end"),
        bad("dev-lang/python:3*", "':*' is a slot operator on its own"),
        bad("dev-lang/python:*=", "':*' is a slot operator on its own"),
        bad("dev-lang/python:3%", "which cannot appear in a package atom"),
        bad("app-editors/vim::", "'::' starts a repository name; the name is empty"),
        bad("app-editors/vim::gentoo:3", "the slot (:) comes before the repository (::)"),
        bad("app-editors/vim::gen.too", "the repository name after '::' is invalid: contains '.'"),
        bad("app-editors/vim::repo-1", "cannot end in '-' followed by a version"),
        bad("app-editors/vim[", "'[' opens USE dependencies but there is no closing ']'"),
        bad("app-editors/vim[]", "'[]' holds no USE dependency"),
        bad("app-editors/vim]", "has ']' without an opening '['"),
        bad("app-editors/vim[python]:3", "nothing may follow the USE dependencies; the order is cat/pkg:slot::repo[use]"),
        bad("app-editors/vim[a][b]", "nothing may follow the USE dependencies"),
        bad("app-editors/vim[a,,b]", "empty USE dependency"),
        bad("app-editors/vim[a,]", "empty USE dependency"),
        bad("app-editors/vim[,a]", "empty USE dependency"),
        bad("app-editors/vim[!a]", "the USE dependency '!a' needs '=' or '?' after the flag"),
        bad("app-editors/vim[-a?]", "cannot combine '-' with '?'"),
        bad("app-editors/vim[-a=]", "cannot combine '-' with '='"),
        bad("app-editors/vim[a(x)]", "a USE default is (+) or (-)"),
        bad("app-editors/vim[a?=]", "has unexpected '='"),
        bad("app-editors/vim[!]", "has no flag name"),
        bad("app-editors/vim[=a]", "has no flag name"),
        bad("app-editors/vim[_a]", "must start its flag name with a letter or digit"),
        bad("app-editors/vim[a[b]]", "has '[' inside the USE dependencies"),
        bad("app-editors/vim?", "'?' is only allowed inside USE dependencies"),
        bad("app-editors/vim(+)", "'(' is only allowed inside USE dependencies"),
        bad("app-editors/v@m", "'@' is only allowed inside USE dependencies"),
        // injection attempts
        bad("app-editors/vim python", "contains a space; give one atom per entry (USE flags go under use:)"),
        bad("app-editors/vim\n", "contains a newline"),
        bad("app-editors/vim\nrm -rf /", "contains a newline"),
        bad("app-editors/vim#x", "contains '#', which starts a comment"),
        bad("app-editors/vim%s", "contains '%', which cannot appear in a package atom"),
        bad("app-editors/vim$(reboot)", "contains '$'"),
        bad("app-editors/`reboot`", "contains a backtick"),
        bad("app-editors/'vim'", "contains a single quote"),
        bad("\"app-editors/vim\"", "contains a double quote"),
        bad("app-editors/vim;reboot", "contains ';'"),
        bad("app-editors/vim|cat", "contains '|'"),
        bad("app-editors/vim&", "contains '&'"),
        bad("app-editors/vim\u0000", "contains a NUL character"),
        bad("app-editors/vim\t", "contains a tab"),
        bad("app-editors/vim\r", "contains a carriage return"),
        bad("app-editors/v\u00efm", "contains a non-ASCII character (U+00EF)"),
        bad("app-editors/vim\u001b[31m", "contains a control character (U+001B)"),
        bad("app-editors\\vim", "contains a backslash"),
        bad("x".repeat(1025), "is too long (1025 characters; at most 1024)"));
  }

  @ParameterizedTest(name = "[{index}] {0} -> {1}")
  @MethodSource
  void invalidAtoms(String s, String fragment) {
    assertInvalid(Grammar::atom, s, fragment);
  }

  @Test
  void parseGivesEveryPart() {
    Atom a = Atom.parse(">=dev-lang/python-3.13.1_rc2-r1:3.13/3.13=::gentoo[sqlite,-tk,ssl(+)?]");
    assertEquals(">=", a.operator());
    assertEquals("dev-lang", a.category());
    assertEquals("python", a.packageName());
    assertEquals("3.13.1_rc2-r1", a.version());
    assertFalse(a.versionWildcard());
    assertEquals("3.13", a.slot());
    assertEquals("3.13", a.subslot());
    assertEquals("=", a.slotOperator());
    assertEquals("gentoo", a.repo());
    assertEquals(List.of("sqlite", "-tk", "ssl(+)?"), a.useDeps());
    assertEquals("dev-lang/python", a.key());
  }

  @Test
  void parsePlainAtom() {
    Atom a = Atom.parse("app-editors/vim");
    assertNull(a.operator());
    assertNull(a.version());
    assertNull(a.slot());
    assertNull(a.subslot());
    assertNull(a.slotOperator());
    assertNull(a.repo());
    assertEquals(List.of(), a.useDeps());
    assertEquals("app-editors/vim", a.key());
  }

  @Test
  void parseWildcardAndSlotOperators() {
    Atom w = Atom.parse("=sys-kernel/gentoo-sources-6.12*");
    assertEquals("=", w.operator());
    assertEquals("gentoo-sources", w.packageName());
    assertEquals("6.12", w.version());
    assertTrue(w.versionWildcard());
    assertEquals("*", Atom.parse("dev-lang/python:*").slotOperator());
    assertNull(Atom.parse("dev-lang/python:*").slot());
    assertEquals("=", Atom.parse("dev-lang/python:=").slotOperator());
    Atom s = Atom.parse("sys-kernel/gentoo-kernel-bin:6.12/6.12.3::gentoo");
    assertEquals("gentoo-kernel-bin", s.packageName());
    assertEquals("6.12", s.slot());
    assertEquals("6.12.3", s.subslot());
    assertNull(s.slotOperator());
    assertEquals("gentoo", s.repo());
  }

  @Test
  void versionSplitPicksTheRealVersion() {
    assertEquals("x11-ssh-askpass", Atom.parse("=net-misc/x11-ssh-askpass-1.2.4.1-r3").packageName());
    assertEquals("1.2.4.1-r3", Atom.parse("=net-misc/x11-ssh-askpass-1.2.4.1-r3").version());
    assertEquals("font-adobe-100dpi", Atom.parse(">=media-fonts/font-adobe-100dpi-1.0.4").packageName());
    assertEquals("pkg-r1", Atom.parse("=cat/pkg-r1-2").packageName());
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @ValueSource(strings = {"app-editors/vim", ">=dev-lang/python-3.13.1_rc2-r1:3.13/3.13=::gentoo[sqlite,-tk,ssl(+)?]",
      "=cat/pkg-1.2*", "dev-lang/python:*", "dev-lang/python:=", "cat/pkg:1=", "cat/pkg::r[a,!b=]"})
  void toStringRoundTrips(String s) {
    assertEquals(s, Atom.parse(s).toString());
  }

  @Test
  void parseThrowsWithTheSameReason() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Atom.parse("!cat/pkg"));
    assertEquals(Grammar.atom("!cat/pkg"), e.getMessage());
    assertEquals("is empty", assertThrows(IllegalArgumentException.class, () -> Atom.parse(null)).getMessage());
  }

  // ------------------------------------------------------------------ atomPattern

  @ParameterizedTest(name = "[{index}] {0}")
  @ValueSource(strings = {"*/*", "sys-kernel/*", "*/vim", "*/memtest86+", "app-editors/vim", ">=dev-lang/rust-1.99",
      "=sys-kernel/genkernel-4.3.14", "dev-lang/python:3.13", "=cat/pkg-1.2*", "=cat/pkg-1.2*:1", "cat/pkg::gentoo",
      "dev-libs/libpcre2", "app-alternatives/awk"})
  void validPatterns(String s) {
    assertValid(Grammar::atomPattern, s);
  }

  static Stream<Arguments> invalidPatterns() {
    return Stream.of(
        bad(null, "is empty"),
        bad("", "is empty"),
        bad("!cat/pkg", "a blocker (!) is not allowed here; to keep a package out, list it under portage.mask"),
        bad("*", "wildcards are */*, category/* or */package"),
        bad("**/*", "wildcards are"),
        bad("dev-*/foo", "wildcards are"),
        bad("*/*::gentoo", "wildcards are"),
        bad("*/vim:3", "wildcards are"),
        bad("*/vim[x]", "wildcards are"),
        bad("*/v*", "wildcards are"),
        bad("cat/*:3", "wildcards are"),
        bad("cat/*x", "wildcards are"),
        bad("*/vim-1.0", "*/package takes no version"),
        bad(">=cat/*", "an operator needs one versioned package"),
        bad("-cat/*", "a category starts with"),
        bad("*/-vim", "a package name starts with"),
        bad("*/a b", "contains a space in the package name"),
        bad("ca t/*", "contains a space in the category"),
        bad("cat/pkg*", "works only with the '=' operator"),
        bad("vim", "has no category"),
        bad("*/*\n", "wildcards are"),
        bad("cat/*\n", "wildcards are"),
        bad("*/vim\n", "contains a newline"),
        bad("sys-kernel\n/*", "contains a newline"),
        bad("*/vim;reboot", "contains ';'"),
        bad("*/vim$(x)", "contains '$'"),
        bad("cat/pkg#x", "'#'"));
  }

  @ParameterizedTest(name = "[{index}] {0} -> {1}")
  @MethodSource
  void invalidPatterns(String s, String fragment) {
    assertInvalid(Grammar::atomPattern, s, fragment);
  }
}
