package dev.osb.validate;

import static dev.osb.validate.GrammarAssert.assertInvalid;
import static dev.osb.validate.GrammarAssert.assertValid;
import static dev.osb.validate.GrammarAssert.bad;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** make.conf and env-file variables, compiler flags, CHOST, FEATURES, MAKEOPTS, emerge and dracut tokens. */
class GrammarMakeTest {

  @ParameterizedTest(name = "[{index}] {0}")
  @ValueSource(strings = {"VIDEO_CARDS", "L10N", "GENTOO_MIRRORS", "CPU_FLAGS_X86", "_X", "CC", "CXX", "MYCMAKEARGS",
      "EXTRA_ECONF", "A1"})
  void validVarNames(String s) {
    assertValid(Grammar::makeVarName, s);
    assertValid(Grammar::envVarName, s);
  }

  static Stream<Arguments> invalidVarNames() {
    return Stream.of(
        bad(null, "is empty"), bad("", "is empty"),
        bad("video_cards", "has lowercase letters"),
        bad("Cflags", "has lowercase letters"),
        bad("1X", "names cannot start with a digit"),
        bad("VIDEO-CARDS", "contains '-'; "),
        bad("A B", "contains a space"),
        bad("A\n", "contains a newline"),
        bad("A#", "contains '#'"), bad("A%", "contains '%'"), bad("A$(id)", "contains '$'"),
        bad("A`", "contains a backtick"), bad("A'", "contains a single quote"), bad("A;", "contains ';'"),
        bad("A|", "contains '|'"), bad("A&", "contains '&'"), bad("A\u0000", "contains a NUL character"),
        bad("A=B", "contains '='"),
        bad("X".repeat(129), "is too long"));
  }

