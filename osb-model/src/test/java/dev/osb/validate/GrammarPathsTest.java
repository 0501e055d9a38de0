package dev.osb.validate;

import static dev.osb.validate.GrammarAssert.assertInvalid;
import static dev.osb.validate.GrammarAssert.assertValid;
import static dev.osb.validate.GrammarAssert.bad;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** URLs, digests, commit ids, paths and file modes. */
class GrammarPathsTest {

  // ------------------------------------------------------------------ URLs

  @ParameterizedTest(name = "[{index}] {0}")
  @ValueSource(strings = {
      "https://github.com/gentoo-mirror/gentoo.git",
      "https://distfiles.gentoo.org/releases/amd64/autobuilds/20261124T170000Z/stage3-amd64-openrc-20261124T170000Z.tar.xz",
      "https://distfiles.gentoo.org/releases/amd64/binpackages/23.0/x86-64/",
      "https://binhost.example/amd64/23.0/", "https://mirror.example/", "https://mirror.example",
      "https://mirror.example:8443/gentoo", "https://[2001:db8::1]/x", "https://10.0.0.1/seed.tar.xz",
      "https://s3.example/b/seed.tar.xz?X-Amz-Date=20260101&X-Amz-Expires=300",
      "https://host/path%20with%20spaces", "https://host/~user/a+b,c=d!(e)*"})
  void validUrls(String s) {
    assertValid(Grammar::httpsUrl, s);
    assertValid(Grammar::gitUrl, s);
  }

  static Stream<Arguments> invalidUrls() {
    return Stream.of(
        bad(null, "is empty"), bad("", "is empty"),
        bad("http://distfiles.gentoo.org/x", "only https is allowed, so downloads are authenticated (http is not)"),
        bad("ftp://ftp.example/x", "only https is allowed, so downloads are authenticated (ftp is not)"),
        bad("rsync://rsync.gentoo.org/gentoo-portage", "(rsync is not)"),
        bad("git://anongit.gentoo.org/repo/gentoo.git", "git:// is unauthenticated; only https is allowed"),
        bad("ssh://git@github.com/gentoo/gentoo.git", "ssh URLs are not supported"),
        bad("git+ssh://git@github.com/gentoo/gentoo.git", "ssh URLs are not supported"),
        bad("git@github.com:gentoo/gentoo.git", "an scp-style ssh address (user@host:path) is not supported; use the https URL"),
        bad("file:///etc/passwd", "only https URLs are allowed"),
        bad("HTTPS://example.com/", "write the scheme in lowercase (https://)"),
        bad("https:example.com", "needs '//' after the scheme"),
        bad("example.com/x", "has no scheme; write https://host/path"),
        bad("https://user:pw@example.com/x", "contains credentials (user@ or user:password@)"),
        bad("https://token@example.com/x", "contains credentials"),
        bad("https:///path", "has no valid host name"),
        bad("https://exa_mple.com/", "has an invalid host name: contains '_'"),
        bad("https://-bad.example/", "has an invalid host name: a label cannot start or end with '-'"),
        bad("https://example.com:0/", "the port must be from 1 to 65535"),
        bad("https://example.com:99999/", "the port must be from 1 to 65535"),
        bad("https://example.com:/", "has ':' but no port number"),
        bad("https://example.com/%zz", "is not a valid URL"),
        bad("https://example.com/a#frag", "has a fragment ('#'), which is never sent to the server; remove it"),
        bad("https://example.com/a b", "contains a space; encode it as %20"),
        bad("https://example.com/a\nb", "contains a newline"),
        bad("https://example.com/$(reboot)", "contains '$' (an unresolved variable?)"),
        bad("https://example.com/${env.X}", "contains '$'"),
        bad("https://example.com/`reboot`", "contains a backtick"),
        bad("https://example.com/'x'", "contains a single quote"),
        bad("https://example.com/\"x\"", "contains a double quote"),
        bad("https://example.com/a;reboot", "contains ';'; write %3B"),
        bad("https://example.com/a|b", "contains '|', which is not allowed in a URL"),
        bad("https://example.com/a\\b", "contains a backslash"),
        bad("https://example.com/<x>", "contains '<'"),
        bad("https://example.com/{x}", "contains '{'"),
        bad("https://example.com/\u0000", "contains a NUL character"),
        bad("https://ex\u00e4mple.com/", "contains a non-ASCII character (U+00E4), which is not allowed in a URL; percent-encode it"),
        bad("https://example.com/" + "x".repeat(2048), "is too long"));
  }

