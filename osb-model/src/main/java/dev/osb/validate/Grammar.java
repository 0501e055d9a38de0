package dev.osb.validate;

import java.math.BigInteger;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The value grammars: every user-written string passes one of these before it can reach a shell, a
 * catalyst spec, make.conf, an env file or a Containerfile.
 *
 * <p>Each check returns {@code null} when the value is valid, else a short reason: lowercase start,
 * no trailing period, never the whole value and never a location (the caller writes
 * {@code invalid package atom 'x': <reason>}). Null and {@code ""} are {@code "is empty"}, except
 * for {@link #makeVarValue} and {@link #envVarValue}, where {@code ""} is a valid (empty) value.
 * No check throws, and every check is linear in the length of its input (hand-written scanners, no
 * backtracking regular expressions); each also has a length cap.
 *
 * <p>The grammars are whitelists: a character that is not named is refused. Whitespace, quotes,
 * backslash, backtick, {@code $}, {@code ;}, {@code |}, {@code &}, {@code #}, {@code %} and control
 * characters are refused everywhere except where a rule below says otherwise (the comment of an ssh
 * key, a URL's query, a make.conf value).
 */
public final class Grammar {

  private Grammar() {}

  /** Cap for short names and tokens. */
  private static final int NAME_MAX = 255;
  /** Cap for paths, flag strings and URLs. */
  private static final int LONG_MAX = 4096;

  private static final String PLAINTEXT = "plaintext passwords are never accepted; store a crypt hash, "
      + "e.g. from 'openssl passwd -6' or 'mkpasswd -m sha-512'";

  // ============================================================== packages

  /** A full PMS (EAPI 8) dependency atom with optional {@code ::repo}; blockers are refused. */
  public static String atom(String s) {
    try {
      Atom.parse(s);
      return null;
    } catch (IllegalArgumentException e) {
      return e.getMessage();
    }
  }

  /**
   * The first column of package.use, package.mask, package.accept_keywords, package.license and
   * package.env: a full atom, or {@code *}{@code /*}, {@code cat/*}, {@code *}{@code /pkg}.
   */
  public static String atomPattern(String s) {
    String r = basic(s, Atom.MAX_LENGTH);
    if (r != null) {
      return r;
    }
    if (s.charAt(0) == '!') {
      return "a blocker (!) is not allowed here; to keep a package out, list it under portage.mask";
    }
    if (s.equals("*/*")) {
      return null;
    }
    String wild = "wildcards are */*, category/* or */package, with nothing after them";
    int slash = s.indexOf('/');
    if (slash < 0) {
      return s.indexOf('*') >= 0 ? wild : atom(s);
    }
    String cat = s.substring(0, slash);
    String pkg = s.substring(slash + 1);
    if (cat.indexOf('*') >= 0 && !cat.equals("*")) {
      return wild;
    }
    if (cat.equals("*")) {
      if (pkg.indexOf('*') >= 0 || pkg.indexOf(':') >= 0 || pkg.indexOf('[') >= 0 || pkg.indexOf('/') >= 0) {
        return wild;
      }
      int v = Atom.versionSplit(pkg);
      if (v > 0 && Atom.packageNameReason(pkg.substring(0, v)) == null) {
        return "*/package takes no version";
      }
      return Atom.packageNameReason(pkg);
    }
    if (pkg.equals("*")) {
      if (!cat.isEmpty() && "<>=~".indexOf(cat.charAt(0)) >= 0) {
        return "an operator needs one versioned package; category/* takes none";
      }
      return Atom.categoryReason(cat);
    }
    if (cat.indexOf('*') >= 0 || pkg.startsWith("*")) {
      return wild;
    }
    return atom(s);
  }

  /** A USE flag name, PMS: {@code [A-Za-z0-9][A-Za-z0-9+_@-]*}. */
  public static String useFlag(String s) {
    return flag(s, "USE flags", "a USE flag", true);
  }

  /** A USE list item: an optional leading {@code -}, then a {@link #useFlag}. */
  public static String useToggle(String s) {
    String r = basic(s, NAME_MAX);
    if (r != null) {
      return r;
    }
    if (s.charAt(0) == '+') {
      return "a leading '+' is not used in USE lists; write the flag without it";
    }
    if (s.charAt(0) != '-') {
      return flag(s, "USE flags", "a USE flag", true);
    }
    String rest = s.substring(1);
    if (rest.isEmpty()) {
      return "'-' alone names no flag";
    }
    if (rest.equals("*")) {
      return "'-*' (turn off every flag) is not supported; list the flags to turn off";
    }
    if (rest.charAt(0) == '-') {
      return "has more than one leading '-'";
    }
    return flag(rest, "USE flags", "a USE flag", true);
  }

  /** A USE_EXPAND value token (VIDEO_CARDS, L10N, CPU_FLAGS_X86, ...): amdgpu, pt-BR, sse4_2. */
  public static String useExpandValue(String s) {
    String r = basic(s, NAME_MAX);
    if (r != null) {
      return r;
    }
    if (s.charAt(0) == '-') {
      return "a USE_EXPAND value cannot start with '-'; list only the values to enable";
    }
    return flag(s, "USE_EXPAND values", "a USE_EXPAND value", false);
  }

  private static String flag(String s, String what, String one, boolean expandHint) {
    String r = basic(s, NAME_MAX);
    if (r != null) {
      return r;
    }
    if (expandHint && s.indexOf(':') > 0 && s.indexOf(':') == s.length() - 1) {
      return "'NAME:' marks a USE_EXPAND group; set its values under make.vars (e.g. VIDEO_CARDS) instead";
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (i == 0 ? alnum(c) : useFlagChar(c)) {
        continue;
      }
      if (i == 0 && useFlagChar(c)) {
        return one + " starts with a letter or digit";
      }
      if (c == ' ') {
        return "contains a space; give one flag per list item";
      }
      return "contains " + describe(s, i) + "; " + what + " use letters, digits, '+', '_', '@' and '-'";
    }
    return null;
  }

  /**
   * An ACCEPT_KEYWORDS token: {@code arch}, {@code ~arch}, {@code -arch}, {@code **}, {@code *},
   * {@code ~*}, {@code -*}; arch is {@code [A-Za-z0-9_][A-Za-z0-9_-]*}.
   */
  public static String keyword(String s) {
    String r = basic(s, NAME_MAX);
    if (r != null) {
      return r;
    }
    switch (s) {
      case "**": case "*": case "~*": case "-*":
        return null;
      default:
        break;
    }
    String arch = s;
    if (s.charAt(0) == '~' || s.charAt(0) == '-') {
      arch = s.substring(1);
      if (arch.isEmpty()) {
        return "a '~' or '-' prefix alone names no architecture";
      }
      if (arch.equals("**")) {
        return "'**' accepts every keyword and takes no prefix";
      }
      if (arch.charAt(0) == '~' || arch.charAt(0) == '-') {
        return "has more than one prefix; write arch, ~arch or -arch";
      }
    }
    for (int i = 0; i < arch.length(); i++) {
      char c = arch.charAt(i);
      boolean ok = i == 0 ? alnum(c) || c == '_' : alnum(c) || c == '_' || c == '-';
      if (!ok) {
        if (c == ' ') {
          return "contains a space; give one keyword per list item";
        }
        if (i == 0 && c == '-') {
          return "an architecture name starts with a letter, digit or '_'";
        }
        return "contains " + describe(arch, i) + "; a keyword is an architecture name (letters, digits, '_' "
            + "and '-') with an optional '~' or '-' in front, or one of **, *, ~*, -*";
      }
    }
    return null;
  }

  /**
   * An ACCEPT_LICENSE / package.license token: a license name {@code [A-Za-z0-9_][A-Za-z0-9+_.-]*}
   * or {@code @GROUP}, each optionally negated with {@code -}, or {@code *} / {@code -*}.
   */
  public static String license(String s) {
    String r = basic(s, NAME_MAX);
    if (r != null) {
      return r;
    }
    if (s.equals("*") || s.equals("-*")) {
      return null;
    }
    String name = s.startsWith("-") ? s.substring(1) : s;
    String what = "license name";
    if (name.startsWith("@")) {
      name = name.substring(1);
      what = "license group name";
    }
    if (name.isEmpty()) {
      return "names no license";
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      boolean ok = i == 0 ? alnum(c) || c == '_' : alnum(c) || "+_.-".indexOf(c) >= 0;
      if (!ok) {
        if (c == ' ') {
          return "contains a space; give one license per list item";
        }
        if (i == 0 && "+.-@".indexOf(c) >= 0) {
          return "a " + what + " starts with a letter, digit or '_'";
        }
        return "contains " + describe(name, i) + "; a " + what
            + " uses letters, digits, '+', '_', '.' and '-'";
      }
    }
    return null;
  }

  /**
   * A catalyst profile: a path relative to {@code profiles/} (segments {@code [A-Za-z0-9_.+-]+}, no
   * {@code .}/{@code ..}, no empty segment), optionally prefixed {@code repo:}.
   */
  public static String profile(String s) {
    String r = basic(s, 1024);
    if (r != null) {
      return r;
    }
    String path = s;
    int colon = s.indexOf(':');
    if (colon >= 0) {
      String repo = s.substring(0, colon);
      path = s.substring(colon + 1);
      if (repo.isEmpty()) {
        return "':' separates a repository name from the path; the repository name is empty";
      }
      r = repoName(repo);
      if (r != null) {
        return "the repository name before ':' is invalid: " + r;
      }
      if (path.indexOf(':') >= 0) {
        return "has more than one ':'; write repo:path/under/profiles";
      }
      if (path.isEmpty()) {
        return "the path after ':' is empty";
      }
    }
    if (path.startsWith("/")) {
      return "is relative to the repository's profiles/ directory; drop the leading '/'";
    }
    if (path.startsWith("profiles/")) {
      return "is already relative to profiles/; drop the leading 'profiles/'";
    }
    return segments(path, "profile path", false, true);
  }

  /**
   * Checks '/'-separated segments of {@code [A-Za-z0-9_.+-]+}: no empty segment (a trailing '/' only
   * when allowed), no '.' or '..' segment.
   */
  private static String segments(String path, String what, boolean trailingSlashOk, boolean dotsForbidden) {
    int start = 0;
    int n = path.length();
    for (int i = 0; i <= n; i++) {
      if (i < n && path.charAt(i) != '/') {
        char c = path.charAt(i);
        if (!alnum(c) && "_.+-".indexOf(c) < 0) {
          return "contains " + describe(path, i) + "; a " + what
              + " uses letters, digits, '_', '.', '+', '-' and '/'";
        }
        continue;
      }
      int len = i - start;
      if (len == 0) {
        if (i == n && i > 0) {
          if (!trailingSlashOk) {
            return "ends with '/'";
          }
        } else {
          return "contains an empty segment ('//')";
        }
      } else if (dotsForbidden && (len == 1 && path.charAt(start) == '.'
          || len == 2 && path.charAt(start) == '.' && path.charAt(start + 1) == '.')) {
        return "contains a '.' or '..' segment; write the plain path";
      }
      start = i + 1;
    }
    return null;
  }

  /** A PMS repository name: {@code [A-Za-z0-9_][A-Za-z0-9_-]*}, not ending in '-' and a version. */
  public static String repoName(String s) {
    String r = basic(s, NAME_MAX);
    if (r != null) {
      return r;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean ok = i == 0 ? alnum(c) || c == '_' : alnum(c) || c == '_' || c == '-';
      if (!ok) {
        if (i == 0 && c == '-') {
          return "a repository name starts with a letter, digit or '_'";
        }
        return "contains " + describe(s, i) + "; repository names use letters, digits, '_' and '-'";
      }
    }
    if (Atom.endsWithVersion(s)) {
      return "a repository name cannot end in '-' followed by a version (PMS)";
    }
    return null;
  }

  // ============================================================== accounts

  /**
   * A password hash for /etc/shadow: {@code $6$}, {@code $5$} (with optional {@code rounds=N$}),
   * yescrypt {@code $y$}, bcrypt {@code $2b$}/{@code $2a$}/{@code $2y$}; the locked forms {@code !},
   * {@code *}, {@code !*}; or {@code !} before a valid hash (a locked account that keeps its hash).
   */
  public static String cryptHash(String s) {
    String r = basic(s, 1024);
    if (r != null) {
      return r;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c <= ' ' || c >= 0x7f) {
        return "contains " + describe(s, i) + "; a crypt hash is one word of printable ASCII";
      }
    }
    if (s.equals("!") || s.equals("*") || s.equals("!*")) {
      return null;
    }
    if (s.charAt(0) == '!') {
      String rest = s.substring(1);
      if (!rest.startsWith("$")) {
        return "'!' locks the account; what follows it must be a crypt hash ($6$..., $y$...), "
            + "never a plaintext password";
      }
      r = hashReason(rest);
      return r == null ? null : "after the lock mark '!': " + r;
    }
    if (s.charAt(0) == '*') {
      return "'*' locks the account on its own; to lock an account and keep its hash, put '!' in front";
    }
    if (s.charAt(0) != '$' || s.indexOf('$', 1) < 0) {
      return PLAINTEXT;
    }
    return hashReason(s);
  }

  private static String hashReason(String s) {
    int second = s.indexOf('$', 1);
    if (second < 0) {
      return PLAINTEXT;
    }
    String id = s.substring(1, second);
    String body = s.substring(second + 1);
    switch (id) {
      case "1":
        return "md5-crypt ($1$) is too weak; use sha-512 ($6$) or yescrypt ($y$), e.g. from "
            + "'mkpasswd -m sha-512'";
      case "6":
        return shaCrypt(body, 86, "sha-512", "$6$");
      case "5":
        return shaCrypt(body, 43, "sha-256", "$5$");
      case "y":
        return yescrypt(body);
      case "2b": case "2a": case "2y":
        return bcrypt(body);
      case "":
        return "has no hash scheme between the first two '$'";
      default:
        return "unsupported hash scheme; use sha-512 ($6$), sha-256 ($5$), yescrypt ($y$) or bcrypt ($2b$)";
    }
  }

  private static String shaCrypt(String body, int hashLen, String name, String prefix) {
    String form = "a " + name + " hash has the form " + prefix + "[rounds=N$]salt$hash";
    if (body.startsWith("rounds=")) {
      int d = body.indexOf('$');
      if (d < 0) {
        return form;
      }
      String n = body.substring("rounds=".length(), d);
      if (n.isEmpty() || n.length() > 9 || n.charAt(0) == '0' || !allDigits(n)
          || Integer.parseInt(n) < 1000) {
        return "rounds=N must be a number from 1000 to 999999999, without leading zeros";
      }
      body = body.substring(d + 1);
    }
    int d = body.indexOf('$');
    if (d < 0 || body.indexOf('$', d + 1) >= 0) {
      return form;
    }
    String salt = body.substring(0, d);
    String hash = body.substring(d + 1);
    if (salt.isEmpty()) {
      return "the salt is empty";
    }
    if (salt.length() > 16) {
      return "the salt is longer than 16 characters; sha-crypt would cut it and the hash would never match";
    }
    if (!allCryptB64(salt)) {
      return "the salt has a character outside ./0-9A-Za-z";
    }
    return hashPart(hash, hashLen, name);
  }

  private static String yescrypt(String body) {
    String form = "a yescrypt hash has the form $y$params$salt$hash, e.g. from 'mkpasswd -m yescrypt'";
    int d1 = body.indexOf('$');
    int d2 = d1 < 0 ? -1 : body.indexOf('$', d1 + 1);
    if (d1 < 0 || d2 < 0 || body.indexOf('$', d2 + 1) >= 0) {
      return form;
    }
    String params = body.substring(0, d1);
    String salt = body.substring(d1 + 1, d2);
    String hash = body.substring(d2 + 1);
    if (params.isEmpty() || params.length() > 32 || !allCryptB64(params)) {
      return "the yescrypt parameters (e.g. j9T) are missing or malformed";
    }
    if (salt.isEmpty()) {
      return "the salt is empty";
    }
    if (salt.length() > 86 || !allCryptB64(salt)) {
      return "the salt is malformed (up to 86 characters of ./0-9A-Za-z)";
    }
    return hashPart(hash, 43, "yescrypt");
  }

  private static String bcrypt(String body) {
    int d = body.indexOf('$');
    if (d != 2 || !digit(body.charAt(0)) || !digit(body.charAt(1))) {
      return "a bcrypt hash has the form $2b$NN$ and 53 characters, NN being the cost";
    }
    int cost = Integer.parseInt(body.substring(0, 2));
    if (cost < 4 || cost > 31) {
      return "the bcrypt cost is two digits from 04 to 31";
    }
    String rest = body.substring(3);
    if (rest.indexOf('$') >= 0) {
      return "a bcrypt hash has the form $2b$NN$ and 53 characters, NN being the cost";
    }
    return hashPart(rest, 53, "bcrypt");
  }

  private static String hashPart(String hash, int len, String name) {
    if (hash.length() != len) {
      return "the hash part has " + hash.length() + " characters; a " + name + " hash has " + len
          + " (a truncated copy?)";
    }
    if (!allCryptB64(hash)) {
      return "the hash part has a character outside ./0-9A-Za-z";
    }
    return null;
  }

  private static final List<String> SSH_TYPES = List.of("ssh-ed25519", "ssh-rsa", "ecdsa-sha2-nistp256",
      "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521", "sk-ssh-ed25519@openssh.com",
      "sk-ecdsa-sha2-nistp256@openssh.com");

  /**
   * One authorized_keys line without options: {@code <type> <base64> [comment]}. The base64 must
   * decode to a well-formed key of the named type (RSA at least 2048 bits); the comment may hold
   * printable characters and spaces.
   */
  public static String sshPublicKey(String s) {
    String r = basic(s, 16384);
    if (r != null) {
      return r;
    }
    if (s.contains("-----BEGIN") || s.contains("PuTTY-User-Key-File")) {
      return "looks like a private key; give the public key: the one line of the .pub file "
          + "('ssh-keygen -y -f <key>' prints it)";
    }
    if (s.startsWith("---- BEGIN SSH2 PUBLIC KEY")) {
      return "is in RFC 4716 (SSH2) format; convert it with 'ssh-keygen -i -f <file>'";
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\n' || c == '\r') {
        return "contains a line break; give one key per list item, on one line";
      }
      if (c == '\t') {
        return "contains a tab; separate the fields with spaces";
      }
      if (invisible(s, i)) {
        return "contains " + describe(s, i);
      }
    }
    if (s.charAt(0) == ' ') {
      return "starts with a space";
    }
    if (s.charAt(s.length() - 1) == ' ') {
      return "ends with a space";
    }
    int sp = s.indexOf(' ');
    String type = sp < 0 ? s : s.substring(0, sp);
    if (!SSH_TYPES.contains(type)) {
      if (type.startsWith("AAAA")) {
        return "starts with the key data; the key type (e.g. ssh-ed25519) must come first";
      }
      if (type.indexOf('=') >= 0 || type.indexOf(',') >= 0 || type.indexOf('"') >= 0
          || type.startsWith("no-") || type.equals("restrict") || type.equals("cert-authority")) {
        return "key options (from=, command=, no-pty, ...) are not supported; give only "
            + "'<type> <base64> [comment]'";
      }
      if (type.equals("ssh-dss")) {
        return "ssh-dss (DSA) keys are disabled in OpenSSH; use ssh-ed25519";
      }
      if (type.endsWith("-cert-v01@openssh.com")) {
        return "certificates are not supported; give the plain public key";
      }
      return "unknown key type; use ssh-ed25519, ssh-rsa, ecdsa-sha2-nistp256/384/521, "
          + "sk-ssh-ed25519@openssh.com or sk-ecdsa-sha2-nistp256@openssh.com";
    }
    if (sp < 0) {
      return "has no key data after the key type; a key line is '<type> <base64> [comment]'";
    }
    int b = sp;
    while (b < s.length() && s.charAt(b) == ' ') {
      b++;
    }
    int e = s.indexOf(' ', b);
    String b64 = e < 0 ? s.substring(b) : s.substring(b, e);
    for (int i = 0; i < b64.length(); i++) {
      char c = b64.charAt(i);
      if (!alnum(c) && c != '+' && c != '/' && c != '=') {
        return "the key data is not base64 (a damaged copy?)";
      }
    }
    byte[] blob;
    try {
      blob = Base64.getDecoder().decode(b64);
    } catch (IllegalArgumentException ex) {
      return "the key data is not valid base64 (a damaged copy?)";
    }
    return keyBlobReason(type, blob);
  }

  private static String keyBlobReason(String type, byte[] blob) {
    ByteBuffer in = ByteBuffer.wrap(blob);
    byte[] t = sshString(in);
    if (t == null) {
      return "the key data is truncated or damaged";
    }
    String inner = new String(t, StandardCharsets.ISO_8859_1);
    if (!inner.equals(type)) {
      return SSH_TYPES.contains(inner)
          ? "the key data is a " + inner + " key, not " + type + "; fix the type in front"
          : "the key data does not start with its key type (a damaged copy?)";
    }
    List<byte[]> fields = new ArrayList<>();
    while (in.hasRemaining()) {
      byte[] f = sshString(in);
      if (f == null) {
        return "the key data is truncated or damaged";
      }
      fields.add(f);
    }
    String bad = "the key data is truncated or damaged";
    switch (type) {
      case "ssh-ed25519":
        return fields.size() == 1 && fields.get(0).length == 32 ? null : bad;
      case "sk-ssh-ed25519@openssh.com":
        return fields.size() == 2 && fields.get(0).length == 32 ? null : bad;
      case "ssh-rsa": {
        if (fields.size() != 2 || fields.get(0).length == 0 || fields.get(1).length == 0) {
          return bad;
        }
        int bits = new BigInteger(1, fields.get(1)).bitLength();
        return bits >= 2048 ? null
            : "an RSA key of " + bits + " bits is too weak; use at least 2048 bits, or better ssh-ed25519";
      }
      default: {
        // ecdsa-sha2-nistpNNN and sk-ecdsa-sha2-nistp256@openssh.com
        boolean sk = type.startsWith("sk-");
        String curve = type.substring(type.indexOf("nistp"), type.indexOf("nistp") + 8);
        int coord = curve.equals("nistp256") ? 32 : curve.equals("nistp384") ? 48 : 66;
        if (fields.size() != (sk ? 3 : 2)
            || !new String(fields.get(0), StandardCharsets.ISO_8859_1).equals(curve)
            || fields.get(1).length != 1 + 2 * coord || fields.get(1)[0] != 4) {
          return bad;
        }
        return null;
      }
    }
  }

  private static byte[] sshString(ByteBuffer in) {
    if (in.remaining() < 4) {
      return null;
    }
    int len = in.getInt();
    if (len < 0 || len > in.remaining()) {
      return null;
    }
    byte[] out = new byte[len];
    in.get(out);
    return out;
  }

  /** A user name: {@code [a-z_][a-z0-9_-]*\$?}, at most 32 characters (shadow-utils default). */
  public static String userName(String s) {
    return accountName(s, "user");
  }

  /** A group name: the same grammar as {@link #userName}. */
  public static String groupName(String s) {
    return accountName(s, "group");
  }

  private static String accountName(String s, String what) {
    String r = basic(s, LONG_MAX);
    if (r != null) {
      return r;
    }
    if (s.length() > 32) {
      return "is longer than 32 characters";
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean ok = i == 0 ? lower(c) || c == '_'
          : lower(c) || digit(c) || c == '_' || c == '-' || c == '$' && i == s.length() - 1;
      if (ok) {
        continue;
      }
      if (c >= 'A' && c <= 'Z') {
        return "has uppercase letters; " + what + " names are lowercase";
      }
      if (i == 0 && (digit(c) || c == '-' || c == '$' || c == '.')) {
        return what + " names start with a lowercase letter or '_'";
      }
      if (c == '$') {
        return "'$' is only allowed as the last character";
      }
      return "contains " + describe(s, i) + "; " + what
          + " names use lowercase letters, digits, '_' and '-', with an optional '$' at the end";
    }
    return null;
  }

  // ============================================================== system

  /** An RFC 1123 host name: labels of 1-63 {@code [A-Za-z0-9-]}, not starting or ending in '-', 253 max. */
  public static String hostname(String s) {
    String r = basic(s, LONG_MAX);
    if (r != null) {
      return r;
    }
    if (s.length() > 253) {
      return "is longer than 253 characters";
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!alnum(c) && c != '-' && c != '.') {
        return "contains " + describe(s, i) + "; host names use letters, digits, '-' and '.' (RFC 1123)";
      }
    }
    if (s.endsWith(".")) {
      return "ends with '.'; give the name without the trailing dot";
    }
    int start = 0;
    for (int i = 0; i <= s.length(); i++) {
      if (i < s.length() && s.charAt(i) != '.') {
        continue;
      }
      int len = i - start;
      if (len == 0) {
        return "has an empty label (a leading '.' or '..')";
      }
      if (len > 63) {
        return "has a label longer than 63 characters";
      }
      if (s.charAt(start) == '-' || s.charAt(i - 1) == '-') {
        return "a label cannot start or end with '-'";
      }
      start = i + 1;
    }
    return null;
  }

  /** A zoneinfo name: {@code Area/City}, segments {@code [A-Za-z0-9_+-]+}, relative, starting with a letter. */
  public static String timezone(String s) {
    String r = basic(s, NAME_MAX);
    if (r != null) {
      return r;
    }
    if (s.startsWith("/")) {
      return "is absolute; give the name under /usr/share/zoneinfo, e.g. Europe/Berlin";
    }
    int start = 0;
    for (int i = 0; i <= s.length(); i++) {
      if (i < s.length() && s.charAt(i) != '/') {
        char c = s.charAt(i);
        if (c == '.') {
          return s.contains("..") ? "contains '..'" : "contains '.'; zone names have none";
        }
        if (!alnum(c) && "_+-".indexOf(c) < 0) {
          if (c == ' ') {
            return "contains a space; zone names use '_' instead, as in America/New_York";
          }
          return "contains " + describe(s, i) + "; zone names use letters, digits, '_', '+', '-' and '/'";
        }
        continue;
      }
      if (i == start) {
        return i == s.length() ? "ends with '/'" : "contains an empty segment ('//')";
      }
      start = i + 1;
    }
    if (!upper(s.charAt(0)) && !lower(s.charAt(0))) {
      return "a time zone name starts with a letter, as in UTC or Europe/Berlin";
    }
    return null;
  }

  /** A locale.gen line {@code <name> <charset>}: name {@code [A-Za-z0-9_.@-]+}, charset {@code [A-Za-z0-9_-]+}. */
  public static String locale(String s) {
    String r = basic(s, NAME_MAX);
    if (r != null) {
      return r;
    }
    int sp = s.indexOf(' ');
    if (sp < 0) {
      for (int i = 0; i < s.length(); i++) {
        if (s.charAt(i) < 0x20 || s.charAt(i) >= 0x7f) {
          return "contains " + describe(s, i);
        }
      }
      return "needs a name and a charset separated by one space, e.g. 'en_US.UTF-8 UTF-8'";
    }
    String name = s.substring(0, sp);
    String charset = s.substring(sp + 1);
    if (name.isEmpty()) {
      return "starts with a space";
    }
    if (charset.isEmpty()) {
      return "ends with a space; the charset is missing, e.g. 'en_US.UTF-8 UTF-8'";
    }
    if (charset.indexOf(' ') >= 0) {
      return charset.startsWith(" ") || charset.endsWith(" ") || charset.contains("  ")
          ? "separate the name and the charset with exactly one space"
          : "has more than two fields; a locale.gen line is '<name> <charset>'";
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      boolean ok = i == 0 ? Character.isLetter(c) && c < 0x80 : alnum(c) || "_.@-".indexOf(c) >= 0;
      if (!ok) {
        return i == 0 && c < 0x80 && c >= 0x20 ? "a locale name starts with a letter"
            : "contains " + describe(name, i) + " in the name; locale names use letters, digits, '_', '.', '@' and '-'";
      }
    }
    for (int i = 0; i < charset.length(); i++) {
      char c = charset.charAt(i);
      boolean ok = i == 0 ? alnum(c) : alnum(c) || c == '_' || c == '-';
      if (!ok) {
        return "contains " + describe(charset, i) + " in the charset; charsets use letters, digits, '_' and '-'";
      }
    }
    return null;
  }

  /** A console keymap: {@code [A-Za-z0-9_.-]+}, not starting with '.' or '-' (us, de-latin1, fr_CH). */
  public static String keymap(String s) {
    String r = basic(s, 64);
    if (r != null) {
      return r;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (alnum(c) || c == '_' || (i > 0 && (c == '.' || c == '-'))) {
        continue;
      }
      if (c == '.' || c == '-') {
        return "a keymap name starts with a letter, digit or '_'";
      }
      if (c == '/') {
        return "contains '/'; give the keymap name (e.g. de-latin1), not a path";
      }
      return "contains " + describe(s, i) + "; keymap names use letters, digits, '_', '.' and '-'";
    }
    return null;
  }

  /** An OpenRC service or systemd unit name: {@code [A-Za-z0-9_][A-Za-z0-9_.@-]*}, at most 255. */
  public static String serviceName(String s) {
    String r = basic(s, NAME_MAX);
    if (r != null) {
      return r;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean ok = i == 0 ? alnum(c) || c == '_' : alnum(c) || "_.@-".indexOf(c) >= 0;
      if (ok) {
        continue;
      }
      if (c == '|') {
        return "contains '|'; give the runlevel separately (runlevel:)";
      }
      if (c == '/') {
        return "contains '/'; give the service name, not a path";
      }
      if (i == 0 && (c == '.' || c == '-' || c == '@')) {
        return "a service name starts with a letter, digit or '_'";
      }
      return "contains " + describe(s, i) + "; service names use letters, digits, '_', '.', '@' and '-'";
    }
    return null;
  }

  /** An OpenRC runlevel: {@code [a-z][a-z0-9_-]*} (sysinit, boot, default, shutdown, nonetwork, ...). */
  public static String runlevel(String s) {
    String r = basic(s, 64);
    if (r != null) {
      return r;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean ok = i == 0 ? lower(c) : lower(c) || digit(c) || c == '_' || c == '-';
      if (ok) {
        continue;
      }
      if (c >= 'A' && c <= 'Z') {
        return "has uppercase letters; runlevels are lowercase";
      }
      if (i == 0) {
        return "a runlevel starts with a lowercase letter";
      }
      return "contains " + describe(s, i) + "; runlevels use lowercase letters, digits, '_' and '-'";
    }
    return null;
  }

  /** A catalyst boot/kernel name: {@code [A-Za-z0-9_]+} only. */
  public static String kernelName(String s) {
    String r = basic(s, 64);
    if (r != null) {
      return r;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (alnum(c) || c == '_') {
        continue;
      }
      if (c == '-' || c == '.') {
        return "contains '" + c + "'; catalyst handles only kernel names of letters, digits and '_': a name "
            + "with '-' or '.' takes different code paths in its Python and shell parts and the kernel "
            + "config is never copied";
      }
      return "contains " + describe(s, i) + "; kernel names use letters, digits and '_' only";
    }
    return null;
  }

  // ============================================================== digests and pins

  /** A sha512 digest: 128 hex digits, either case. */
  public static String sha512(String s) {
    return digest(s, 128, "sha512");
  }

  /** A sha256 digest: 64 hex digits, either case. */
  public static String sha256(String s) {
    return digest(s, 64, "sha256");
  }

  private static String digest(String s, int len, String name) {
    String r = basic(s, LONG_MAX);
    if (r != null) {
      return r;
    }
    String lowerS = s.toLowerCase(Locale.ROOT);
    if (lowerS.startsWith(name + ":") || lowerS.startsWith(name + "-") || lowerS.startsWith(name + "=")) {
      return "give the bare hex digest, without the '" + name + "' prefix";
    }
    int sp = s.indexOf(' ');
    if (sp == len && allHex(s.substring(0, len))) {
      return "looks like " + name + "sum output; give only the " + len + "-hex digest, without the file name";
    }
    for (int i = 0; i < s.length(); i++) {
      if (!hex(s.charAt(i))) {
        return "contains " + describe(s, i) + "; a " + name + " digest is " + len + " hex digits (0-9, a-f)";
      }
    }
    if (s.length() != len) {
      String other = s.length() == 64 ? " (the length of a sha256 digest)"
          : s.length() == 128 ? " (the length of a sha512 digest)"
          : s.length() == 40 ? " (the length of a sha1 digest)" : "";
      return "has " + s.length() + " hex digits" + other + "; a " + name + " digest has " + len;
    }
    return null;
  }

  /** A full git commit id: 40 lowercase hex digits. */
  public static String gitCommit(String s) {
    String r = basic(s, LONG_MAX);
    if (r != null) {
      return r;
    }
    boolean allHex = true;
    boolean upper = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= 'A' && c <= 'F') {
        upper = true;
      } else if (!hex(c)) {
        allHex = false;
        if (c < 0x20 || c >= 0x7f || " ;|&$`'\"\\#%".indexOf(c) >= 0) {
          return "contains " + describe(s, i) + "; a commit id is 40 hex digits";
        }
      }
    }
    if (!allHex) {
      return "a branch, tag or other ref is not pinned; give the full 40-hex commit id "
          + "('git rev-parse <ref>' prints it)";
    }
    if (s.length() < 40) {
      return "a full 40-hex commit id is needed so the build is pinned; 'git rev-parse <ref>' prints it";
    }
    if (s.length() > 40) {
      return "has " + s.length() + " hex digits; a git commit id has 40";
    }
    if (upper) {
      return "has uppercase hex digits; write the id in lowercase, as git prints it";
    }
    return null;
  }

  // ============================================================== URLs

  /**
   * An https URL: scheme https, a host, no user info, no fragment, and none of whitespace, quotes,
   * backslash, backtick, {@code $}, {@code ;}, control or non-ASCII characters.
   */
  public static String httpsUrl(String s) {
    return url(s, false);
  }

  /** A git repository URL: the same rules as {@link #httpsUrl} (ssh and git:// are refused). */
  public static String gitUrl(String s) {
    return url(s, true);
  }

  /**
   * The sync repository of {@code snapshot.repo}: an https URL as {@link #gitUrl}, or a local
   * mirror as {@code file:///absolute/path} (three slashes: no host; no query, fragment, empty,
   * {@code .} or {@code ..} segment; letters, digits and {@code / . _ + @ , = ~ % -}). OSB fetches
   * the pinned commit from either and verifies its signature the same way.
   */
  public static String snapshotRepoUrl(String s) {
    String r = basic(s, 2048);
    if (r != null) {
      return r;
    }
    if (!s.regionMatches(true, 0, "file:", 0, 5)) {
      r = gitUrl(s);
      return "only https URLs are allowed".equals(r) ? "only https:// URLs and local file:/// mirrors are allowed" : r;
    }
    if (!s.startsWith("file:")) {
      return "write the scheme in lowercase (file://)";
    }
    if (!s.startsWith("file://")) {
      return "needs '//' after the scheme, as in file:///srv/mirror/gentoo.git";
    }
    if (!s.startsWith("file:///")) {
      return "a file URL names a path on this machine: write file:///path (three slashes, no host)";
    }
    String path = s.substring("file://".length());
    for (int i = 0; i < path.length(); i++) {
      char c = path.charAt(i);
      if (alnum(c) || "/._+@,=~%-".indexOf(c) >= 0) {
        continue;
      }
      switch (c) {
        case '?':
          return "has a query ('?'); a file URL is a path only";
        case '#':
          return "has a fragment ('#'); a file URL is a path only";
        default:
          return "contains " + describe(path, i) + ", which is not allowed in a file URL; use the letters, digits "
              + "and / . _ + @ , = ~ % -";
      }
    }
    if (path.equals("/")) {
      return "names the root directory; give the path of the repository";
    }
    if (path.contains("//")) {
      return "contains an empty path segment ('//')";
    }
    for (String seg : path.substring(1).split("/")) {
      if (seg.equals(".") || seg.equals("..")) {
        return "contains a '" + seg + "' segment; give the repository's path without '.' or '..'";
      }
    }
    try {
      new URI(s);
    } catch (URISyntaxException e) {
      return "is not a valid URL (" + e.getReason().toLowerCase(Locale.ROOT) + ")";
    }
    return null;
  }

  private static String url(String s, boolean git) {
    String r = basic(s, 2048);
    if (r != null) {
      return r;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (alnum(c) || "-._~:/?[]@!&()*+,=%".indexOf(c) >= 0) {
        continue;
      }
      switch (c) {
        case ' ':
          return "contains a space; encode it as %20";
        case '#':
          return "has a fragment ('#'), which is never sent to the server; remove it";
        case '$':
          return "contains '$' (an unresolved variable?); write %24 if the URL really holds one";
        case ';':
          return "contains ';'; write %3B if the URL really holds one";
        default:
          return "contains " + describe(s, i) + ", which is not allowed in a URL"
              + (c >= 0x80 ? "; percent-encode it" : "");
      }
    }
    int colon = s.indexOf(':');
    int slash = s.indexOf('/');
    boolean hasScheme = colon > 0 && (slash < 0 || colon < slash) && s.startsWith("//", colon + 1);
    String scheme = hasScheme ? s.substring(0, colon) : null;
    if (scheme == null) {
      int at = s.indexOf('@');
      if (at > 0 && colon > at && (slash < 0 || colon < slash)) {
        return "an scp-style ssh address (user@host:path) is not supported; use the https URL";
      }
      if (s.startsWith("https:") || s.startsWith("http:")) {
        return "needs '//' after the scheme, as in https://host/path";
      }
      return "has no scheme; write https://host/path";
    }
    String lowerScheme = scheme.toLowerCase(Locale.ROOT);
    if (!scheme.equals("https")) {
      if (lowerScheme.equals("https")) {
        return "write the scheme in lowercase (https://)";
      }
      if (lowerScheme.equals("ssh") || lowerScheme.startsWith("git+ssh") || lowerScheme.startsWith("ssh+git")) {
        return "ssh URLs are not supported (the build has no keys); use the https URL";
      }
      if (lowerScheme.equals("git")) {
        return "git:// is unauthenticated; only https is allowed";
      }
      if (lowerScheme.equals("http") || lowerScheme.equals("ftp") || lowerScheme.equals("rsync")) {
        return "only https is allowed, so downloads are authenticated (" + lowerScheme + " is not)";
      }
      return "only https URLs are allowed";
    }
    URI uri;
    try {
      uri = new URI(s);
    } catch (URISyntaxException e) {
      return "is not a valid URL (" + e.getReason().toLowerCase(Locale.ROOT) + ")";
    }
    String authority = uri.getRawAuthority();
    if (uri.getRawUserInfo() != null || authority != null && authority.indexOf('@') >= 0) {
      return "contains credentials (user@ or user:password@); they would end up in rendered files and "
          + "logs, so they are not allowed";
    }
    String host = uri.getHost();
    if (host == null || host.isEmpty()) {
      if (authority != null && !authority.isEmpty()) {
        int c = authority.lastIndexOf(':');
        String h = c > 0 && allDigits(authority.substring(c + 1)) ? authority.substring(0, c) : authority;
        String hr = hostname(h);
        if (hr != null) {
          return "has an invalid host name: " + hr;
        }
      }
      return "has no valid host name";
    }
    if (!host.startsWith("[")) {
      String hr = hostname(host);
      if (hr != null) {
        return "has an invalid host name: " + hr;
      }
    }
    if (authority != null && authority.endsWith(":")) {
      return "has ':' but no port number";
    }
    if (uri.getPort() == 0 || uri.getPort() > 65535) {
      return "the port must be from 1 to 65535";
    }
    return null;
  }

  // ============================================================== make.conf and env files

  /** A make.conf variable name: {@code [A-Z_][A-Z0-9_]*}. */
  public static String makeVarName(String s) {
    return varName(s, "make.conf variable");
  }

  /**
   * A make.conf value, written as {@code NAME="value"}: printable ASCII on one line, no quotes,
   * backslash, backtick or {@code #}; {@code $} only in {@code ${NAME}} references. {@code ""} is valid.
   */
  public static String makeVarValue(String s) {
    return varValue(s);
  }

  /** A package.env env file variable name: the same grammar as {@link #makeVarName}. */
  public static String envVarName(String s) {
    return varName(s, "variable");
  }

  /** A value in a package.env env file (bash-sourced {@code NAME="value"}): as {@link #makeVarValue}. */
  public static String envVarValue(String s) {
    return varValue(s);
  }

  private static String varName(String s, String what) {
    String r = basic(s, 128);
    if (r != null) {
      return r;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean ok = i == 0 ? upper(c) || c == '_' : upper(c) || digit(c) || c == '_';
      if (ok) {
        continue;
      }
      if (lower(c)) {
        return "has lowercase letters; " + what + " names are uppercase, e.g. VIDEO_CARDS";
      }
      if (i == 0 && digit(c)) {
        return what + " names cannot start with a digit";
      }
      return "contains " + describe(s, i) + "; " + what + " names use A-Z, 0-9 and '_'";
    }
    return null;
  }

  private static String varValue(String s) {
    if (s == null) {
      return "is empty";
    }
    if (s.length() > 16384) {
      return tooLong(s, 16384);
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '\n': case '\r':
          return "contains a line break; the value must fit on one line";
        case '"': case '\'':
          return "contains a quote; the value is written inside double quotes and cannot hold quotes";
        case '\\':
          return "contains a backslash";
        case '`':
          return "contains a backtick (command substitution)";
        case '#':
          return "contains '#', which starts a comment where the value is reused (package.use, specs)";
        case '$': {
          if (i + 1 < s.length() && s.charAt(i + 1) == '(') {
            return "contains '$(' (command substitution)";
          }
          if (i + 1 >= s.length() || s.charAt(i + 1) != '{') {
            return "'$' is only allowed in ${NAME} references";
          }
          int j = i + 2;
          while (j < s.length() && (alnum(s.charAt(j)) || s.charAt(j) == '_')) {
            j++;
          }
          if (j == i + 2 || j >= s.length() || s.charAt(j) != '}' || digit(s.charAt(i + 2))) {
            return "'${' must be followed by a variable name and '}', as in ${CFLAGS}";
          }
          i = j;
          continue;
        }
        default:
          if (c < 0x20 || c == 0x7f) {
            return "contains " + describe(s, i);
          }
          if (c >= 0x80) {
            return "contains " + describe(s, i) + "; values are ASCII";
          }
      }
    }
    return null;
  }

  /** A file name under /etc/portage/env: {@code [A-Za-z0-9_][A-Za-z0-9_.+-]*}, no slash. */
  public static String envFileName(String s) {
    String r = basic(s, NAME_MAX);
    if (r != null) {
      return r;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean ok = i == 0 ? alnum(c) || c == '_' : alnum(c) || "_.+-".indexOf(c) >= 0;
      if (ok) {
        continue;
      }
      if (c == '/') {
        return "contains '/'; give a file name under /etc/portage/env, not a path";
      }
      if (i == 0 && ".+-".indexOf(c) >= 0) {
        return "an env file name starts with a letter, digit or '_'";
      }
      return "contains " + describe(s, i) + "; env file names use letters, digits, '_', '.', '+' and '-'";
    }
    return null;
  }

  /**
   * Compiler flags (common_flags, cflags, ...): space-separated tokens {@code -[A-Za-z0-9=_.,+:/-]+};
   * {@code -march=native}, {@code -mtune=native}, {@code -mcpu=native} are refused.
   */
  public static String compilerFlags(String s) {
    String r = basic(s, LONG_MAX);
    if (r != null) {
      return r;
    }
    int n = s.length();
    int i = 0;
    boolean any = false;
    while (i < n) {
      if (s.charAt(i) == ' ') {
        i++;
        continue;
      }
      int start = i;
      while (i < n && s.charAt(i) != ' ') {
        char c = s.charAt(i);
        if (c == '\t') {
          return "contains a tab; separate flags with spaces";
        }
        if (c == '$') {
          return "contains '$'; give the flags literally";
        }
        if (!alnum(c) && "=_.,+:/-".indexOf(c) < 0) {
          return "contains " + describe(s, i) + "; compiler flags use letters, digits and = _ . , + : / -";
        }
        i++;
      }
      String tok = s.substring(start, i);
      any = true;
      if (tok.charAt(0) != '-') {
        return (tok.equals(s.trim()) ? "is" : "'" + clip(tok) + "' is") + " not a flag; compiler flags start with '-'";
      }
      if (tok.length() == 1) {
        return "'-' alone is not a flag";
      }
      switch (tok) {
        case "-march=native":
          return "'-march=native' builds for the build machine's CPU; name a real target such as "
              + "-march=x86-64-v3";
        case "-mtune=native":
          return "'-mtune=native' tunes for the build machine's CPU; name a real target such as "
              + "-mtune=generic";
        case "-mcpu=native":
          return "'-mcpu=native' builds for the build machine's CPU; name a real target such as "
              + "-mcpu=cortex-a72";
        default:
          break;
      }
    }
    return any ? null : "is empty";
  }

  /** A CHOST: a GNU triplet or quadruplet {@code [a-z0-9_.]+(-[a-z0-9_.]+){2,3}}. */
  public static String chost(String s) {
    String r = basic(s, 128);
    if (r != null) {
      return r;
    }
    int parts = 1;
    int start = 0;
    for (int i = 0; i <= s.length(); i++) {
      if (i < s.length() && s.charAt(i) != '-') {
        char c = s.charAt(i);
        if (c >= 'A' && c <= 'Z') {
          return "has uppercase letters; a CHOST is lowercase, e.g. x86_64-pc-linux-gnu";
        }
        if (!lower(c) && !digit(c) && c != '_' && c != '.') {
          return "contains " + describe(s, i) + "; a CHOST uses a-z, 0-9, '_', '.' and '-'";
        }
        continue;
      }
      if (i == start) {
        return "has an empty part; a CHOST looks like x86_64-pc-linux-gnu";
      }
      if (s.charAt(start) == '.') {
        return "a CHOST part cannot start with '.'";
      }
      if (i < s.length()) {
        parts++;
      }
      start = i + 1;
    }
    if (parts < 3) {
      return "has too few parts; a CHOST is arch-vendor-os[-libc], e.g. x86_64-pc-linux-gnu";
    }
    if (parts > 4) {
      return "has too many parts; a CHOST is arch-vendor-os[-libc], e.g. x86_64-pc-linux-gnu";
    }
    return null;
  }

  /** A FEATURES token: optional {@code -}, then {@code [a-z0-9][a-z0-9-]*}. */
  public static String feature(String s) {
    String r = basic(s, 64);
    if (r != null) {
      return r;
    }
    String f = s.charAt(0) == '-' ? s.substring(1) : s;
    if (f.isEmpty()) {
      return "'-' alone names no feature";
    }
    for (int i = 0; i < f.length(); i++) {
      char c = f.charAt(i);
      boolean ok = i == 0 ? lower(c) || digit(c) : lower(c) || digit(c) || c == '-';
      if (ok) {
        continue;
      }
      if (c >= 'A' && c <= 'Z') {
        return "has uppercase letters; FEATURES are lowercase";
      }
      if (c == ' ') {
        return "contains a space; give one feature per list item";
      }
      if (i == 0) {
        return "a feature name starts with a lowercase letter or digit";
      }
      return "contains " + describe(f, i) + "; features use lowercase letters, digits and '-'";
    }
    return null;
  }

  /** MAKEOPTS: space-separated make options ({@code -j8}, {@code -l8}, {@code --jobs=8}, ...) or numbers. */
  public static String makeopts(String s) {
    String r = basic(s, 1024);
    if (r != null) {
      return r;
    }
    int n = s.length();
    int i = 0;
    boolean any = false;
    while (i < n) {
      if (s.charAt(i) == ' ') {
        i++;
        continue;
      }
      int start = i;
      while (i < n && s.charAt(i) != ' ') {
        char c = s.charAt(i);
        if (!alnum(c) && "=._-".indexOf(c) < 0) {
          return "contains " + describe(s, i) + "; MAKEOPTS are options such as -j8 -l8 --load-average=4.5";
        }
        i++;
      }
      any = true;
      String tok = s.substring(start, i);
      r = makeoptToken(tok, tok.equals(s.trim()));
      if (r != null) {
        return r;
      }
    }
    return any ? null : "is empty";
  }

  private static String makeoptToken(String t, boolean whole) {
    String quoted = whole ? "is" : "'" + clip(t) + "' is";
    if (t.charAt(0) != '-') {
      return isNumber(t) ? null : quoted + " neither an option nor a number";
    }
    if (t.length() == 1 || t.equals("--")) {
      return "'" + t + "' alone is not an option";
    }
    if (t.startsWith("-j") && t.length() > 2 || t.startsWith("--jobs=")) {
      String v = t.substring(t.startsWith("-j") ? 2 : "--jobs=".length());
      if (!allDigits(v) || v.isEmpty() || v.length() > 6 || Integer.parseInt(v) == 0) {
        return "the job count must be a whole number of at least 1, as in -j8";
      }
    }
    if (t.startsWith("-l") && t.length() > 2 || t.startsWith("--load-average=") || t.startsWith("--max-load=")) {
      String v = t.substring(t.startsWith("-l") ? 2 : t.indexOf('=') + 1);
      if (!isNumber(v)) {
        return "the load average must be a number, as in -l8 or --load-average=4.5";
      }
    }
    if (!alnum(t.charAt(t.startsWith("--") ? 2 : 1))) {
      return quoted + " not an option";
    }
    return null;
  }

  /**
   * One emerge option token (kernel emerge_options): {@code --long-opt}, {@code --long-opt=value},
   * {@code -x}, or a bare value such as {@code n}; no glob or shell characters.
   */
  public static String emergeOption(String s) {
    String r = basic(s, NAME_MAX);
    if (r != null) {
      return r;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (alnum(c) || "_.,=/:+@-".indexOf(c) >= 0) {
        continue;
      }
      if (c == ' ') {
        return "contains a space; give each option and each value as its own list item";
      }
      if ("*?[]".indexOf(c) >= 0) {
        return "contains '" + c + "'; catalyst passes these options to the shell unquoted, so glob "
            + "characters are not allowed";
      }
      return "contains " + describe(s, i) + "; emerge options use letters, digits and _ . , = / : + @ -";
    }
    if (s.startsWith("--")) {
      int eq = s.indexOf('=');
      String name = eq < 0 ? s.substring(2) : s.substring(2, eq);
      if (name.isEmpty() || !lower(name.charAt(0))) {
        return "a long option is --name or --name=value, the name starting with a lowercase letter";
      }
      for (int i = 0; i < name.length(); i++) {
        char c = name.charAt(i);
        if (!lower(c) && !digit(c) && c != '-') {
          return "a long option name uses lowercase letters, digits and '-'";
        }
      }
      if (eq >= 0 && eq == s.length() - 1) {
        return "'=' is followed by no value";
      }
      return null;
    }
    if (s.startsWith("-")) {
      if (s.length() == 1) {
        return "'-' alone is not an option";
      }
      for (int i = 1; i < s.length(); i++) {
        if (!alnum(s.charAt(i)) || i == 1 && !Character.isLetter(s.charAt(i))) {
          return "a short option is '-' and letters, as in -u or -uDN";
        }
      }
    }
    return null;
  }

  /** One dracut argument token: {@code --xz}, {@code -a}, {@code dmsquash-live}, {@code /lib/keymaps}. */
  public static String dracutArg(String s) {
    String r = basic(s, NAME_MAX);
    if (r != null) {
      return r;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (alnum(c) || "_.,=/:+@-".indexOf(c) >= 0) {
        continue;
      }
      if (c == ' ') {
        return "contains a space; give each argument as its own list item (e.g. '-a' and 'dmsquash-live')";
      }
      return "contains " + describe(s, i) + "; dracut arguments use letters, digits and _ . , = / : + @ -";
    }
    if (s.equals("-") || s.equals("--")) {
      return "'" + s + "' alone is not an argument";
    }
    return null;
  }

  // ============================================================== paths

  /**
   * An absolute path in the target system: starts with '/', no '.'/'..' segment, no '//', characters
   * {@code [A-Za-z0-9._+@,=-]} and '/'. A trailing '/' is allowed.
   */
  public static String absolutePath(String s) {
    return path(s, true, false);
  }

  /** As {@link #absolutePath}, plus the globs {@code *}, {@code ?} and {@code [...]}; not '/' alone. */
  public static String absolutePathGlob(String s) {
    String r = path(s, true, true);
    if (r == null && s.equals("/")) {
      return "'/' alone would match the whole file system";
    }
    return r;
  }

  /**
   * A project-relative path: not absolute, the characters of {@link #absolutePath}, '..' allowed (the
   * caller checks containment), no empty segment except a trailing '/'.
   */
  public static String relativePath(String s) {
    return path(s, false, false);
  }

  private static String path(String s, boolean absolute, boolean glob) {
    String r = basic(s, LONG_MAX);
    if (r != null) {
      return r;
    }
    if (s.charAt(0) == '~') {
      return "'~' is not expanded; write the full path";
    }
    if (absolute && s.charAt(0) != '/') {
      return "is not absolute; it must start with '/'";
    }
    if (!absolute && s.charAt(0) == '/') {
      return "is absolute; give a path relative to the project directory";
    }
    int n = s.length();
    int start = 0;
    for (int i = 0; i <= n; i++) {
      if (i < n && s.charAt(i) != '/') {
        char c = s.charAt(i);
        if (alnum(c) || "._+@,=-".indexOf(c) >= 0) {
          continue;
        }
        if (glob && (c == '*' || c == '?')) {
          continue;
        }
        if (glob && c == '[') {
          int j = i + 1;
          if (j < n && (s.charAt(j) == '!' || s.charAt(j) == '^')) {
            j++;
          }
          int contentStart = j;
          while (j < n && s.charAt(j) != ']' && (alnum(s.charAt(j)) || "._+@,=-".indexOf(s.charAt(j)) >= 0)) {
            j++;
          }
          if (j >= n || s.charAt(j) != ']') {
            return "has '[' without a closing ']' in the same segment (a [...] class holds letters, digits and . _ + @ , = -)";
          }
          if (j == contentStart) {
            return "has an empty [] class";
          }
          i = j;
          continue;
        }
        return pathCharReason(s, i, glob);
      }
      int len = i - start;
      if (len == 0) {
        if (i == 0 && absolute) {
          start = 1;
          continue;
        }
        if (i == n) {
          if (!absolute && n == 0) {
            return "is empty";
          }
          break;
        }
        return "contains an empty segment ('//')";
      }
      boolean dot = len == 1 && s.charAt(start) == '.';
      boolean dotdot = len == 2 && s.charAt(start) == '.' && s.charAt(start + 1) == '.';
      if (absolute && (dot || dotdot)) {
        return "contains a '.' or '..' segment; write the plain path";
      }
      start = i + 1;
    }
    return null;
  }

  private static String pathCharReason(String s, int i, boolean glob) {
    char c = s.charAt(i);
    switch (c) {
      case ' ':
        return "contains a space; paths with whitespace are not supported (catalyst splits its lists on whitespace)";
      case ':':
        return "contains ':', which catalyst's spec parser would read as a new key";
      case '#':
        return "contains '#', which starts a comment in catalyst specs";
      case '$':
        return "contains '$'; paths are literal, there is no variable expansion";
      case '*': case '?': case '[': case ']':
        return glob ? "has ']' without an opening '['" : "contains '" + c + "'; wildcards are not allowed here";
      default:
        return "contains " + describe(s, i) + ", which is not allowed in a path (letters, digits, '/' and "
            + ". _ + @ , = -" + (glob ? ", plus the globs * ? [...]" : "") + ")";
    }
  }

  /** An octal file mode {@code 0?[0-7]{3,4}}: 644, 0755, 4755, 0440. */
  public static String fileMode(String s) {
    String r = basic(s, 64);
    if (r != null) {
      return r;
    }
    if (s.startsWith("0o") || s.startsWith("0O")) {
      return "write the mode without '0o', e.g. 0755";
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '8' || c == '9') {
        return "'" + c + "' is not an octal digit; a mode uses 0-7, e.g. 0644";
      }
      if (c < '0' || c > '7') {
        return "is not an octal mode; give 3 or 4 octal digits, e.g. 0644 or 0755";
      }
    }
    if (s.length() < 3) {
      return "has too few digits; give 3 or 4 octal digits, e.g. 0644 or 0755";
    }
    if (s.length() > 5 || s.length() == 5 && s.charAt(0) != '0') {
      return "has too many digits; give 3 or 4 octal digits, e.g. 0644 or 4755";
    }
    return null;
  }

  // ============================================================== OSB names

  /** A variant name: {@code [a-z0-9][a-z0-9_-]*}, at most 64 characters. */
  public static String variantName(String s) {
    return osbName(s, "variant");
  }

  /** A build name: the grammar of {@link #variantName}. */
  public static String buildName(String s) {
    return osbName(s, "build");
  }

  /** The os.yaml {@code name}: the grammar of {@link #variantName}. */
  public static String osName(String s) {
    return osbName(s, "OS");
  }

  private static String osbName(String s, String what) {
    String r = basic(s, LONG_MAX);
    if (r != null) {
      return r;
    }
    if (s.length() > 64) {
      return "is longer than 64 characters";
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean ok = i == 0 ? lower(c) || digit(c) : lower(c) || digit(c) || c == '_' || c == '-';
      if (ok) {
        continue;
      }
      if (c >= 'A' && c <= 'Z') {
        return "has uppercase letters; " + what + " names are lowercase";
      }
      if (i == 0 && (c == '_' || c == '-')) {
        return "a name starts with a lowercase letter or digit";
      }
      return "contains " + describe(s, i) + "; names use a-z, 0-9, '_' and '-'";
    }
    return null;
  }

  // ============================================================== did you mean

  /**
   * The candidate closest to {@code bad} by optimal-string-alignment Damerau-Levenshtein distance,
   * compared case-insensitively. A candidate qualifies when its distance is at most
   * {@code clamp(len(bad) / 3, 1, 4)} and smaller than the longer of the two lengths (so one letter
   * never "corrects" to another). Without such a candidate, a unique-best prefix match is used: when
   * {@code bad} has at least 3 characters and is a prefix of candidates, the shortest one. Ties go to
   * the alphabetically first candidate. Inputs over 256 characters get no suggestion.
   */
  public static Optional<String> didYouMean(String bad, Collection<String> candidates) {
    if (bad == null || candidates == null || bad.isEmpty() || bad.length() > 256) {
      return Optional.empty();
    }
    String b = bad.toLowerCase(Locale.ROOT);
    int limit = Math.max(1, Math.min(4, b.length() / 3));
    String best = null;
    int bestDist = Integer.MAX_VALUE;
    String prefixBest = null;
    for (String c : candidates) {
      if (c == null || c.isEmpty() || c.length() > 256) {
        continue;
      }
      String lc = c.toLowerCase(Locale.ROOT);
      if (Math.abs(lc.length() - b.length()) <= limit) {
        int d = osa(b, lc);
        if (d <= limit && d < Math.max(b.length(), lc.length())
            && (d < bestDist || d == bestDist && c.compareTo(best) < 0)) {
          best = c;
          bestDist = d;
        }
      }
      if (b.length() >= 3 && lc.startsWith(b) && lc.length() > b.length()
          && (prefixBest == null || c.length() < prefixBest.length()
              || c.length() == prefixBest.length() && c.compareTo(prefixBest) < 0)) {
        prefixBest = c;
      }
    }
    return Optional.ofNullable(best != null ? best : prefixBest);
  }

  /** Optimal string alignment distance (Damerau-Levenshtein with adjacent transpositions). */
  private static int osa(String a, String b) {
    int n = a.length();
    int m = b.length();
    int[] prev2 = new int[m + 1];
    int[] prev = new int[m + 1];
    int[] cur = new int[m + 1];
    for (int j = 0; j <= m; j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= n; i++) {
      cur[0] = i;
      for (int j = 1; j <= m; j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        int v = Math.min(Math.min(prev[j] + 1, cur[j - 1] + 1), prev[j - 1] + cost);
        if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
          v = Math.min(v, prev2[j - 2] + 1);
        }
        cur[j] = v;
      }
      int[] t = prev2;
      prev2 = prev;
      prev = cur;
      cur = t;
    }
    return prev[m];
  }

  // ============================================================== shared helpers

  /** Null/empty and length cap: the checks every grammar starts with. */
  static String basic(String s, int max) {
    if (s == null || s.isEmpty()) {
      return "is empty";
    }
    if (s.length() > max) {
      return tooLong(s, max);
    }
    return null;
  }

  private static String tooLong(String s, int max) {
    return "is too long (" + s.length() + " characters; at most " + max + ")";
  }

  /** A readable name for the character at {@code i}, never the raw control character itself. */
  static String describe(String s, int i) {
    int cp = s.codePointAt(i);
    switch (cp) {
      case '\n':
        return "a newline";
      case '\r':
        return "a carriage return";
      case '\t':
        return "a tab";
      case 0:
        return "a NUL character";
      case ' ':
        return "a space";
      case '"':
        return "a double quote";
      case '\'':
        return "a single quote";
      case '`':
        return "a backtick";
      case '\\':
        return "a backslash";
      default:
        break;
    }
    if (cp < 0x20 || cp >= 0x7f && cp < 0xa0) {
      return String.format(Locale.ROOT, "a control character (U+%04X)", cp);
    }
    if (cp >= 0x80) {
      return String.format(Locale.ROOT, "a non-ASCII character (U+%04X)", cp);
    }
    return "'" + (char) cp + "'";
  }

  /** Control, format (bidi overrides, zero-width), separator, surrogate and unassigned characters. */
  private static boolean invisible(String s, int i) {
    char c = s.charAt(i);
    if (c < 0x20 || c == 0x7f) {
      return true;
    }
    if (c < 0x80) {
      return false;
    }
    if (Character.isHighSurrogate(c)) {
      return i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1));
    }
    if (Character.isLowSurrogate(c)) {
      return i == 0 || !Character.isHighSurrogate(s.charAt(i - 1));
    }
    int t = Character.getType(c);
    return t == Character.CONTROL || t == Character.FORMAT || t == Character.LINE_SEPARATOR
        || t == Character.PARAGRAPH_SEPARATOR || t == Character.UNASSIGNED || t == Character.PRIVATE_USE
        || t == Character.SPACE_SEPARATOR;
  }

  private static String clip(String t) {
    return t.length() > 40 ? t.substring(0, 40) + "..." : t;
  }

  static boolean alnum(char c) {
    return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9';
  }

  static boolean digit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean lower(char c) {
    return c >= 'a' && c <= 'z';
  }

  private static boolean upper(char c) {
    return c >= 'A' && c <= 'Z';
  }

  private static boolean hex(char c) {
    return digit(c) || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
  }

  static boolean useFlagChar(char c) {
    return alnum(c) || c == '+' || c == '_' || c == '@' || c == '-';
  }

  private static boolean allDigits(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (!digit(s.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  private static boolean allHex(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (!hex(s.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  private static boolean allCryptB64(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!alnum(c) && c != '.' && c != '/') {
        return false;
      }
    }
    return true;
  }

  private static boolean isNumber(String v) {
    int dot = v.indexOf('.');
    if (dot < 0) {
      return !v.isEmpty() && v.length() <= 9 && allDigits(v);
    }
    String a = v.substring(0, dot);
    String b = v.substring(dot + 1);
    return !a.isEmpty() && !b.isEmpty() && a.length() <= 9 && b.length() <= 9 && allDigits(a) && allDigits(b);
  }
}
