package dev.osb.validate;

import static dev.osb.validate.GrammarAssert.assertInvalid;
import static dev.osb.validate.GrammarAssert.assertValid;
import static dev.osb.validate.GrammarAssert.bad;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** USE flags, keywords, licenses, profiles, repositories and the small names of the system section. */
class GrammarNamesTest {

  // ------------------------------------------------------------------ USE

  @ParameterizedTest(name = "[{index}] {0}")
  @ValueSource(strings = {"X", "zfs", "python", "sqlite", "video_cards_d3d12", "static-libs", "gtk+", "foo@bar",
      "python_targets_python3_13", "3dnow", "cet", "savedconfig", "curl_quic_openssl", "l10n_pt-BR", "0"})
  void validUseFlags(String s) {
    assertValid(Grammar::useFlag, s);
    assertValid(Grammar::useToggle, s);
    assertValid(Grammar::useToggle, "-" + s);
  }

  static Stream<Arguments> invalidUseFlags() {
    return Stream.of(
        bad(null, "is empty"), bad("", "is empty"),
        bad("-X", "a USE flag starts with a letter or digit"),
        bad("_x", "a USE flag starts with a letter or digit"),
        bad("+x", "a USE flag starts with a letter or digit"),
        bad("VIDEO_CARDS:", "'NAME:' marks a USE_EXPAND group; set its values under make.vars"),
        bad("py.thon", "contains '.'; USE flags use letters, digits, '+', '_', '@' and '-'"),
        bad("ssl?", "contains '?'"),
        bad("a=b", "contains '='"),
        bad("a b", "contains a space; give one flag per list item"),
        bad("a\n", "contains a newline"),
        bad("a#b", "contains '#'"),
        bad("a%b", "contains '%'"),
        bad("a$(x)", "contains '$'"),
        bad("a`x`", "contains a backtick"),
        bad("a'", "contains a single quote"),
        bad("a\"", "contains a double quote"),
        bad("a;b", "contains ';'"),
        bad("a|b", "contains '|'"),
        bad("a&", "contains '&'"),
        bad("a\u0000", "contains a NUL character"),
        bad("\u00e9t\u00e9", "contains a non-ASCII character (U+00E9)"),
        bad("x".repeat(256), "is too long"));
  }

  @ParameterizedTest(name = "[{index}] {0} -> {1}")
  @MethodSource
  void invalidUseFlags(String s, String fragment) {
    assertInvalid(Grammar::useFlag, s, fragment);
  }

  static Stream<Arguments> invalidUseToggles() {
    return Stream.of(
        bad(null, "is empty"), bad("", "is empty"),
        bad("-", "'-' alone names no flag"),
        bad("--X", "more than one leading '-'"),
        bad("-*", "'-*' (turn off every flag) is not supported"),
        bad("+X", "a leading '+' is not used in USE lists"),
        bad("-_x", "a USE flag starts with a letter or digit"),
        bad("X Y", "contains a space"),
        bad("-X\n", "contains a newline"),
        bad("-X;rm", "contains ';'"),
        bad("X$(id)", "contains '$'"),
        bad("X#", "contains '#'"),
        bad("X|Y", "contains '|'"));
  }