  @ParameterizedTest(name = "[{index}] {0} -> {1}")
  @MethodSource
  void invalidUrls(String s, String fragment) {
    assertInvalid(Grammar::httpsUrl, s, fragment);
    assertInvalid(Grammar::gitUrl, s, fragment);
  }

  /** snapshot.repo: every https URL gitUrl takes, and a local mirror as file:///path. */
  @ParameterizedTest(name = "[{index}] {0}")
  @ValueSource(strings = {
      "https://github.com/gentoo-mirror/gentoo.git", "https://mirror.example:8443/gentoo",
      "file:///srv/mirror/gentoo.git", "file:///var/tmp/osb-it/gentoo.git/", "file:///srv/a+b,c=d@e~f%20g/x_y.git"})
  void validSnapshotRepos(String s) {
    assertValid(Grammar::snapshotRepoUrl, s);
  }

  static Stream<Arguments> invalidSnapshotRepos() {
    return Stream.of(
        bad(null, "is empty"), bad("", "is empty"),
        bad("ssh://git@github.com/gentoo/gentoo.git", "ssh URLs are not supported"),
        bad("http://example.org/gentoo.git", "only https is allowed"),
        bad("rsync://rsync.gentoo.org/gentoo-portage", "(rsync is not)"),
        bad("ftp2://example.org/gentoo.git", "only https:// URLs and local file:/// mirrors are allowed"),
        bad("https://user:pw@example.com/gentoo.git", "contains credentials"),
        bad("https://example.com/gentoo.git#frag", "has a fragment"),
        bad("FILE:///srv/gentoo.git", "write the scheme in lowercase (file://)"),
        bad("file:/srv/gentoo.git", "needs '//' after the scheme, as in file:///srv/mirror/gentoo.git"),
        bad("file://host/srv/gentoo.git", "write file:///path (three slashes, no host)"),
        bad("file:///", "names the root directory"),
        bad("file:///srv//gentoo.git", "contains an empty path segment ('//')"),
        bad("file:///srv/../etc/gentoo.git", "contains a '..' segment"),
        bad("file:///srv/./gentoo.git", "contains a '.' segment"),
        bad("file:///srv/gentoo.git?x=1", "has a query ('?')"),
        bad("file:///srv/gentoo.git#x", "has a fragment ('#')"),
        bad("file:///srv/gen too.git", "contains a space, which is not allowed in a file URL"),
        bad("file:///srv/$(reboot)", "contains '$'"),
        bad("file:///srv/'x'", "contains a single quote"),
        bad("file:///srv/%zz", "is not a valid URL"),
        bad("file:///" + "x".repeat(2048), "is too long"));
  }

  @ParameterizedTest(name = "[{index}] {0} -> {1}")
  @MethodSource
  void invalidSnapshotRepos(String s, String fragment) {
    assertInvalid(Grammar::snapshotRepoUrl, s, fragment);
  }

  // ------------------------------------------------------------------ digests and commits

  static final String SHA512 = "cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce"
      + "47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e";
  static final String SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

  @ParameterizedTest(name = "[{index}] {0}")
  @ValueSource(strings = {SHA512, "CF83E1357EEFB8BDF1542850D66D8007D620E4050B5715DC83F4A921D36CE9CE"
      + "47D0D13C5D85F2B0FF8318D2877EEC2F63B931BD47417A81A538327AF927DA3E"})
  void validSha512(String s) {
    assertValid(Grammar::sha512, s);
  }

