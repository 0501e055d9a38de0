package dev.osb.build.verify;

import dev.osb.build.verify.VerifyReport.Check;
import dev.osb.model.DracutArgs;
import dev.osb.model.Init;
import dev.osb.model.Kernel;
import dev.osb.model.Libc;
import dev.osb.model.OsConfig;
import dev.osb.model.PackageSpec;
import dev.osb.model.Services;
import dev.osb.model.User;
import dev.osb.plan.Build;
import dev.osb.plan.Fsscript;
import dev.osb.plan.Plan;
import dev.osb.plan.PortageFile;
import dev.osb.validate.Atom;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * osb:verify's engine: reads a produced stage tarball and checks that it holds what os.yaml asked
 * for. Catalyst can fail silently (a failing {@code rc-update add} is only logged, a user step can
 * be skipped), so this is the guard after every build.
 *
 * <p>What is expected comes from the build's {@link Fsscript} and spec (make.conf, portage files,
 * build-only prefix) and from the effective {@link OsConfig}: for a variant the variant's full
 * configuration (its parent merged with its own keys), never the delta its fsscript holds. Every
 * message names the difference and where os.yaml asked for the value. Password hashes are never
 * printed: a hash from a secret is only checked to be a crypt hash, and a hash that differs is
 * described by its scheme.
 *
 * <p>This class does not import Maven; a Mojo turns the report into a build failure and writes
 * {@link VerifyReport#toJUnitXml(String)}.
 */
public final class StageVerifier {

  /** A crypt(3) hash of a scheme shadow accepts, possibly locked with a leading {@code !}. */
  static final Pattern CRYPT = Pattern.compile("!?\\$(1|2[abxy]|5|6|7|y|gy|sha1)\\$[./A-Za-z0-9$,=+-]{8,}");

  /** The directories catalyst cleans below the portage_prefix (reference/catalyst.md, portage_prefix). */
  static final List<String> PREFIX_DIRS = dev.osb.catalyst.KeyTables.PREFIX_CLEANED_DIRS;

  /** systemd unit suffixes; a name without one is a {@code .service}. */
  static final Set<String> UNIT_SUFFIXES = Set.of(".service", ".socket", ".timer", ".target", ".mount",
      ".automount", ".path", ".slice", ".scope", ".swap", ".device");

  private static final Set<String> STAGES = Set.of("stage1", "stage2", "stage3", "stage4");

  private final Build build;
  private final OsConfig c;
  private final Fsscript fs;
  private final Tarball tar;
  private final List<Check> checks = new ArrayList<>();
  private final Set<String> names = new HashSet<>();

  private final Map<String, Passwd> passwd = new LinkedHashMap<>();
  private final Map<String, Group> groups = new LinkedHashMap<>();
  private final Map<String, String> shadow = new LinkedHashMap<>();

  private record Passwd(String name, String uid, String gid, String gecos, String home, String shell) {}

  private record Group(String name, String gid, List<String> members) {}

  private StageVerifier(Build build, OsConfig c, Tarball tar) {
    this.build = build;
    this.c = c;
    this.fs = build.fsscript();
    this.tar = tar;
  }

  /**
   * Verifies {@code tarball}, the output of {@code build}.
   *
   * @param os the os.yaml's configuration (for a variant build, the top-level one or the variant's
   *     own; the variant's full effective configuration is used either way)
   * @param plan the plan {@code build} belongs to
   * @return every check; a tarball that cannot be read gives one failed check saying why
   * @throws IllegalArgumentException when {@code build} is not one of {@code plan}'s builds
   */
  public static VerifyReport verify(Path tarball, Build build, Plan plan, OsConfig os) {
    if (plan.build(build.id()) != build) {
      throw new IllegalArgumentException("build " + build.id() + " is not a build of this plan");
    }
    OsConfig c = effective(build, os);
    String name = tarball.getFileName() == null ? tarball.toString() : tarball.getFileName().toString();
    if (!STAGES.contains(build.target())) {
      return new VerifyReport(build.id(), name, List.of(new Check("stage tarball", false, "a stage tarball",
          "target " + build.target(), "build " + build.id() + " (target " + build.target()
          + ") does not produce a stage tarball; osb:verify checks stage1-4 tarballs only")));
    }
    Set<String> keep = wanted(build, c);
    Set<String> slotPkgs = slotPackages(c);
    Tarball tar;
    try {
      tar = Tarball.read(tarball, p -> keep.contains(p) || isSlotFile(p, slotPkgs));
    } catch (IOException | RuntimeException e) {
      return new VerifyReport(build.id(), name, List.of(new Check("read tarball", false,
          "a readable stage tarball", String.valueOf(e.getMessage()),
          "cannot read " + tarball + ": " + e.getMessage())));
    }
    StageVerifier v = new StageVerifier(build, c, tar);
    v.run();
    return new VerifyReport(build.id(), name, v.checks);
  }

  /** The configuration a build's tarball must match: a variant's full effective configuration. */
  static OsConfig effective(Build build, OsConfig os) {
    if (build.kind() == Build.Kind.VARIANT) {
      OsConfig v = os.variants().get(build.id());
      if (v != null) {
        return v;
      }
    }
    return os;
  }

  private void run() {
    pass("read tarball", "a readable stage tarball", tar.entries().size() + " members", null);
    owners();
    boolean stage4 = fs != null;
    if (stage4) {
      accounts();
      system();
      services();
    }
    portage();
    if (stage4) {
      world();
      overlay();
      removals();
    }
  }

  // ================================================================== what to read

  /** The regular files whose content the checks read. */
  private static Set<String> wanted(Build build, OsConfig c) {
    Set<String> w = new HashSet<>(List.of("/etc/passwd", "/etc/group", "/etc/shadow", "/etc/conf.d/hostname",
        "/etc/hostname", "/etc/timezone", "/etc/locale.gen", "/etc/env.d/02locale", "/etc/locale.conf",
        "/etc/conf.d/keymaps", "/etc/vconsole.conf", "/etc/portage/make.conf", "/var/lib/portage/world",
        "/etc/dracut.conf.d/osb.conf"));
    for (User u : c.users()) {
      w.add(home(u) + "/.ssh/authorized_keys");
    }
    for (PortageFile f : build.portage()) {
      w.add(TarReader.normalize("/etc/portage/" + f.path()));
    }
    if (build.fsscript() != null) {
      for (Fsscript.RepoStanza r : build.fsscript().repos()) {
        w.add("/etc/portage/repos.conf/" + r.name() + ".conf");
      }
    }
    if (c.files().overlay() != null && Files.isDirectory(c.files().overlay())) {
      for (Path p : overlayEntries(c.files().overlay())) {
        if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
          w.add(overlayPath(c.files().overlay(), p));
        }
      }
    }
    return w;
  }

  /** {@code /var/db/pkg/<cat>/<pn>-} of the unmerge atoms that name a slot: their SLOT files are read. */
  private static Set<String> slotPackages(OsConfig c) {
    Set<String> out = new HashSet<>();
    for (String u : c.unmerge()) {
      Atom a = atom(u);
      if (a != null && a.slot() != null) {
        out.add("/var/db/pkg/" + a.category() + "/" + a.packageName() + "-");
      }
    }
    return out;
  }

  private static boolean isSlotFile(String path, Set<String> prefixes) {
    if (prefixes.isEmpty() || !path.endsWith("/SLOT")) {
      return false;
    }
    return prefixes.stream().anyMatch(path::startsWith);
  }

  // ================================================================== checks

  private void add(Check ch) {
    String n = ch.name();
    for (int i = 2; !names.add(n); i++) {
      n = ch.name() + " (" + i + ")";
    }
    checks.add(n.equals(ch.name()) ? ch : new Check(n, ch.passed(), ch.expected(), ch.actual(), ch.detail()));
  }

  private void pass(String name, String expected, String actual, String note) {
    add(new Check(name, true, expected, actual, note));
  }

  private void fail(String name, String expected, String actual, String message) {
    add(new Check(name, false, expected, actual, message));
  }

  private void check(String name, boolean ok, String expected, String actual, String message) {
    add(new Check(name, ok, expected, actual, ok ? null : message));
  }

  // ------------------------------------------------------------------ ownership of / and /etc

  /** Catalyst's rsync of a root overlay or confdir hands / and /etc the copy's owner. */
  private void owners() {
    for (String p : List.of("/", "/etc")) {
      TarEntry e = tar.get(p);
      if (e == null) {
        continue; // tar writers may leave out the directories above members
      }
      boolean ok = e.uid() == 0 && e.gid() == 0;
      check("owner of " + p, ok, "0:0 (root)", e.uid() + ":" + e.gid(),
          p + " is owned by " + e.uid() + ":" + e.gid() + ", expected root (0:0): a copy of the root overlay or "
          + "portage tree that was not root-owned handed " + p + " its owner");
    }
  }

  // ------------------------------------------------------------------ accounts

  private void accounts() {
    String passwdText = tableFile("/etc/passwd");
    String groupText = tableFile("/etc/group");
    String shadowText = tableFile("/etc/shadow");
    List<String> dupes = new ArrayList<>();
    for (String[] f : rows(passwdText, 7)) {
      if (passwd.putIfAbsent(f[0], new Passwd(f[0], f[2], f[3], f[4], f[5], f[6])) != null) {
        dupes.add(f[0]);
      }
    }
    for (String[] f : rows(groupText, 4)) {
      List<String> members = f[3].isEmpty() ? List.of() : List.of(f[3].split(","));
      groups.putIfAbsent(f[0], new Group(f[0], f[2], members));
    }
    for (String[] f : rows(shadowText, 2)) {
      shadow.putIfAbsent(f[0], f[1]);
    }
    if (passwdText != null) {
      check("/etc/passwd: each account once", dupes.isEmpty(), "each account once",
          dupes.isEmpty() ? "each account once" : "twice: " + String.join(", ", dupes),
          "/etc/passwd lists " + String.join(", ", dupes) + " more than once (a step that is not idempotent?)");
    }

    Set<String> wantedGroups = new TreeSet<>();
    c.users().forEach(u -> wantedGroups.addAll(u.groups()));
    for (String g : wantedGroups) {
      boolean ok = groups.containsKey(g);
      check("group " + g, ok, "group " + g + " in /etc/group", ok ? "present" : "missing",
          "group " + g + ": missing from /etc/group (os.yaml users[].groups)");
    }

    List<User> users = c.users();
    for (int i = 0; i < users.size(); i++) {
      account(users.get(i), i);
    }
  }

  private String tableFile(String path) {
    TarEntry e = tar.contentEntry(path);
    if (e == null) {
      TarEntry any = tar.get(path);
      fail(path, "a regular file", any == null ? "missing" : any.type().toString(),
          path + " is " + (any == null ? "missing from the tarball" : "not a regular file (" + any.type() + ")"));
      return null;
    }
    return e.text();
  }

  /** The colon-separated rows of an account table, padded to {@code min} fields. */
  private static List<String[]> rows(String text, int min) {
    List<String[]> out = new ArrayList<>();
    if (text == null) {
      return out;
    }
    for (String line : text.split("\n", -1)) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String[] f = line.split(":", -1);
      if (f.length < min) {
        String[] g = new String[min];
        for (int i = 0; i < min; i++) {
          g[i] = i < f.length ? f[i] : "";
        }
        f = g;
      }
      out.add(f);
    }
    return out;
  }

  private void account(User u, int i) {
    String who = "account " + u.name();
    String at = where("users[" + i + "]", u.location());
    Passwd pw = passwd.get(u.name());
    if (pw == null) {
      fail(who, "in /etc/passwd", "missing", who + ": missing from /etc/passwd " + at);
      return;
    }
    pass(who, "in /etc/passwd", "present", null);
    if (u.uid() != null) {
      String want = u.uid().toString();
      check(who + ": uid", want.equals(pw.uid()), want, pw.uid(),
          who + ": uid is " + pw.uid() + ", os.yaml asks for " + want + " " + at);
    }
    if (u.shell() != null) {
      check(who + ": shell", u.shell().equals(pw.shell()), u.shell(), pw.shell(),
          who + ": shell is " + show(pw.shell()) + ", os.yaml asks for " + u.shell() + " " + at);
    }
    if (u.home() != null) {
      check(who + ": home", u.home().equals(pw.home()), u.home(), pw.home(),
          who + ": home is " + show(pw.home()) + ", os.yaml asks for " + u.home() + " " + at);
    }
    if (u.comment() != null) {
      check(who + ": comment", u.comment().equals(pw.gecos()), u.comment(), pw.gecos(),
          who + ": comment (GECOS) is " + quoted(pw.gecos()) + ", os.yaml asks for " + quoted(u.comment()) + " " + at);
    }
    for (String g : u.groups()) {
      Group gr = groups.get(g);
      boolean member = gr != null && (gr.members().contains(u.name()) || gr.gid().equals(pw.gid()));
      String actual = gr == null ? "no group " + g + " in /etc/group"
          : "members of " + g + ": " + (gr.members().isEmpty() ? "none" : String.join(",", gr.members()));
      check(who + ": group " + g, member, "member of " + g, actual,
          who + ": is not a member of group " + g + " (" + actual + "), os.yaml asks for it " + at);
    }
    password(u, who, at);
    authorizedKeys(u, pw, who, at);
  }

  private void password(User u, String who, String at) {
    if (u.passwordSecret() == null && u.passwordHash() == null) {
      return;
    }
    String h = shadow.get(u.name());
    String actual = describeHash(h);
    if (u.passwordSecret() != null) {
      boolean ok = h != null && CRYPT.matcher(h).matches();
      String expected = "a crypt hash from ${secret:" + u.passwordSecret() + "} (not shown)";
      check(who + ": password", ok, expected, actual,
          who + ": the password in /etc/shadow is " + actual + ", os.yaml asks for " + expected + " " + at);
    } else {
      boolean ok = u.passwordHash().equals(h);
      String expected = "the password_hash of os.yaml (" + describeHash(u.passwordHash()) + ")";
      String shown = ok ? actual : (h != null && CRYPT.matcher(h).matches() ? "a different " + actual.substring(2) : actual);
      check(who + ": password", ok, expected, shown,
          who + ": the password in /etc/shadow is " + shown + ", os.yaml asks for its password_hash " + at);
    }
  }

  /** A password field in words, never its value (except the locked forms, which carry none). */
  static String describeHash(String h) {
    if (h == null) {
      return "no /etc/shadow entry";
    }
    if (h.isEmpty()) {
      return "empty (no password)";
    }
    if (h.equals("!") || h.equals("*") || h.equals("!*") || h.equals("!!")) {
      return "locked (" + h + ")";
    }
    Matcher m = CRYPT.matcher(h);
    if (m.matches()) {
      return (h.startsWith("!") ? "a locked $" : "a $") + m.group(1) + "$ hash";
    }
    return "not a crypt hash";
  }

  private void authorizedKeys(User u, Passwd pw, String who, String at) {
    if (u.sshAuthorizedKeys().isEmpty()) {
      return;
    }
    String ssh = home(u) + "/.ssh";
    String ak = ssh + "/authorized_keys";
    String owner = pw.uid() + ":" + pw.gid();
    TarEntry dir = tar.get(ssh);
    if (dir == null || dir.type() != TarEntry.Type.DIRECTORY) {
      fail(who + ": " + ssh, "a directory, mode 0700, owner " + owner, dir == null ? "missing" : dir.type().toString(),
          who + ": " + ssh + " is " + (dir == null ? "missing" : "not a directory (" + dir.type() + ")") + " " + at);
    } else {
      check(who + ": " + ssh + " mode", (dir.mode() & 07777) == 0700, "0700", dir.octalMode(),
          who + ": " + ssh + " has mode " + dir.octalMode() + ", expected 0700 (sshd's StrictModes) " + at);
      String actualOwner = dir.uid() + ":" + dir.gid();
      check(who + ": " + ssh + " owner", actualOwner.equals(owner), owner, actualOwner,
          who + ": " + ssh + " is owned by " + actualOwner + ", expected the account's " + owner + " " + at);
    }
    TarEntry e = tar.get(ak);
    TarEntry data = tar.contentEntry(ak);
    String expected = String.join("\n", u.sshAuthorizedKeys()) + "\n";
    if (e == null || data == null) {
      fail(who + ": authorized_keys", u.sshAuthorizedKeys().size() + " keys in " + ak,
          e == null ? "missing" : e.type().toString(),
          who + ": " + ak + " is " + (e == null ? "missing" : "not a regular file (" + e.type() + ")") + " " + at);
      return;
    }
    String text = data.text();
    if (text == null) {
      fail(who + ": authorized_keys", "its keys", "content not readable (" + data.size() + " bytes)",
          who + ": " + ak + " is too large to read (" + data.size() + " bytes) " + at);
    } else {
      List<String> problems = new ArrayList<>();
      List<String> lines = text.lines().toList();
      List<String> keys = u.sshAuthorizedKeys();
      for (int k = 0; k < keys.size(); k++) {
        if (!lines.contains(keys.get(k))) {
          problems.add("lacks key " + (k + 1) + " (" + abbreviateKey(keys.get(k)) + ")");
        }
      }
      for (String l : lines) {
        if (!keys.contains(l)) {
          problems.add("has a line os.yaml does not list (" + abbreviateKey(l) + ")");
        }
      }
      if (problems.isEmpty() && !text.equals(expected)) {
        problems.add("holds the keys in another order or layout than os.yaml writes them");
      }
      check(who + ": authorized_keys", problems.isEmpty(), keys.size() + " keys, as listed in os.yaml",
          problems.isEmpty() ? "the same" : String.join("; ", problems),
          who + ": " + ak + " " + String.join("; ", problems) + " " + at);
    }
    check(who + ": authorized_keys mode", (e.mode() & 07777) == 0600, "0600", e.octalMode(),
        who + ": " + ak + " has mode " + e.octalMode() + ", expected 0600 (sshd's StrictModes refuses a key file "
        + "others can write, and it should not be readable by them) " + at);
    String actualOwner = e.uid() + ":" + e.gid();
    check(who + ": authorized_keys owner", actualOwner.equals(owner), owner, actualOwner,
        who + ": " + ak + " is owned by " + actualOwner + ", expected the account's " + owner + " " + at);
  }

  /** {@code ssh-ed25519 …NSz admin@server}: a key recognisable in a message, not the whole line. */
  static String abbreviateKey(String line) {
    String[] f = line.trim().split("\\s+", 3);
    if (f.length < 2 || f[1].length() < 12) {
      return line.length() > 40 ? line.substring(0, 40) + "…" : line;
    }
    return f[0] + " …" + f[1].substring(f[1].length() - 8) + (f.length > 2 ? " " + f[2] : "");
  }

  /** The home the fsscript writes keys to: the given one, /root for root, else /home/name. */
  private static String home(User u) {
    return TarReader.normalize(u.home() != null ? u.home() : u.name().equals("root") ? "/root" : "/home/" + u.name());
  }

  // ------------------------------------------------------------------ system settings

  private void system() {
    boolean openrc = c.init() == Init.OPENRC;
    String hostname = c.system().hostname();
    if (hostname != null) {
      String file = openrc ? "/etc/conf.d/hostname" : "/etc/hostname";
      String text = tar.text(file);
      String actual = text == null ? null : openrc ? assignment(text, "hostname") : firstLine(text);
      check("hostname", hostname.equals(actual), hostname, describe(file, actual),
          "hostname: " + (text == null ? file + " is missing" : file + " sets " + show(actual))
          + ", os.yaml asks for " + hostname + " (os.yaml system.hostname)");
    }
    String tz = c.system().timezone();
    if (tz != null) {
      timezone(tz, openrc);
    }
    if (c.libc() == Libc.GLIBC && !c.system().locales().isEmpty()) {
      locales(c.system().locales(), openrc);
    }
    String keymap = c.system().keymap();
    if (keymap != null) {
      String file = openrc ? "/etc/conf.d/keymaps" : "/etc/vconsole.conf";
      String text = tar.text(file);
      String actual = text == null ? null : assignment(text, openrc ? "keymap" : "KEYMAP");
      check("keymap", keymap.equals(actual), keymap, describe(file, actual),
          "keymap: " + (text == null ? file + " is missing" : file + " sets " + show(actual))
          + ", os.yaml asks for " + keymap + " (os.yaml system.keymap)");
    }
  }

  private void timezone(String tz, boolean openrc) {
    TarEntry lt = tar.get("/etc/localtime");
    String suffix = "zoneinfo/" + tz;
    if (lt == null || lt.type() != TarEntry.Type.SYMLINK) {
      String actual = lt == null ? "missing" : "a " + lt.type().toString().toLowerCase() + ", not a symlink";
      fail("timezone", "/etc/localtime -> ../usr/share/zoneinfo/" + tz, actual,
          "timezone: /etc/localtime is " + actual + ", os.yaml asks for a link to " + suffix
          + " (catalyst's kernel step leaves a UTC copy; the fsscript's time zone step did not run?) "
          + "(os.yaml system.timezone)");
    } else {
      boolean ok = TarReader.normalize(lt.linkTarget()).endsWith("/" + suffix);
      boolean exists = tar.resolve("/etc/localtime") != null;
      String message = !ok
          ? "timezone: /etc/localtime points to " + lt.linkTarget() + ", os.yaml asks for " + tz + " (os.yaml system.timezone)"
          : "timezone: /etc/localtime points to " + lt.linkTarget() + ", which is not in the image "
              + "(is sys-libs/timezone-data installed?) (os.yaml system.timezone)";
      check("timezone", ok && exists, "/etc/localtime -> .../" + suffix, "/etc/localtime -> " + lt.linkTarget()
          + (exists ? "" : " (dangling)"), message);
    }
    if (openrc) {
      String text = tar.text("/etc/timezone");
      String actual = text == null ? null : firstLine(text);
      check("timezone: /etc/timezone", tz.equals(actual), tz, describe("/etc/timezone", actual),
          "timezone: /etc/timezone " + (text == null ? "is missing" : "says " + show(actual))
          + ", os.yaml asks for " + tz + " (os.yaml system.timezone)");
    }
  }

  private void locales(List<String> locales, boolean openrc) {
    String text = tar.text("/etc/locale.gen");
    if (text == null) {
      fail("locales", String.join(", ", locales), "no /etc/locale.gen",
          "locales: /etc/locale.gen is missing, os.yaml asks for " + String.join(", ", locales)
          + " (os.yaml system.locales)");
    } else {
      List<String> actual = text.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
      List<String> diff = new ArrayList<>();
      locales.stream().filter(l -> !actual.contains(l)).forEach(l -> diff.add("lacks " + quoted(l)));
      actual.stream().filter(l -> !locales.contains(l)).forEach(l -> diff.add("has " + quoted(l) + ", which os.yaml does not list"));
      check("locales", diff.isEmpty(), String.join(", ", locales), String.join(", ", actual),
          "locales: /etc/locale.gen " + String.join("; ", diff) + " (os.yaml system.locales)");
    }
    String lang = locales.get(0).split(" ", 2)[0];
    String file = openrc ? "/etc/env.d/02locale" : "/etc/locale.conf";
    String lt = tar.text(file);
    String actual = lt == null ? null : assignment(lt, "LANG");
    check("locales: LANG", lang.equals(actual), lang, describe(file, actual),
        "locales: " + (lt == null ? file + " is missing" : file + " sets LANG to " + show(actual))
        + ", expected " + lang + ", the first of os.yaml's locales (os.yaml system.locales)");
  }

  /** The value of the last {@code KEY=value} line, quotes removed; null when there is none. */
  static String assignment(String text, String key) {
    String value = null;
    for (String line : text.lines().toList()) {
      String l = line.strip();
      if (l.startsWith("export ")) {
        l = l.substring(7).strip();
      }
      if (l.startsWith(key + "=")) {
        String v = l.substring(key.length() + 1).strip();
        if (v.length() >= 2 && (v.charAt(0) == '"' || v.charAt(0) == '\'') && v.charAt(v.length() - 1) == v.charAt(0)) {
          v = v.substring(1, v.length() - 1);
        }
        value = v;
      }
    }
    return value;
  }

  private static String firstLine(String text) {
    return text.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).findFirst().orElse("");
  }

  private static String describe(String file, String value) {
    return value == null ? file + ": not set" : value;
  }

  // ------------------------------------------------------------------ services

  private void services() {
    Services s = c.services();
    if (c.init() == Init.OPENRC) {
      for (Services.Service svc : s.enable()) {
        String rl = svc.runlevel() == null ? "default" : svc.runlevel();
        String link = "/etc/runlevels/" + rl + "/" + svc.name();
        TarEntry e = tar.get(link);
        boolean ok = e != null && e.type() != TarEntry.Type.DIRECTORY;
        String hint = tar.get("/etc/init.d/" + svc.name()) == null
            ? "; there is no /etc/init.d/" + svc.name() + " either: is the package providing it installed?" : "";
        check("service " + svc.name() + ": enabled in runlevel " + rl, ok, link + " (rc-update add)",
            e == null ? "missing" : e.toString(),
            "service " + svc.name() + ": not enabled in runlevel " + rl + ": " + link + " is "
            + (e == null ? "missing" : "a directory") + " (catalyst's rc-update add fails silently)" + hint
            + " (os.yaml services.enable)");
      }
      for (Services.Service svc : s.disable()) {
        String rl = svc.runlevel() == null ? "default" : svc.runlevel();
        String link = "/etc/runlevels/" + rl + "/" + svc.name();
        TarEntry e = tar.get(link);
        check("service " + svc.name() + ": not in runlevel " + rl, e == null, "no " + link,
            e == null ? "absent" : e.toString(),
            "service " + svc.name() + ": still in runlevel " + rl + " (" + link + " exists; rc-update del did not "
            + "take) (os.yaml services.disable)");
      }
      return;
    }
    List<TarEntry> wants = tar.under("/etc/systemd/system").stream().filter(e -> {
      int slash = e.path().lastIndexOf('/');
      String parent = e.path().substring(0, slash);
      return parent.startsWith("/etc/systemd/system/") && parent.indexOf('/', "/etc/systemd/system/".length()) < 0
          && (parent.endsWith(".wants") || parent.endsWith(".requires"));
    }).toList();
    for (Services.Service svc : s.enable()) {
      String unit = unit(svc.name());
      List<TarEntry> links = wants.stream().filter(e -> unitMatches(e.path(), unit)).toList();
      check("service " + svc.name() + ": enabled", !links.isEmpty(),
          "a link to " + unit + " in /etc/systemd/system/*.wants/", links.isEmpty() ? "none"
              : links.stream().map(TarEntry::path).toList().toString(),
          "service " + svc.name() + ": not enabled: no /etc/systemd/system/*.wants/" + unit
          + " (systemctl enable in the fsscript did not take) (os.yaml services.enable)");
    }
    for (Services.Service svc : s.disable()) {
      String unit = unit(svc.name());
      List<String> links = wants.stream().filter(e -> unitMatches(e.path(), unit)).map(TarEntry::path).toList();
      check("service " + svc.name() + ": disabled", links.isEmpty(), "no link to " + unit + " in *.wants/",
          links.isEmpty() ? "none" : links.toString(),
          "service " + svc.name() + ": still enabled: " + String.join(", ", links) + " (os.yaml services.disable)");
    }
    for (String m : s.mask()) {
      String unit = unit(m);
      String path = "/etc/systemd/system/" + unit;
      TarEntry e = tar.get(path);
      boolean ok = e != null && e.type() == TarEntry.Type.SYMLINK && "/dev/null".equals(e.linkTarget());
      check("service " + m + ": masked", ok, path + " -> /dev/null", e == null ? "missing" : e.toString(),
          "service " + m + ": not masked: " + path + (e == null ? " is missing" : " is " + e) + " (os.yaml services.mask)");
    }
  }

  /** The unit systemctl acts on for a name: {@code sshd} is {@code sshd.service}. */
  static String unit(String name) {
    int dot = name.lastIndexOf('.');
    if (dot > 0 && UNIT_SUFFIXES.contains(name.substring(dot))) {
      return name;
    }
    return name + ".service";
  }

  /** Whether the link at {@code path} enables {@code unit} (a template with no instance: any instance). */
  static boolean unitMatches(String path, String unit) {
    String file = path.substring(path.lastIndexOf('/') + 1);
    int at = unit.indexOf("@.");
    if (at >= 0) {
      String stem = unit.substring(0, at + 1);
      String suffix = unit.substring(at + 1);
      return file.startsWith(stem) && file.endsWith(suffix);
    }
    return file.equals(unit);
  }

  // ------------------------------------------------------------------ portage

  private void portage() {
    if (fs != null && fs.makeConf() != null) {
      lines("make.conf", "/etc/portage/make.conf", fs.makeConf(), "(os.yaml make and use)");
    }
    if (!build.target().equals("stage1")) {
      for (PortageFile f : build.portage()) {
        if (f.buildOnly()) {
          continue;
        }
        String path = TarReader.normalize("/etc/portage/" + f.path());
        String origin = "(the portage tree of build " + build.id() + ", from os.yaml portage, packages and make)";
        if (f.source() == null) {
          lines("portage file " + f.path(), path, f.lines(), origin);
        } else {
          sameFile("portage file " + f.path(), path, f.source(), "(os.yaml portage.files or kernel.config)");
        }
      }
    }
    prefixDirs();
    if (fs != null) {
      List<String> dracut = fs.kernel() != null ? fs.kernel().dracutConf()
          : c.kernel() != null && c.kernel().isDist() ? DracutArgs.toConf(c.kernel().dracutArgs()) : null;
      if (dracut != null) {
        lines("dracut settings", "/etc/dracut.conf.d/osb.conf", dracut, "(os.yaml kernel.dracut_args)");
      }
      for (Fsscript.RepoStanza r : fs.repos()) {
        List<String> stanza = new ArrayList<>(List.of("[" + r.name() + "]", "location = " + r.location()));
        if (r.syncType() != null) {
          stanza.add("sync-type = " + r.syncType());
        }
        if (r.syncUri() != null) {
          stanza.add("sync-uri = " + r.syncUri());
        }
        lines("repos.conf " + r.name(), "/etc/portage/repos.conf/" + r.name() + ".conf", stanza,
            "(os.yaml repos, keep: true)");
      }
    }
  }

  /** The file at {@code path} holds exactly {@code expected}, one per line. */
  private void lines(String name, String path, List<String> expected, String origin) {
    TarEntry data = tar.contentEntry(path);
    String want = expected.isEmpty() ? "" : String.join("\n", expected) + "\n";
    if (data == null || data.text() == null) {
      TarEntry e = tar.get(path);
      String actual = e == null ? "missing" : data == null ? "not a regular file (" + e.type() + ")" : "too large to read";
      fail(name, expected.size() + " lines", actual, name + ": " + path + " is " + actual + " " + origin);
      return;
    }
    String text = data.text();
    if (text.equals(want)) {
      pass(name, expected.size() + " lines", "the same", null);
      return;
    }
    List<String> actual = text.lines().toList();
    List<String> missing = new ArrayList<>(expected.stream().filter(l -> !actual.contains(l)).toList());
    List<String> extra = new ArrayList<>(actual.stream().filter(l -> !expected.contains(l)).toList());
    List<String> diff = new ArrayList<>();
    // a changed line (same variable, or same atom) reads better as one difference than as two
    for (var it = missing.iterator(); it.hasNext(); ) {
      String m = it.next();
      String key = lineKey(m);
      if (key == null) {
        continue;
      }
      String changed = extra.stream().filter(x -> key.equals(lineKey(x))).findFirst().orElse(null);
      if (changed != null) {
        diff.add("has " + quoted(changed) + " where os.yaml gives " + quoted(m));
        extra.remove(changed);
        it.remove();
      }
    }
    missing.forEach(m -> diff.add("lacks " + quoted(m)));
    extra.forEach(x -> diff.add("has the extra line " + quoted(x)));
    if (diff.isEmpty()) {
      diff.add("holds the same lines in another order or layout");
    }
    fail(name, expected.size() + " lines", String.join("; ", diff), name + ": " + path + " " + String.join("; ", diff)
        + " " + origin);
  }

  /** What a line sets: {@code NAME=} of an assignment, else its first word (an atom); null for a comment. */
  static String lineKey(String line) {
    String l = line.strip();
    if (l.isEmpty() || l.startsWith("#")) {
      return null;
    }
    Matcher m = ASSIGNMENT.matcher(l);
    if (m.lookingAt()) {
      return m.group();
    }
    return l.split("\\s+", 2)[0];
  }

  private static final Pattern ASSIGNMENT = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*=");

  /** The file at {@code path} has the same bytes as the project file {@code source}. */
  private void sameFile(String name, String path, Path source, String origin) {
    TarEntry data = tar.contentEntry(path);
    if (data == null) {
      TarEntry e = tar.get(path);
      fail(name, "a copy of " + source.getFileName(), e == null ? "missing" : e.type().toString(),
          name + ": " + path + " is " + (e == null ? "missing" : "not a regular file (" + e.type() + ")") + " " + origin);
      return;
    }
    String want;
    try {
      want = sha256(source);
    } catch (IOException e) {
      fail(name, "a copy of " + source, "not compared", name + ": cannot read " + source + " to compare: " + e.getMessage());
      return;
    }
    check(name, want.equals(data.sha256()), "sha256 " + want.substring(0, 12), "sha256 " + data.sha256().substring(0, 12),
        name + ": " + path + " differs from " + source.getFileName() + " " + origin);
  }

  private void prefixDirs() {
    String prefix = build.value("portage_prefix");
    if (prefix == null) {
      return;
    }
    Set<String> dirs = new LinkedHashSet<>();
    PREFIX_DIRS.forEach(d -> dirs.add("/etc/portage/" + d + "/" + prefix));
    if (fs != null) {
      fs.prefixDirs().forEach(d -> dirs.add(TarReader.normalize(d)));
    }
    List<String> left = new ArrayList<>();
    for (String d : dirs) {
      if (tar.get(d) != null || !tar.under(d).isEmpty()) {
        left.add(d);
      }
    }
    check("build-only portage settings removed", left.isEmpty(), "no " + prefix + "/ below /etc/portage",
        left.isEmpty() ? "none" : String.join(", ", left),
        "build-only portage settings left in the image: " + String.join(", ", left) + " (the portage_prefix "
        + prefix + " directories must be removed at the end of the build; os.yaml portage.build_only)");
  }

  // ------------------------------------------------------------------ world and unmerge

  private void world() {
    Map<String, String> expected = new LinkedHashMap<>();
    for (int i = 0; i < c.packages().size(); i++) {
      PackageSpec p = c.packages().get(i);
      expected.putIfAbsent(p.key(), where("packages[" + i + "]", p.location()));
    }
    Kernel k = c.kernel();
    if (k != null) {
      if (k.isDist()) {
        expected.putIfAbsent("sys-kernel/installkernel", "(the dist kernel's installkernel, os.yaml kernel)");
        expected.putIfAbsent(k.packageKey(), "(os.yaml kernel.package)");
        for (String m : k.modules()) {
          Atom a = atom(m);
          if (a != null) {
            expected.putIfAbsent(a.key(), "(os.yaml kernel.modules)");
          }
        }
      } else {
        expected.putIfAbsent(k.packageKey(), "(os.yaml kernel.package; catalyst deselects it, the fsscript puts it back)");
      }
    }
    for (String w : fs.worldAdd()) {
      Atom a = atom(w);
      if (a != null) {
        expected.putIfAbsent(a.key(), "(os.yaml kernel.package)");
      }
    }
    if (!expected.isEmpty()) {
      String text = tar.text("/var/lib/portage/world");
      Set<String> world = new HashSet<>();
      if (text == null) {
        fail("/var/lib/portage/world", "the world set", "missing", "/var/lib/portage/world is missing from the tarball");
      } else {
        for (String line : text.lines().toList()) {
          String l = line.strip();
          if (!l.isEmpty() && !l.startsWith("#")) {
            world.add(worldKey(l));
          }
        }
      }
      expected.forEach((key, at) -> {
        boolean inWorld = world.contains(key);
        List<String> installed = installed(key);
        boolean ok = inWorld && !installed.isEmpty();
        String actual = (inWorld ? "in world" : "not in world") + ", "
            + (installed.isEmpty() ? "not installed" : "installed: " + String.join(", ", installed));
        String what = !inWorld && installed.isEmpty() ? "neither in /var/lib/portage/world nor installed (no /var/db/pkg/"
            + key + "-*)" : !inWorld ? "installed but not in /var/lib/portage/world (a later depclean would remove it)"
            : "in /var/lib/portage/world but not installed (no /var/db/pkg/" + key + "-*)";
        check("package " + key, ok, "in world and installed", actual, "package " + key + ": " + what + " " + at);
      });
    }
    for (int i = 0; i < c.unmerge().size(); i++) {
      String u = c.unmerge().get(i);
      Atom a = atom(u);
      if (a == null) {
        continue;
      }
      List<String> still = new ArrayList<>();
      for (String pf : installed(a.key())) {
        if (matches(a, pf)) {
          still.add(pf);
        }
      }
      check("unmerged " + u, still.isEmpty(), "not installed", still.isEmpty() ? "not installed" : "installed: "
          + String.join(", ", still), "unmerge " + u + ": still installed (" + still.stream()
          .map(s -> "/var/db/pkg/" + a.category() + "/" + s).reduce((x, y) -> x + ", " + y).orElse("")
          + ") (os.yaml unmerge[" + i + "])");
    }
  }

  /** category/package of a world line ({@code cat/pkg}, {@code cat/pkg:slot}, {@code cat/pkg::repo}). */
  private static String worldKey(String line) {
    Atom a = atom(line);
    if (a != null) {
      return a.key();
    }
    int colon = line.indexOf(':');
    return colon < 0 ? line : line.substring(0, colon);
  }

  /** The installed {@code <pn>-<version>} directories of category/package. */
  private List<String> installed(String key) {
    int slash = key.indexOf('/');
    String cat = key.substring(0, slash);
    String pn = key.substring(slash + 1);
    List<String> out = new ArrayList<>();
    for (TarEntry e : tar.children("/var/db/pkg/" + cat)) {
      if (e.type() != TarEntry.Type.DIRECTORY) {
        continue;
      }
      String name = e.path().substring(e.path().lastIndexOf('/') + 1);
      if (PmsVersion.ofInstalled(name, pn) != null) {
        out.add(name);
      }
    }
    return out;
  }

  /** Whether installed {@code pf} (pn-version) satisfies the atom's version and slot. */
  private boolean matches(Atom a, String pf) {
    PmsVersion v = PmsVersion.ofInstalled(pf, a.packageName());
    if (v == null) {
      return false;
    }
    if (a.version() != null && !v.satisfies(a.operator(), a.version(), a.versionWildcard())) {
      return false;
    }
    if (a.slot() != null) {
      String slot = tar.text("/var/db/pkg/" + a.category() + "/" + pf + "/SLOT");
      if (slot != null) {
        String s = slot.strip();
        int sub = s.indexOf('/');
        return (sub < 0 ? s : s.substring(0, sub)).equals(a.slot());
      }
    }
    return true;
  }

  private static Atom atom(String s) {
    try {
      return Atom.parse(s);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  // ------------------------------------------------------------------ root overlay

  private void overlay() {
    Path overlay = c.files().overlay();
    if (overlay == null) {
      return;
    }
    if (!Files.isDirectory(overlay)) {
      fail("overlay", "the project's overlay directory " + overlay, "not readable",
          "overlay: cannot read the overlay directory " + overlay + " to compare (os.yaml files.overlay)");
      return;
    }
    Map<String, String> laterSteps = laterSteps();
    List<PathGlob> removed = c.files().remove().stream().map(PathGlob::compile).toList();
    for (Path p : overlayEntries(overlay)) {
      String path = overlayPath(overlay, p);
      if (notShipped(path, removed)) {
        continue;
      }
      overlayEntry(p, path, laterSteps.get(path));
    }
  }

  /** Paths catalyst or os.yaml remove at the end of the build: an overlay file there is not shipped. */
  private boolean notShipped(String path, List<PathGlob> removed) {
    if (removed.stream().anyMatch(g -> g.matchesSelfOrParent(path))) {
      return true;
    }
    for (String e : c.files().empty()) {
      String d = TarReader.normalize(e);
      if (path.startsWith(d.equals("/") ? "/" : d + "/")) {
        return true;
      }
    }
    // catalyst's clean step: /tmp, /var/tmp, /etc/machine-id, backup files /etc/*-, its sandbox file
    if (path.startsWith("/tmp/") || path.startsWith("/var/tmp/") || path.equals("/etc/machine-id")
        || path.equals("/etc/sandbox.d/99catalyst")) {
      return true;
    }
    return path.startsWith("/etc/") && path.indexOf('/', 5) < 0 && path.endsWith("-");
  }

  /** Overlay paths a later step writes again, and which step: their content is not compared. */
  private Map<String, String> laterSteps() {
    Map<String, String> m = new LinkedHashMap<>();
    for (String f : List.of("/etc/passwd", "/etc/group", "/etc/shadow", "/etc/gshadow")) {
      m.put(f, "the accounts step rewrites it");
    }
    for (User u : c.users()) {
      if (!u.sshAuthorizedKeys().isEmpty()) {
        m.put(home(u) + "/.ssh/authorized_keys", "the accounts step writes it from os.yaml");
      }
    }
    boolean openrc = c.init() == Init.OPENRC;
    if (c.system().hostname() != null) {
      m.put(openrc ? "/etc/conf.d/hostname" : "/etc/hostname", "the hostname step writes it");
    }
    if (c.system().timezone() != null) {
      m.put("/etc/localtime", "the time zone step links it");
      if (openrc) {
        m.put("/etc/timezone", "the time zone step writes it");
      }
    }
    if (c.libc() == Libc.GLIBC && !c.system().locales().isEmpty()) {
      m.put("/etc/locale.gen", "the locales step writes it");
      m.put(openrc ? "/etc/env.d/02locale" : "/etc/locale.conf", "the locales step writes it");
      if (openrc) {
        for (String f : List.of("/etc/profile.env", "/etc/csh.env", "/etc/ld.so.conf",
            "/etc/environment.d/10-gentoo-env.conf")) {
          m.put(f, "env-update regenerates it");
        }
      }
    }
    if (c.system().keymap() != null) {
      m.put(openrc ? "/etc/conf.d/keymaps" : "/etc/vconsole.conf", "the keymap step edits it");
    }
    if (c.kernel() != null && c.kernel().isDist()) {
      m.put("/etc/dracut.conf.d/osb.conf", "the dist kernel step writes it");
    }
    for (Fsscript.RepoStanza r : fs.repos()) {
      m.put("/etc/portage/repos.conf/" + r.name() + ".conf", "the repos.conf step writes it");
    }
    if (fs.makeConf() != null) {
      m.put("/etc/portage/make.conf", "the make.conf step writes it");
    }
    m.put("/var/lib/portage/world", "emerge and unmerge change it");
    m.put("/etc/hosts", "catalyst restores it from the seed at the end");
    return m;
  }

  private void overlayEntry(Path local, String path, String laterStep) {
    String name = "overlay " + path;
    TarEntry e = tar.get(path);
    String[] owner = expectedOwner(path);
    String ownerWords = owner[1];
    if (e == null) {
      fail(name, "present, owner " + ownerWords, "missing", "overlay: " + path + " is missing from the tarball "
          + "(os.yaml files.overlay)");
      return;
    }
    List<String> diffs = new ArrayList<>();
    String kind;
    if (Files.isSymbolicLink(local)) {
      kind = "symlink";
      String target;
      try {
        target = Files.readSymbolicLink(local).toString();
      } catch (IOException ex) {
        target = "?";
      }
      if (e.type() != TarEntry.Type.SYMLINK) {
        diffs.add("is a " + words(e.type()) + ", the overlay has a symlink");
      } else if (!target.equals(e.linkTarget())) {
        diffs.add("points to " + e.linkTarget() + ", the overlay's link points to " + target);
      }
    } else if (Files.isDirectory(local, LinkOption.NOFOLLOW_LINKS)) {
      kind = "directory";
      boolean dirLink = e.type() == TarEntry.Type.SYMLINK && tar.resolve(path) != null
          && tar.resolve(path).type() == TarEntry.Type.DIRECTORY;
      if (e.type() != TarEntry.Type.DIRECTORY && !dirLink) {
        diffs.add("is a " + words(e.type()) + ", the overlay has a directory");
      }
    } else if (Files.isRegularFile(local, LinkOption.NOFOLLOW_LINKS)) {
      kind = "file";
      TarEntry data = tar.contentEntry(path);
      if (data == null) {
        diffs.add("is a " + words(e.type()) + ", the overlay has a regular file");
      } else if (laterStep == null) {
        try {
          if (!sha256(local).equals(data.sha256())) {
            diffs.add("differs from the overlay's file (" + data.size() + " bytes in the image, "
                + Files.size(local) + " in the overlay)");
          }
        } catch (IOException ex) {
          diffs.add("cannot be compared: " + ex.getMessage());
        }
      }
    } else {
      kind = "special file";
    }
    if (owner[0] == null) {
      diffs.add(ownerWords);
    } else if (!owner[0].equals(e.uid() + ":" + e.gid())) {
      diffs.add("is owned by " + e.uid() + ":" + e.gid() + ", expected " + ownerWords);
    }
    String expected = kind + ", owner " + ownerWords + (laterStep != null ? " (content not compared: " + laterStep + ")" : "");
    check(name, diffs.isEmpty(), expected, diffs.isEmpty() ? "the same" : String.join("; ", diffs),
        "overlay: " + path + " " + String.join("; ", diffs) + " (os.yaml files.overlay)");
  }

  /**
   * {uid:gid, words} of an overlay path: root, or the account whose home holds it (the accounts
   * step hands such files to it); {null, reason} when that account is missing.
   */
  private String[] expectedOwner(String path) {
    for (User u : c.users()) {
      if (u.name().equals("root")) {
        continue;
      }
      String h = home(u);
      if (path.equals(h) || path.startsWith(h + "/")) {
        Passwd pw = passwd.get(u.name());
        if (pw == null) {
          return new String[] {null, "cannot tell its owner: it lies in the home of account " + u.name()
              + ", which is missing"};
        }
        return new String[] {pw.uid() + ":" + pw.gid(), "account " + u.name() + " (" + pw.uid() + ":" + pw.gid() + ")"};
      }
    }
    return new String[] {"0:0", "root (0:0)"};
  }

  private static String words(TarEntry.Type t) {
    return switch (t) {
      case FILE -> "regular file";
      case HARDLINK -> "hard link";
      case SYMLINK -> "symlink";
      case DIRECTORY -> "directory";
      case CHAR_DEVICE -> "character device";
      case BLOCK_DEVICE -> "block device";
      case FIFO -> "fifo";
      case SPARSE -> "sparse file";
      case OTHER -> "special member";
    };
  }

  // ------------------------------------------------------------------ modes and removals

  private void removals() {
    modes();
    for (String r : c.files().remove()) {
      PathGlob g = PathGlob.compile(r);
      List<String> left = tar.entries().stream().map(TarEntry::path).filter(g::matchesSelfOrParent).toList();
      check("removed " + r, left.isEmpty(), "nothing matching " + r, left.isEmpty() ? "nothing" : sample(left),
          "files.remove " + r + ": still in the image: " + sample(left) + " (os.yaml files.remove)");
    }
    for (String d : c.files().empty()) {
      List<String> left = tar.under(d).stream().map(TarEntry::path).toList();
      check("emptied " + d, left.isEmpty(), "an empty " + d, left.isEmpty() ? "empty" : sample(left),
          "files.empty " + d + ": not empty: " + sample(left) + " (os.yaml files.empty)");
    }
    Path overlay = c.files().overlay();
    boolean ships = overlay != null && Files.exists(overlay.resolve("etc/resolv.conf"), LinkOption.NOFOLLOW_LINKS);
    if (!ships) {
      TarEntry e = tar.get("/etc/resolv.conf");
      check("no /etc/resolv.conf", e == null, "absent (the build host's resolver must not ship)",
          e == null ? "absent" : "present",
          "/etc/resolv.conf is in the image: the build host's resolver configuration ships (stage4/rm removes it "
          + "unless the overlay ships one; os.yaml files.overlay)");
    }
    if (fs.secretsDir() != null && c.users().stream().anyMatch(u -> u.passwordSecret() != null)) {
      String d = fs.secretsDir();
      boolean gone = tar.get(d) == null && tar.under(d).isEmpty();
      check("secrets removed", gone, "no " + d, gone ? "absent" : "present",
          d + " is in the image: the secret files the runner put there must be removed by the fsscript");
    }
  }

  /** files.modes: each path is left with the mode of the last rule that matches it, as the fsscript's loop does. */
  private void modes() {
    Map<String, String> rules = c.files().modes();
    if (rules.isEmpty()) {
      return;
    }
    List<Map.Entry<String, String>> list = new ArrayList<>(rules.entrySet());
    List<PathGlob> globs = list.stream().map(e -> PathGlob.compile(e.getKey())).toList();
    Map<Integer, List<TarEntry>> byRule = new LinkedHashMap<>();
    Map<Integer, Integer> matched = new LinkedHashMap<>();
    for (TarEntry e : tar.entries()) {
      if (e.type() == TarEntry.Type.SYMLINK) {
        continue; // chmod follows links: the target has its own member
      }
      int last = -1;
      for (int i = 0; i < globs.size(); i++) {
        if (globs.get(i).matches(e.path())) {
          last = i;
          matched.merge(i, 1, Integer::sum);
        }
      }
      if (last >= 0) {
        byRule.computeIfAbsent(last, k -> new ArrayList<>()).add(e);
      }
    }
    for (int i = 0; i < list.size(); i++) {
      String glob = list.get(i).getKey();
      int want = Integer.parseInt(list.get(i).getValue(), 8) & 07777;
      String wantText = TarEntry.octal(want);
      if (!matched.containsKey(i)) {
        fail("mode " + glob, wantText, "no path matches", "files.modes " + glob + ": no path in the image matches it, "
            + "so mode " + wantText + " was applied to nothing (os.yaml files.modes)");
        continue;
      }
      List<String> wrong = byRule.getOrDefault(i, List.of()).stream().filter(e -> e.mode() != want)
          .map(e -> e.path() + " is " + e.octalMode()).toList();
      check("mode " + glob, wrong.isEmpty(), wantText, wrong.isEmpty() ? wantText : sample(wrong),
          "files.modes " + glob + ": " + sample(wrong) + ", os.yaml asks for " + wantText + " (os.yaml files.modes)");
    }
  }

  private static String sample(List<String> items) {
    if (items.size() <= 5) {
      return String.join(", ", items);
    }
    return String.join(", ", items.subList(0, 5)) + " and " + (items.size() - 5) + " more";
  }

  // ------------------------------------------------------------------ helpers

  /** Every file, directory and link of the overlay, sorted, parents before children. */
  private static List<Path> overlayEntries(Path overlay) {
    try (Stream<Path> s = Files.walk(overlay)) {
      return s.filter(p -> !p.equals(overlay)).sorted().toList();
    } catch (IOException e) {
      return List.of();
    }
  }

  private static String overlayPath(Path overlay, Path p) {
    return "/" + overlay.relativize(p).toString().replace('\\', '/');
  }

  private static String sha256(Path p) throws IOException {
    MessageDigest md = TarReader.sha256();
    try (InputStream in = Files.newInputStream(p)) {
      byte[] buf = new byte[64 * 1024];
      for (int n; (n = in.read(buf)) > 0; ) {
        md.update(buf, 0, n);
      }
    }
    return HexFormat.of().formatHex(md.digest());
  }

  /** {@code (os.yaml users[1], line 40)}. */
  private static String where(String key, dev.osb.load.Location loc) {
    if (loc == null) {
      return "(os.yaml " + key + ")";
    }
    Path f = loc.file().getFileName();
    return "(" + (f == null ? "os.yaml" : f.toString()) + " " + key + ", line " + loc.line() + ")";
  }

  private static String show(String v) {
    return v == null ? "not set" : v.isEmpty() ? "empty" : v;
  }

  private static String quoted(String v) {
    return v == null ? "not set" : "'" + v + "'";
  }
}