  @ParameterizedTest(name = "[{index}] {0} -> {1}")
  @MethodSource
  void invalidUseToggles(String s, String fragment) {
    assertInvalid(Grammar::useToggle, s, fragment);
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @ValueSource(strings = {"amdgpu", "radeonsi", "en", "sse4_2", "pt-BR", "zh-CN", "sr-Latn", "python3_13", "AArch64",
      "X86", "d3d12", "intel", "aes", "avx512f"})
  void validUseExpandValues(String s) {
    assertValid(Grammar::useExpandValue, s);
  }

  static Stream<Arguments> invalidUseExpandValues() {
    return Stream.of(
        bad(null, "is empty"), bad("", "is empty"),
        bad("-amdgpu", "a USE_EXPAND value cannot start with '-'"),
        bad("_x", "a USE_EXPAND value starts with a letter or digit"),
        bad("amdgpu radeonsi", "contains a space"),
        bad("sse4.2", "contains '.'; USE_EXPAND values use"),
        bad("en\n", "contains a newline"),
        bad("en#", "contains '#'"),
        bad("en%", "contains '%'"),
        bad("en$(x)", "contains '$'"),
        bad("en`", "contains a backtick"),
        bad("en\"", "contains a double quote"),
        bad("en;", "contains ';'"),
        bad("en|", "contains '|'"),
        bad("en&", "contains '&'"),
        bad("en\u0000", "contains a NUL character"));
  }

  @ParameterizedTest(name = "[{index}] {0} -> {1}")
  @MethodSource
  void invalidUseExpandValues(String s, String fragment) {
    assertInvalid(Grammar::useExpandValue, s, fragment);
  }

  // ------------------------------------------------------------------ keywords, licenses

  @ParameterizedTest(name = "[{index}] {0}")
  @ValueSource(strings = {"amd64", "~amd64", "-amd64", "arm64", "~arm64", "amd64-linux", "~x64-macos", "**", "*", "~*",
      "-*", "x86", "_arch", "ppc64"})
  void validKeywords(String s) {
    assertValid(Grammar::keyword, s);
  }

  static Stream<Arguments> invalidKeywords() {
    return Stream.of(
        bad(null, "is empty"), bad("", "is empty"),
        bad("~", "a '~' or '-' prefix alone names no architecture"),
        bad("-", "prefix alone"),
        bad("~~amd64", "has more than one prefix; write arch, ~arch or -arch"),
        bad("-~amd64", "more than one prefix"),
        bad("~**", "'**' accepts every keyword and takes no prefix"),
        bad("amd64 ~arm64", "contains a space; give one keyword per list item"),
        bad("amd.64", "contains '.'; a keyword is an architecture name"),
        bad("***", "contains '*'"),
        bad("amd64\n", "contains a newline"),
        bad("amd64#", "contains '#'"),
        bad("amd64%", "contains '%'"),
        bad("$(id)", "contains '$'"),
        bad("`id`", "contains a backtick"),
        bad("'amd64'", "contains a single quote"),
        bad("amd64;", "contains ';'"),
        bad("amd64|x", "contains '|'"),
        bad("amd64&", "contains '&'"),
        bad("amd64\u0000", "contains a NUL character"));
  }

  @ParameterizedTest(name = "[{index}] {0} -> {1}")
  @MethodSource
  void invalidKeywords(String s, String fragment) {
    assertInvalid(Grammar::keyword, s, fragment);
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @ValueSource(strings = {"vim", "GPL-2", "GPL-2+", "LGPL-2.1+", "linux-fw-redistributable", "@FREE",
      "@BINARY-REDISTRIBUTABLE", "-@EULA", "-GPL-3", "*", "-*", "no-source-code", "Apache-2.0", "MIT", "_x",
      "@OSI-APPROVED"})
  void validLicenses(String s) {
    assertValid(Grammar::license, s);
  }

  static Stream<Arguments> invalidLicenses() {
    return Stream.of(
        bad(null, "is empty"), bad("", "is empty"),
        bad("-", "names no license"),
        bad("@", "names no license"),
        bad("-@", "names no license"),
        bad("@-FREE", "a license group name starts with a letter, digit or '_'"),
        bad("+GPL", "a license name starts with"),
        bad("--GPL", "a license name starts with"),
        bad("@FREE @BINARY-REDISTRIBUTABLE", "contains a space; give one license per list item"),
        bad("GPL/2", "contains '/'; a license name uses"),
        bad("**", "contains '*'"),
        bad("GPL\n", "contains a newline"),
        bad("GPL#", "contains '#'"),
        bad("GPL%", "contains '%'"),
        bad("GPL$(id)", "contains '$'"),
        bad("GPL`", "contains a backtick"),
        bad("GPL'", "contains a single quote"),
        bad("GPL;", "contains ';'"),
        bad("GPL|", "contains '|'"),
        bad("GPL&", "contains '&'"),
        bad("GPL\u0000", "contains a NUL character"));
  }

  @ParameterizedTest(name = "[{index}] {0} -> {1}")
  @MethodSource
  void invalidLicenses(String s, String fragment) {
    assertInvalid(Grammar::license, s, fragment);
  }

  // ------------------------------------------------------------------ profiles, repositories

  @ParameterizedTest(name = "[{index}] {0}")
  @ValueSource(strings = {"default/linux/amd64/23.0", "default/linux/amd64/23.0/systemd",
      "default/linux/amd64/23.0/desktop/plasma", "default/linux/amd64/23.0/musl/hardened", "guru:osb/server",
      "my_repo:default/x", "default/linux/amd64/23.0/split-usr", "features/selinux", "arch/amd64/x32", "a+b/c.d"})
  void validProfiles(String s) {
    assertValid(Grammar::profile, s);
  }

  static Stream<Arguments> invalidProfiles() {
    return Stream.of(
        bad(null, "is empty"), bad("", "is empty"),
        bad("/default/linux/amd64/23.0", "is relative to the repository's profiles/ directory; drop the leading '/'"),
        bad("profiles/default/linux/amd64/23.0", "drop the leading 'profiles/'"),
        bad("default/linux/amd64/23.0/", "ends with '/'"),
        bad("default//linux", "contains an empty segment ('//')"),
        bad("default/../../etc", "contains a '.' or '..' segment"),
        bad("./default", "contains a '.' or '..' segment"),
        bad("..", "contains a '.' or '..' segment"),
        bad(":default/linux", "the repository name is empty"),
        bad("gu.ru:default", "the repository name before ':' is invalid: contains '.'"),
        bad("guru:", "the path after ':' is empty"),
        bad("guru:a:b", "has more than one ':'"),
        bad("guru:/abs", "drop the leading '/'"),
        bad("default/linux amd64", "contains a space; a profile path uses"),
        bad("default/linux\n", "contains a newline"),
        bad("default#x", "contains '#'"),
        bad("default%x", "contains '%'"),
        bad("default/$(id)", "contains '$'"),
        bad("default/`id`", "contains a backtick"),
        bad("default/'x'", "contains a single quote"),
        bad("default;x", "contains ';'"),
        bad("default|x", "contains '|'"),
        bad("default&x", "contains '&'"),
        bad("default\u0000", "contains a NUL character"),
        bad("default\\x", "contains a backslash"));
  }

  @ParameterizedTest(name = "[{index}] {0} -> {1}")
  @MethodSource
  void invalidProfiles(String s, String fragment) {
    assertInvalid(Grammar::profile, s, fragment);
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @ValueSource(strings = {"gentoo", "guru", "site", "my_overlay", "x-portage", "_x", "repo-r1", "0ad"})
  void validRepoNames(String s) {
    assertValid(Grammar::repoName, s);
  }

  static Stream<Arguments> invalidRepoNames() {
    return Stream.of(
        bad(null, "is empty"), bad("", "is empty"),
        bad("-gentoo", "a repository name starts with a letter, digit or '_'"),
        bad("my.repo", "contains '.'; repository names use letters, digits, '_' and '-'"),
        bad("repo-1", "cannot end in '-' followed by a version"),
        bad("repo-2-r1", "cannot end in '-' followed by a version"),
        bad("my repo", "contains a space"),
        bad("repo\n", "contains a newline"),
        bad("repo#", "contains '#'"), bad("repo%", "contains '%'"), bad("repo$(id)", "contains '$'"),
        bad("repo`", "contains a backtick"), bad("repo\"", "contains a double quote"), bad("repo;", "contains ';'"),
        bad("repo|", "contains '|'"), bad("repo&", "contains '&'"), bad("repo\u0000", "contains a NUL character"),
        bad("repo/x", "contains '/'"));
  }

  @ParameterizedTest(name = "[{index}] {0} -> {1}")
  @MethodSource
  void invalidRepoNames(String s, String fragment) {
    assertInvalid(Grammar::repoName, s, fragment);
  }

  // ------------------------------------------------------------------ accounts

  @ParameterizedTest(name = "[{index}] {0}")
  @ValueSource(strings = {"admin", "root", "_apt", "www-data", "user1", "build_bot", "machine$", "a", "portage",
      "abcdefghijklmnopqrstuvwxyz012345"})
  void validAccountNames(String s) {
    assertValid(Grammar::userName, s);
    assertValid(Grammar::groupName, s);
  }

  static Stream<Arguments> invalidAccountNames() {
    return Stream.of(
        bad(null, "is empty"), bad("", "is empty"),
        bad("Admin", "has uppercase letters"),
        bad("1admin", "names start with a lowercase letter or '_'"),
        bad("-admin", "names start with a lowercase letter or '_'"),
        bad("$", "names start with a lowercase letter or '_'"),
        bad("ad$min", "'$' is only allowed as the last character"),
        bad("abcdefghijklmnopqrstuvwxyz0123456", "is longer than 32 characters"),
        bad("ad.min", "contains '.'"),
        bad("ad min", "contains a space"),
        bad("admin\n", "contains a newline"),
        bad("admin#", "contains '#'"), bad("admin%", "contains '%'"), bad("a$(id)", "'$' is only allowed"),
        bad("admin`", "contains a backtick"), bad("admin'", "contains a single quote"), bad("admin;", "contains ';'"),
        bad("admin|", "contains '|'"), bad("admin&", "contains '&'"), bad("admin\u0000", "contains a NUL character"),
        bad("adm\u00efn", "contains a non-ASCII character"),
        bad("a/b", "contains '/'"),
        bad("a:b", "contains ':'"));
  }

  @ParameterizedTest(name = "[{index}] {0} -> {1}")
  @MethodSource
  void invalidAccountNames(String s, String fragment) {
    assertInvalid(Grammar::userName, s, fragment);
    assertInvalid(Grammar::groupName, s, fragment);
  }

  // ------------------------------------------------------------------ system

  @ParameterizedTest(name = "[{index}] {0}")
  @ValueSource(strings = {"osb", "localhost", "web-01", "web-01.example.com", "a", "1host", "x.y.z", "A-Z",
      "abcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcdefghij123"})
  void validHostnames(String s) {
    assertValid(Grammar::hostname, s);
  }

  static Stream<Arguments> invalidHostnames() {
    String label = "a".repeat(63);
    return Stream.of(
        bad(null, "is empty"), bad("", "is empty"),
        bad("my_host", "contains '_'; host names use letters, digits, '-' and '.' (RFC 1123)"),
        bad("-host", "a label cannot start or end with '-'"),
        bad("host-", "a label cannot start or end with '-'"),
        bad("a.-b.c", "a label cannot start or end with '-'"),
        bad("host.example.com.", "ends with '.'; give the name without the trailing dot"),
        bad(".host", "has an empty label"),
        bad("a..b", "has an empty label"),
        bad("a".repeat(64), "has a label longer than 63 characters"),
        bad(String.join(".", label, label, label, label), "is longer than 253 characters"),
        bad("my host", "contains a space"),
        bad("host\n", "contains a newline"),
        bad("host#", "contains '#'"), bad("host%", "contains '%'"), bad("host$(id)", "contains '$'"),
        bad("host`", "contains a backtick"), bad("host'", "contains a single quote"), bad("host;", "contains ';'"),
        bad("host|", "contains '|'"), bad("host&", "contains '&'"), bad("host\u0000", "contains a NUL character"),
        bad("h\u00f6st", "contains a non-ASCII character"));
  }

  @ParameterizedTest(name = "[{index}] {0} -> {1}")
  @MethodSource
  void invalidHostnames(String s, String fragment) {
    assertInvalid(Grammar::hostname, s, fragment);
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @ValueSource(strings = {"UTC", "Etc/UTC", "Europe/Berlin", "America/Argentina/Buenos_Aires", "Etc/GMT+5",
      "Etc/GMT-14", "America/Port-au-Prince", "GMT0", "posixrules", "America/New_York"})
  void validTimezones(String s) {
    assertValid(Grammar::timezone, s);
  }

  static Stream<Arguments> invalidTimezones() {
    return Stream.of(
        bad(null, "is empty"), bad("", "is empty"),
        bad("/usr/share/zoneinfo/UTC", "is absolute; give the name under /usr/share/zoneinfo"),
        bad("/etc/passwd", "is absolute"),
        bad("../../etc/passwd", "contains '..'"),
        bad("Etc/../UTC", "contains '..'"),
        bad("Etc/U.TC", "contains '.'"),
        bad("Etc//UTC", "contains an empty segment"),
        bad("Etc/", "ends with '/'"),
        bad("America/New York", "contains a space; zone names use '_' instead"),
        bad("-UTC", "a time zone name starts with a letter"),
        bad("_x", "a time zone name starts with a letter"),
        bad("UTC\n", "contains a newline"),
        bad("UTC#", "contains '#'"), bad("UTC%", "contains '%'"), bad("UTC$(id)", "contains '$'"),
        bad("UTC`", "contains a backtick"), bad("UTC\"", "contains a double quote"), bad("UTC;", "contains ';'"),
        bad("UTC|", "contains '|'"), bad("UTC&", "contains '&'"), bad("UTC\u0000", "contains a NUL character"),
        bad("\nUTC", "contains a newline"));
  }

  @ParameterizedTest(name = "[{index}] {0} -> {1}")
  @MethodSource
  void invalidTimezones(String s, String fragment) {
    assertInvalid(Grammar::timezone, s, fragment);
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @ValueSource(strings = {"en_US.UTF-8 UTF-8", "de_DE ISO-8859-1", "C.UTF-8 UTF-8", "de_DE@euro ISO-8859-15",
      "sr_RS.UTF-8@latin UTF-8", "ja_JP.EUC-JP EUC-JP", "en_US ISO-8859-1"})
  void validLocales(String s) {
    assertValid(Grammar::locale, s);
  }

  static Stream<Arguments> invalidLocales() {
    return Stream.of(
        bad(null, "is empty"), bad("", "is empty"),
        bad("en_US.UTF-8", "needs a name and a charset separated by one space, e.g. 'en_US.UTF-8 UTF-8'"),
        bad("en_US.UTF-8  UTF-8", "separate the name and the charset with exactly one space"),
        bad("en_US.UTF-8 UTF-8 x", "has more than two fields"),
        bad(" en_US UTF-8", "starts with a space"),
        bad("en_US.UTF-8 ", "ends with a space; the charset is missing"),
        bad("-en UTF-8", "a locale name starts with a letter"),
        bad("en_US UTF.8", "contains '.' in the charset"),
        bad("en/US UTF-8", "contains '/' in the name"),
        bad("en_US.UTF-8 UTF-8\n", "contains a newline in the charset"),
        bad("en_US\nUTF-8", "contains a newline"),
        bad("en#US UTF-8", "contains '#'"), bad("en%US UTF-8", "contains '%'"), bad("en$(id) UTF-8", "contains '$'"),
        bad("en` UTF-8", "contains a backtick"), bad("en' UTF-8", "contains a single quote"),
        bad("en; UTF-8", "contains ';'"), bad("en| UTF-8", "contains '|'"), bad("en& UTF-8", "contains '&'"),
        bad("en UTF-8\u0000", "contains a NUL character"),
        bad("en\tUTF-8", "contains a tab"));
  }

  @ParameterizedTest(name = "[{index}] {0} -> {1}")
  @MethodSource
  void invalidLocales(String s, String fragment) {
    assertInvalid(Grammar::locale, s, fragment);
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @ValueSource(strings = {"us", "de-latin1", "fr_CH", "de-latin1-nodeadkeys", "br-abnt2", "mac-us", "sv-latin1",
      "dvorak", "uk", "cz-qwertz", "ru4.map"})
  void validKeymaps(String s) {
    assertValid(Grammar::keymap, s);
  }

  static Stream<Arguments> invalidKeymaps() {
    return Stream.of(
        bad(null, "is empty"), bad("", "is empty"),
        bad("-us", "a keymap name starts with a letter, digit or '_'"),
        bad(".us", "a keymap name starts with"),
        bad("..", "a keymap name starts with"),
        bad("i386/qwerty/us", "contains '/'; give the keymap name"),
        bad("de latin1", "contains a space"),
        bad("us\n", "contains a newline"),
        bad("us#", "contains '#'"), bad("us%", "contains '%'"), bad("us$(id)", "contains '$'"),
        bad("us`", "contains a backtick"), bad("us'", "contains a single quote"), bad("us;", "contains ';'"),
        bad("us|", "contains '|'"), bad("us&", "contains '&'"), bad("us\u0000", "contains a NUL character"));
  }

  @ParameterizedTest(name = "[{index}] {0} -> {1}")
  @MethodSource
  void invalidKeymaps(String s, String fragment) {
    assertInvalid(Grammar::keymap, s, fragment);
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @ValueSource(strings = {"sshd", "net.eth0", "getty@tty1.service", "systemd-networkd.socket", "udev", "udev-mount",
      "NetworkManager", "dbus", "elogind", "acpid", "_x", "sshd.service", "serial-getty@ttyS0.service", "local"})
  void validServiceNames(String s) {
    assertValid(Grammar::serviceName, s);
  }

  static Stream<Arguments> invalidServiceNames() {
    return Stream.of(
        bad(null, "is empty"), bad("", "is empty"),
        bad("udev|sysinit", "contains '|'; give the runlevel separately"),
        bad("/etc/init.d/sshd", "contains '/'; give the service name, not a path"),
        bad("-sshd", "a service name starts with a letter, digit or '_'"),
        bad(".sshd", "a service name starts with"),
        bad("@x", "a service name starts with"),
        bad("x".repeat(256), "is too long"),
        bad("ssh d", "contains a space"),
        bad("sshd\n", "contains a newline"),
        bad("sshd#", "contains '#'"), bad("sshd%i", "contains '%'"), bad("sshd$(id)", "contains '$'"),
        bad("sshd`", "contains a backtick"), bad("sshd'", "contains a single quote"), bad("sshd;", "contains ';'"),
        bad("sshd&", "contains '&'"), bad("sshd\u0000", "contains a NUL character"),
        bad("foo\\x2dbar.service", "contains a backslash"));
  }

  @ParameterizedTest(name = "[{index}] {0} -> {1}")
  @MethodSource
  void invalidServiceNames(String s, String fragment) {
    assertInvalid(Grammar::serviceName, s, fragment);
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @ValueSource(strings = {"sysinit", "boot", "default", "shutdown", "nonetwork", "custom", "my-level_2"})
  void validRunlevels(String s) {
    assertValid(Grammar::runlevel, s);
  }

  static Stream<Arguments> invalidRunlevels() {
    return Stream.of(
        bad(null, "is empty"), bad("", "is empty"),
        bad("Default", "has uppercase letters; runlevels are lowercase"),
        bad("1", "a runlevel starts with a lowercase letter"),
        bad("-boot", "a runlevel starts with a lowercase letter"),
        bad("boot.x", "contains '.'"),
        bad("boot default", "contains a space"),
        bad("boot\n", "contains a newline"),
        bad("boot#", "contains '#'"), bad("boot%", "contains '%'"), bad("boot$(id)", "contains '$'"),
        bad("boot`", "contains a backtick"), bad("boot'", "contains a single quote"), bad("boot;", "contains ';'"),
        bad("boot|", "contains '|'"), bad("boot&", "contains '&'"), bad("boot\u0000", "contains a NUL character"),
        bad("../boot", "a runlevel starts with a lowercase letter"));
  }

  @ParameterizedTest(name = "[{index}] {0} -> {1}")
  @MethodSource
  void invalidRunlevels(String s, String fragment) {
    assertInvalid(Grammar::runlevel, s, fragment);
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @ValueSource(strings = {"gentoo", "gentoo_6_12", "Kernel1", "_k", "dist"})
  void validKernelNames(String s) {
    assertValid(Grammar::kernelName, s);
  }

  static Stream<Arguments> invalidKernelNames() {
    String trap = "catalyst handles only kernel names of letters, digits and '_': a name with '-' or '.' takes "
        + "different code paths in its Python and shell parts and the kernel config is never copied";
    return Stream.of(
        bad(null, "is empty"), bad("", "is empty"),
        bad("gentoo-dist", "contains '-'; " + trap),
        bad("6.12", "contains '.'; " + trap),
        bad("gen too", "contains a space; kernel names use letters, digits and '_' only"),
        bad("gentoo/x", "contains '/'"),
        bad("gentoo\n", "contains a newline"),
        bad("gentoo#", "contains '#'"), bad("gentoo%", "contains '%'"), bad("gentoo$(id)", "contains '$'"),
        bad("gentoo`", "contains a backtick"), bad("gentoo'", "contains a single quote"), bad("gentoo;", "contains ';'"),
        bad("gentoo|", "contains '|'"), bad("gentoo&", "contains '&'"), bad("gentoo\u0000", "contains a NUL character"),
        bad("k".repeat(65), "is too long"));
  }

  @ParameterizedTest(name = "[{index}] {0} -> {1}")
  @MethodSource
  void invalidKernelNames(String s, String fragment) {
    assertInvalid(Grammar::kernelName, s, fragment);
  }

  // ------------------------------------------------------------------ OSB names

  @ParameterizedTest(name = "[{index}] {0}")
  @ValueSource(strings = {"default", "zfs", "desktop", "stage4-zfs", "a_b", "0", "9lives",
      "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"})
  void validOsbNames(String s) {
    assertValid(Grammar::variantName, s);
    assertValid(Grammar::buildName, s);
    assertValid(Grammar::osName, s);
  }

  static Stream<Arguments> invalidOsbNames() {
    return Stream.of(
        bad(null, "is empty"), bad("", "is empty"),
        bad("Desktop", "has uppercase letters"),
        bad("-zfs", "a name starts with a lowercase letter or digit"),
        bad("_zfs", "a name starts with a lowercase letter or digit"),
        bad("x".repeat(65), "is longer than 64 characters"),
        bad("my.variant", "contains '.'; names use a-z, 0-9, '_' and '-'"),
        bad("a/b", "contains '/'"),
        bad("a b", "contains a space"),
        bad("zfs\n", "contains a newline"),
        bad("zfs#", "contains '#'"), bad("zfs%", "contains '%'"), bad("zfs$(id)", "contains '$'"),
        bad("zfs`", "contains a backtick"), bad("zfs'", "contains a single quote"), bad("zfs;", "contains ';'"),
        bad("zfs|", "contains '|'"), bad("zfs&", "contains '&'"), bad("zfs\u0000", "contains a NUL character"));
  }

  @ParameterizedTest(name = "[{index}] {0} -> {1}")
  @MethodSource
  void invalidOsbNames(String s, String fragment) {
    assertInvalid(Grammar::variantName, s, fragment);
    assertInvalid(Grammar::buildName, s, fragment);
    assertInvalid(Grammar::osName, s, fragment);
  }
}