  static Stream<Arguments> invalidSha512() {
    return Stream.of(
        bad(null, "is empty"), bad("", "is empty"),
        bad(SHA256, "has 64 hex digits (the length of a sha256 digest); a sha512 digest has 128"),
        bad(SHA512.substring(1), "has 127 hex digits; a sha512 digest has 128"),
        bad(SHA512 + "0", "has 129 hex digits"),
        bad("sha512:" + SHA512, "give the bare hex digest, without the 'sha512' prefix"),
        bad("SHA512-" + SHA512, "without the 'sha512' prefix"),
        bad(SHA512 + "  stage3-amd64-openrc.tar.xz", "looks like sha512sum output; give only the 128-hex digest, without the file name"),
        bad(SHA512.replace('f', 'g'), "contains 'g'; a sha512 digest is 128 hex digits (0-9, a-f)"),
        bad(SHA512 + "\n", "contains a newline"),
        bad(" " + SHA512, "contains a space"),
        bad("#" + SHA512, "contains '#'"), bad("%", "contains '%'"), bad("$(id)", "contains '$'"),
        bad("`id`", "contains a backtick"), bad("'x'", "contains a single quote"), bad("a;b", "contains ';'"),
        bad("a|b", "contains '|'"), bad("a&b", "contains '&'"), bad("ab\u0000", "contains a NUL character"));
  }