  @ParameterizedTest(name = "[{index}] {0} -> {1}")
  @MethodSource
  void invalidVarNames(String s, String fragment) {
    assertInvalid(Grammar::makeVarName, s, fragment);
    assertInvalid(Grammar::envVarName, s, fragment);
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @ValueSource(strings = {"", "amdgpu radeonsi", "en", "https://mirror.example/ https://b.example/gentoo",
      "${CFLAGS} -fno-lto", "-O2 -pipe", "clang", "clang++", "--jobs=4 --load-average=4", "a;b|c&d<e>f",
      "100%", "x=y", "(paren) {brace} [bracket] *?~!", "${A}${B_2}", "  spaced  "})
  void validVarValues(String s) {
    assertValid(Grammar::makeVarValue, s);
    assertValid(Grammar::envVarValue, s);
  }

  static Stream<Arguments> invalidVarValues() {
    return Stream.of(
        bad(null, "is empty"),
        bad("a\nb", "contains a line break; the value must fit on one line"),
        bad("a\rb", "contains a line break"),
        bad("a\"b", "contains a quote; the value is written inside double quotes and cannot hold quotes"),
        bad("a'b", "contains a quote"),
        bad("a\\b", "contains a backslash"),
        bad("`reboot`", "contains a backtick (command substitution)"),
        bad("$(reboot)", "contains '$(' (command substitution)"),
        bad("$HOME", "'$' is only allowed in ${NAME} references"),
        bad("cost $5", "'$' is only allowed in ${NAME} references"),
        bad("a$", "'$' is only allowed in ${NAME} references"),
        bad("${}", "'${' must be followed by a variable name and '}', as in ${CFLAGS}"),
        bad("${A", "'${' must be followed by a variable name and '}'"),
        bad("${A-default}", "'${' must be followed by a variable name and '}'"),
        bad("${A:-x}", "'${' must be followed"),
        bad("${1}", "'${' must be followed"),
        bad("${A}$(x)", "contains '$('"),
        bad("a#b", "contains '#', which starts a comment where the value is reused"),
        bad("a\tb", "contains a tab"),
        bad("a\u0000", "contains a NUL character"),
        bad("a\u007f", "contains a control character (U+007F)"),
        bad("\u00e9", "contains a non-ASCII character (U+00E9); values are ASCII"),
        bad("x".repeat(16385), "is too long"));
  }

  @ParameterizedTest(name = "[{index}] {0} -> {1}")
  @MethodSource
  void invalidVarValues(String s, String fragment) {
    assertInvalid(Grammar::makeVarValue, s, fragment);
    assertInvalid(Grammar::envVarValue, s, fragment);
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @ValueSource(strings = {"clang", "no-lto", "gcc-14", "lto.conf", "_x", "a+b", "ccache"})
  void validEnvFileNames(String s) {
    assertValid(Grammar::envFileName, s);
  }

  static Stream<Arguments> invalidEnvFileNames() {
    return Stream.of(
        bad(null, "is empty"), bad("", "is empty"),
        bad("../make.conf", "an env file name starts with a letter, digit or '_'"),
        bad("sub/clang", "contains '/'; give a file name under /etc/portage/env, not a path"),
        bad("-x", "an env file name starts with"),
        bad(".hidden", "an env file name starts with"),
        bad("a b", "contains a space"),
        bad("a\n", "contains a newline"),
        bad("a#", "contains '#'"), bad("a%", "contains '%'"), bad("a$(id)", "contains '$'"),
        bad("a`", "contains a backtick"), bad("a'", "contains a single quote"), bad("a;", "contains ';'"),
        bad("a|", "contains '|'"), bad("a&", "contains '&'"), bad("a\u0000", "contains a NUL character"),
        bad("a:b", "contains ':'"));
  }

  @ParameterizedTest(name = "[{index}] {0} -> {1}")
  @MethodSource
  void invalidEnvFileNames(String s, String fragment) {
    assertInvalid(Grammar::envFileName, s, fragment);
  }

  // ------------------------------------------------------------------ compiler flags

  @ParameterizedTest(name = "[{index}] {0}")
  @ValueSource(strings = {"-O2 -pipe", "-O2 -pipe -march=x86-64-v3", "-O3", "-march=znver4 -mtune=znver4",
      "-O2 -pipe -fstack-protector-strong -D_FORTIFY_SOURCE=3", "-Wl,-O1,--as-needed", "-flto=auto",
      "-fuse-ld=mold", "-I/usr/include/foo", "-fdebug-prefix-map=/a=/b", "-mcpu=cortex-a72", "--param=l1-cache-size=32",
      "-Wa,-mbranches-within-32B-boundaries", "-O2  -pipe", " -O2 -pipe ", "-mtune=generic", "-march=native2"})
  void validCompilerFlags(String s) {
    assertValid(Grammar::compilerFlags, s);
  }

  static Stream<Arguments> invalidCompilerFlags() {
    return Stream.of(
        bad(null, "is empty"), bad("", "is empty"), bad("   ", "is empty"),
        bad("-O2 -march=native", "'-march=native' builds for the build machine's CPU; name a real target such as -march=x86-64-v3"),
        bad("-mtune=native", "'-mtune=native' tunes for the build machine's CPU; name a real target such as -mtune=generic"),
        bad("-mcpu=native", "'-mcpu=native' builds for the build machine's CPU"),
        bad("O2 -pipe", "'O2' is not a flag; compiler flags start with '-'"),
        bad("O2", "is not a flag; compiler flags start with '-'"),
        bad("-O2 - -pipe", "'-' alone is not a flag"),
        bad("-O2\t-pipe", "contains a tab; separate flags with spaces"),
        bad("-O2\n-pipe", "contains a newline"),
        bad("-O2 ${CFLAGS}", "contains '$'; give the flags literally"),
        bad("-O2 $(reboot)", "contains '$'"),
        bad("-O2 `reboot`", "contains a backtick"),
        bad("-O2 \"-pipe\"", "contains a double quote"),
        bad("-O2 '-pipe'", "contains a single quote"),
        bad("-O2;reboot", "contains ';'"),
        bad("-O2|x", "contains '|'"),
        bad("-O2&", "contains '&'"),
        bad("-O2#", "contains '#'"),
        bad("-O2%", "contains '%'"),
        bad("-O2\u0000", "contains a NUL character"),
        bad("-O2 -fplugin=@x", "contains '@'"),
        bad("-O2\\", "contains a backslash"),
        bad("-O2 -Dx*", "contains '*'"));
  }

  @ParameterizedTest(name = "[{index}] {0} -> {1}")
  @MethodSource
  void invalidCompilerFlags(String s, String fragment) {
    assertInvalid(Grammar::compilerFlags, s, fragment);
  }

  // ------------------------------------------------------------------ CHOST, FEATURES, MAKEOPTS

  @ParameterizedTest(name = "[{index}] {0}")
  @ValueSource(strings = {"x86_64-pc-linux-gnu", "x86_64-pc-linux-musl", "aarch64-unknown-linux-gnu",
      "x86_64-pc-linux-gnux32", "armv7a-unknown-linux-gnueabihf", "i686-pc-linux-gnu", "x86_64-linux-gnu",
      "powerpc64le-unknown-linux-gnu", "riscv64-unknown-linux-gnu", "armv6j_hardfp-unknown-linux-gnueabihf",
      "x86_64-gentoo-linux-musl"})
  void validChosts(String s) {
    assertValid(Grammar::chost, s);
  }

  static Stream<Arguments> invalidChosts() {
    return Stream.of(
        bad(null, "is empty"), bad("", "is empty"),
        bad("x86_64", "has too few parts; a CHOST is arch-vendor-os[-libc]"),
        bad("x86_64-linux", "has too few parts"),
        bad("a-b-c-d-e", "has too many parts"),
        bad("X86_64-pc-linux-gnu", "has uppercase letters; a CHOST is lowercase"),
        bad("x86_64--linux-gnu", "has an empty part"),
        bad("-x86_64-pc-linux", "has an empty part"),
        bad("x86_64-pc-linux-", "has an empty part"),
        bad("x86_64-..-linux", "a CHOST part cannot start with '.'"),
        bad("x86_64-pc-linux-gnu ", "contains a space"),
        bad("x86_64-pc-linux-gnu\n", "contains a newline"),
        bad("x86_64-pc/linux-gnu", "contains '/'"),
        bad("x86_64-pc-linux-gnu#", "contains '#'"), bad("x86_64-pc-linux-gnu%", "contains '%'"),
        bad("x86_64-pc-linux-$(id)", "contains '$'"), bad("x86_64-pc-linux-`id`", "contains a backtick"),
        bad("x86_64-pc-linux-'x'", "contains a single quote"), bad("x86_64-pc-linux-gnu;", "contains ';'"),
        bad("x86_64-pc-linux-gnu|", "contains '|'"), bad("x86_64-pc-linux-gnu&", "contains '&'"),
        bad("x86_64-pc-linux-gnu\u0000", "contains a NUL character"));
  }

  @ParameterizedTest(name = "[{index}] {0} -> {1}")
  @MethodSource
  void invalidChosts(String s, String fragment) {
    assertInvalid(Grammar::chost, s, fragment);
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @ValueSource(strings = {"parallel-fetch", "-news", "buildpkg", "getbinpkg", "binpkg-multi-instance", "ccache",
      "-sandbox", "ipc-sandbox", "compress-build-logs", "2x"})
  void validFeatures(String s) {
    assertValid(Grammar::feature, s);
  }

  static Stream<Arguments> invalidFeatures() {
    return Stream.of(
        bad(null, "is empty"), bad("", "is empty"),
        bad("-", "'-' alone names no feature"),
        bad("--news", "a feature name starts with a lowercase letter or digit"),
        bad("Buildpkg", "has uppercase letters; FEATURES are lowercase"),
        bad("parallel_fetch", "contains '_'; features use lowercase letters, digits and '-'"),
        bad("a b", "contains a space; give one feature per list item"),
        bad("a\n", "contains a newline"),
        bad("a#", "contains '#'"), bad("a%", "contains '%'"), bad("a$(id)", "contains '$'"),
        bad("a`", "contains a backtick"), bad("a'", "contains a single quote"), bad("a;", "contains ';'"),
        bad("a|", "contains '|'"), bad("a&", "contains '&'"), bad("a\u0000", "contains a NUL character"));
  }

  @ParameterizedTest(name = "[{index}] {0} -> {1}")
  @MethodSource
  void invalidFeatures(String s, String fragment) {
    assertInvalid(Grammar::feature, s, fragment);
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @ValueSource(strings = {"-j8", "-j8 -l8", "--jobs=8", "--load-average=4.5", "-j", "-j 8", "-l4.5", "--jobs",
      "-s", "--output-sync=target", "-Otarget", "--max-load=8", "-j16 -l16.0"})
  void validMakeopts(String s) {
    assertValid(Grammar::makeopts, s);
  }

  static Stream<Arguments> invalidMakeopts() {
    return Stream.of(
        bad(null, "is empty"), bad("", "is empty"), bad("  ", "is empty"),
        bad("-j0", "the job count must be a whole number of at least 1, as in -j8"),
        bad("-jx", "the job count must be a whole number"),
        bad("--jobs=", "the job count must be a whole number"),
        bad("-l4.x", "the load average must be a number"),
        bad("--load-average=many", "the load average must be a number"),
        bad("j8", "is neither an option nor a number"),
        bad("-j8 j8", "'j8' is neither an option nor a number"),
        bad("-", "'-' alone is not an option"),
        bad("--", "'--' alone is not an option"),
        bad("-=", "is not an option"),
        bad("-j8 -=", "'-=' is not an option"),
        bad("-j8\t-l8", "contains a tab"),
        bad("-j8\n", "contains a newline"),
        bad("-j$(nproc)", "contains '$'"),
        bad("-j`nproc`", "contains a backtick"),
        bad("-j8;reboot", "contains ';'"),
        bad("-j8|x", "contains '|'"),
        bad("-j8&", "contains '&'"),
        bad("-j8#", "contains '#'"),
        bad("-j8%", "contains '%'"),
        bad("\"-j8\"", "contains a double quote"),
        bad("-j8\u0000", "contains a NUL character"),
        bad("-C/", "contains '/'"));
  }

  @ParameterizedTest(name = "[{index}] {0} -> {1}")
  @MethodSource
  void invalidMakeopts(String s, String fragment) {
    assertInvalid(Grammar::makeopts, s, fragment);
  }

  // ------------------------------------------------------------------ emerge options, dracut args

  @ParameterizedTest(name = "[{index}] {0}")
  @ValueSource(strings = {"--usepkg", "n", "--usepkg=n", "--exclude=sys-kernel/gentoo-sources", "-u", "-uDN",
      "--jobs=4", "y", "--quiet-build", "=sys-kernel/gentoo-sources-6.12.3", "@world", "--getbinpkg=y",
      "--exclude=dev-lang/python:3.12", "broadcom-sta"})
  void validEmergeOptions(String s) {
    assertValid(Grammar::emergeOption, s);
  }

  static Stream<Arguments> invalidEmergeOptions() {
    return Stream.of(
        bad(null, "is empty"), bad("", "is empty"),
        bad("--usepkg n", "contains a space; give each option and each value as its own list item"),
        bad("--exclude=*/*", "contains '*'; catalyst passes these options to the shell unquoted, so glob characters are not allowed"),
        bad("foo?", "contains '?'"),
        bad("[ab]", "contains '['"),
        bad("--", "a long option is --name or --name=value"),
        bad("--=x", "a long option is --name"),
        bad("--Usepkg", "a long option is --name"),
        bad("--use_pkg", "a long option name uses lowercase letters, digits and '-'"),
        bad("--usepkg=", "'=' is followed by no value"),
        bad("-", "'-' alone is not an option"),
        bad("-1", "a short option is '-' and letters"),
        bad("-u=x", "a short option is '-' and letters"),
        bad("--usepkg\n", "contains a newline"),
        bad("--usepkg#", "contains '#'"), bad("--usepkg%", "contains '%'"), bad("$(id)", "contains '$'"),
        bad("`id`", "contains a backtick"), bad("'n'", "contains a single quote"), bad("n;reboot", "contains ';'"),
        bad("n|x", "contains '|'"), bad("n&", "contains '&'"), bad("n\u0000", "contains a NUL character"),
        bad(">=cat/pkg-1", "contains '>'"));
  }

  @ParameterizedTest(name = "[{index}] {0} -> {1}")
  @MethodSource
  void invalidEmergeOptions(String s, String fragment) {
    assertInvalid(Grammar::emergeOption, s, fragment);
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @ValueSource(strings = {"--xz", "--no-hostonly", "-a", "dmsquash-live", "dmsquash-live-ntfs", "-o", "btrfs", "-i",
      "/lib/keymaps", "-I", "busybox", "--kver=6.12.3-gentoo-dist", "--add-drivers=nvme", "--compress=zstd",
      "qemu-net"})
  void validDracutArgs(String s) {
    assertValid(Grammar::dracutArg, s);
  }

  static Stream<Arguments> invalidDracutArgs() {
    return Stream.of(
        bad(null, "is empty"), bad("", "is empty"),
        bad("-a dmsquash-live", "contains a space; give each argument as its own list item (e.g. '-a' and 'dmsquash-live')"),
        bad("-", "'-' alone is not an argument"),
        bad("--", "'--' alone is not an argument"),
        bad("--xz\n", "contains a newline"),
        bad("--xz#", "contains '#'"), bad("--xz%", "contains '%'"), bad("$(id)", "contains '$'"),
        bad("`id`", "contains a backtick"), bad("\"x\"", "contains a double quote"), bad("'x'", "contains a single quote"),
        bad("--xz;reboot", "contains ';'"), bad("--xz|x", "contains '|'"), bad("--xz&", "contains '&'"),
        bad("--xz\u0000", "contains a NUL character"), bad("/lib/*", "contains '*'"), bad("a\\b", "contains a backslash"));
  }

  @ParameterizedTest(name = "[{index}] {0} -> {1}")
  @MethodSource
  void invalidDracutArgs(String s, String fragment) {
    assertInvalid(Grammar::dracutArg, s, fragment);
  }
}