  @ParameterizedTest(name = "[{index}] {0} -> {1}")
  @MethodSource
  void invalidSha512(String s, String fragment) {
    assertInvalid(Grammar::sha512, s, fragment);
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @ValueSource(strings = {SHA256, "E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855"})
  void validSha256(String s) {
    assertValid(Grammar::sha256, s);
  }

  static Stream<Arguments> invalidSha256() {
    return Stream.of(
        bad(null, "is empty"), bad("", "is empty"),
        bad(SHA512, "has 128 hex digits (the length of a sha512 digest); a sha256 digest has 64"),
        bad(SHA256.substring(24), "has 40 hex digits (the length of a sha1 digest); a sha256 digest has 64"),
        bad("sha256:" + SHA256, "without the 'sha256' prefix"),
        bad(SHA256 + " *file", "looks like sha256sum output"),
        bad(SHA256.replace('e', 'x'), "contains 'x'"),
        bad(SHA256 + "\n", "contains a newline"), bad(SHA256 + ";", "contains ';'"), bad("$(id)", "contains '$'"));
  }

  @ParameterizedTest(name = "[{index}] {0} -> {1}")
  @MethodSource
  void invalidSha256(String s, String fragment) {
    assertInvalid(Grammar::sha256, s, fragment);
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @ValueSource(strings = {"5f6a3c1e9b0d2f4a6c8e0b1d3f5a7c9e1b3d5f70", "0000000000000000000000000000000000000000"})
  void validCommits(String s) {
    assertValid(Grammar::gitCommit, s);
  }

  static Stream<Arguments> invalidCommits() {
    String shortId = "a full 40-hex commit id is needed so the build is pinned; 'git rev-parse <ref>' prints it";
    return Stream.of(
        bad(null, "is empty"), bad("", "is empty"),
        bad("5f6a3c1", shortId),
        bad("5f6a3c1e9b0d2f4a6c8e0b1d3f5a7c9e1b3d5f7", shortId),
        bad("stable", "a branch, tag or other ref is not pinned; give the full 40-hex commit id ('git rev-parse <ref>' prints it)"),
        bad("master", "a branch, tag or other ref is not pinned"),
        bad("HEAD", "is not pinned"),
        bad("v1.0", "is not pinned"),
        bad("5F6A3C1E9B0D2F4A6C8E0B1D3F5A7C9E1B3D5F70", "has uppercase hex digits; write the id in lowercase, as git prints it"),
        bad("5f6a3c1e9b0d2f4a6c8e0b1d3f5a7c9e1b3d5f70aa", "has 42 hex digits; a git commit id has 40"),
        bad("5f6a3c1e9b0d2f4a6c8e0b1d3f5a7c9e1b3d5f70\n", "contains a newline; a commit id is 40 hex digits"),
        bad("5f6a 3c1", "contains a space"), bad("5f6a#", "contains '#'"), bad("5f6a%", "contains '%'"),
        bad("$(git rev-parse HEAD)", "contains '$'"), bad("`id`", "contains a backtick"), bad("'5f'", "contains a single quote"),
        bad("5f;x", "contains ';'"), bad("5f|x", "contains '|'"), bad("5f&", "contains '&'"), bad("5f\u0000", "contains a NUL character"));
  }

  @ParameterizedTest(name = "[{index}] {0} -> {1}")
  @MethodSource
  void invalidCommits(String s, String fragment) {
    assertInvalid(Grammar::gitCommit, s, fragment);
  }

  // ------------------------------------------------------------------ paths

  @ParameterizedTest(name = "[{index}] {0}")
  @ValueSource(strings = {"/bin/bash", "/usr/share/doc", "/usr/share/doc/", "/etc/sudoers.d/wheel", "/var/tmp", "/",
      "/usr/lib/python3.13/site-packages", "/etc/systemd/system/getty@tty1.service.d", "/opt/foo+bar",
      "/usr/libexec/gcc/x86_64-pc-linux-gnu/14", "/etc/X11/xorg.conf.d", "/home/admin", "/var/db/repos",
      "/usr/share/gtk-doc", "/a,b=c", "/etc/...x"})
  void validAbsolutePaths(String s) {
    assertValid(Grammar::absolutePath, s);
  }

  static Stream<Arguments> invalidAbsolutePaths() {
    return Stream.of(
        bad(null, "is empty"), bad("", "is empty"),
        bad("bin/bash", "is not absolute; it must start with '/'"),
        bad("~/x", "'~' is not expanded; write the full path"),
        bad("/usr/../etc/shadow", "contains a '.' or '..' segment; write the plain path"),
        bad("/usr/./share", "contains a '.' or '..' segment"),
        bad("/..", "contains a '.' or '..' segment"),
        bad("//etc", "contains an empty segment ('//')"),
        bad("/etc//passwd", "contains an empty segment ('//')"),
        bad("/usr/share/doc/*", "contains '*'; wildcards are not allowed here"),
        bad("/tmp/?", "contains '?'; wildcards are not allowed here"),
        bad("/tmp/[ab]", "contains '['; wildcards are not allowed here"),
        bad("/my dir", "contains a space; paths with whitespace are not supported (catalyst splits its lists on whitespace)"),
        bad("/a:b", "contains ':', which catalyst's spec parser would read as a new key"),
        bad("/a#b", "contains '#', which starts a comment in catalyst specs"),
        bad("/$HOME", "contains '$'; paths are literal, there is no variable expansion"),
        bad("/$(reboot)", "contains '$'"),
        bad("/`reboot`", "contains a backtick, which is not allowed in a path"),
        bad("/\"x\"", "contains a double quote"),
        bad("/'x'", "contains a single quote"),
        bad("/a;reboot", "contains ';'"),
        bad("/a|b", "contains '|'"),
        bad("/a&", "contains '&'"),
        bad("/a%", "contains '%'"),
        bad("/a\\b", "contains a backslash"),
        bad("/a\nb", "contains a newline"),
        bad("/a\tb", "contains a tab"),
        bad("/a\u0000", "contains a NUL character"),
        bad("/caf\u00e9", "contains a non-ASCII character (U+00E9)"),
        bad("/a~b", "contains '~'"),
        bad("/" + "x".repeat(4096), "is too long"));
  }

  @ParameterizedTest(name = "[{index}] {0} -> {1}")
  @MethodSource
  void invalidAbsolutePaths(String s, String fragment) {
    assertInvalid(Grammar::absolutePath, s, fragment);
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @ValueSource(strings = {"/usr/share/doc", "/etc/sudoers.d/*", "/usr/share/locale/*/LC_MESSAGES", "/var/log/*.log",
      "/usr/lib/*/file?.so", "/usr/share/man/[a-z]*", "/usr/share/man/[!e]*", "/tmp/x[0-9]", "/usr/share/doc/",
      "/*"})
  void validGlobs(String s) {
    assertValid(Grammar::absolutePathGlob, s);
  }

  static Stream<Arguments> invalidGlobs() {
    return Stream.of(
        bad(null, "is empty"), bad("", "is empty"),
        bad("/", "'/' alone would match the whole file system"),
        bad("*.log", "is not absolute"),
        bad("/usr/[a-z", "has '[' without a closing ']' in the same segment"),
        bad("/usr/[a/b]", "has '[' without a closing ']' in the same segment"),
        bad("/usr/[]", "has an empty [] class"),
        bad("/usr/a]", "has ']' without an opening '['"),
        bad("/usr/[a;b]", "has '[' without a closing ']'"),
        bad("/usr/../*", "contains a '.' or '..' segment"),
        bad("/usr//*", "contains an empty segment"),
        bad("/usr/* /etc", "contains a space"),
        bad("/usr/*\n", "contains a newline"),
        bad("/usr/*#", "contains '#'"), bad("/usr/*%", "contains '%'"), bad("/usr/$(id)", "contains '$'"),
        bad("/usr/`id`", "contains a backtick"), bad("/usr/'x'", "contains a single quote"), bad("/usr/*;x", "contains ';'"),
        bad("/usr/*|x", "contains '|'"), bad("/usr/*&", "contains '&'"), bad("/usr/*\u0000", "contains a NUL character"),
        bad("/usr/{a,b}", "contains '{'"), bad("/a:b", "contains ':'"));
  }

  @ParameterizedTest(name = "[{index}] {0} -> {1}")
  @MethodSource
  void invalidGlobs(String s, String fragment) {
    assertInvalid(Grammar::absolutePathGlob, s, fragment);
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @ValueSource(strings = {"rootfs/", "rootfs", "scripts/finalize.sh", "kernel/config-6.12", "../base/os.yaml",
      "overlays/guru", "seeds/stage3.tar.xz", "./rootfs", ".", "..", "portage-extra/", "a/../b"})
  void validRelativePaths(String s) {
    assertValid(Grammar::relativePath, s);
  }

  static Stream<Arguments> invalidRelativePaths() {
    return Stream.of(
        bad(null, "is empty"), bad("", "is empty"),
        bad("/etc/passwd", "is absolute; give a path relative to the project directory"),
        bad("~/x", "'~' is not expanded"),
        bad("a//b", "contains an empty segment ('//')"),
        bad("rootfs//", "contains an empty segment"),
        bad("a/*", "contains '*'; wildcards are not allowed here"),
        bad("my rootfs", "contains a space"),
        bad("a:b", "contains ':'"),
        bad("a\nb", "contains a newline"),
        bad("a#", "contains '#'"), bad("a%", "contains '%'"), bad("$(id)", "contains '$'"),
        bad("`id`", "contains a backtick"), bad("'a'", "contains a single quote"), bad("\"a\"", "contains a double quote"),
        bad("a;b", "contains ';'"), bad("a|b", "contains '|'"), bad("a&", "contains '&'"), bad("a\u0000", "contains a NUL character"),
        bad("a\\b", "contains a backslash"));
  }

  @ParameterizedTest(name = "[{index}] {0} -> {1}")
  @MethodSource
  void invalidRelativePaths(String s, String fragment) {
    assertInvalid(Grammar::relativePath, s, fragment);
  }

  // ------------------------------------------------------------------ file modes

  @ParameterizedTest(name = "[{index}] {0}")
  @ValueSource(strings = {"0440", "0755", "4755", "644", "0644", "0600", "04755", "1777", "000", "2755"})
  void validModes(String s) {
    assertValid(Grammar::fileMode, s);
  }

  static Stream<Arguments> invalidModes() {
    return Stream.of(
        bad(null, "is empty"), bad("", "is empty"),
        bad("0o755", "write the mode without '0o', e.g. 0755"),
        bad("0758", "'8' is not an octal digit; a mode uses 0-7"),
        bad("0799", "'9' is not an octal digit"),
        bad("rwxr-xr-x", "is not an octal mode; give 3 or 4 octal digits, e.g. 0644 or 0755"),
        bad("u+x", "is not an octal mode"),
        bad("75", "has too few digits"),
        bad("14755", "has too many digits"),
        bad("007555", "has too many digits"),
        bad("0755\n", "is not an octal mode"),
        bad("0755;", "is not an octal mode"),
        bad("$(id)", "is not an octal mode"),
        bad("0 755", "is not an octal mode"));
  }

  @ParameterizedTest(name = "[{index}] {0} -> {1}")
  @MethodSource
  void invalidModes(String s, String fragment) {
    assertInvalid(Grammar::fileMode, s, fragment);
  }
}
