package dev.osb.templates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.osb.plan.Fsscript;
import dev.osb.plan.Fsscript.Account;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the generated fsscript for real, twice, in a throw-away chroot, and checks the tree it
 * leaves. The chroot ({@link Sandbox}) holds the host's bash, coreutils and shadow tools
 * (useradd, usermod, groupadd, getent, id: the real ones, so account handling and idempotence
 * are real) with their shared libraries, a small Gentoo-like /etc from
 * {@code src/test/resources/fsscript/seed}, and logging stand-ins for the Gentoo-only commands
 * (emerge, locale-gen, env-update, systemctl). chroot needs root: tests run as root here and in
 * CI, and this test fails (it does not skip) when they do not.
 */
class FsscriptRunTest {

  static final String SECRET_HASH = "$6$secretsalt$SecretHashThatMustNeverBePrinted0123456789abcdefghijklmnopqrstuvwxyzABCDEFG";

  @BeforeAll
  static void needsRoot() throws Exception {
    String uid = Sandbox.exec(List.of("id", "-u")).trim();
    assertEquals("0", uid, "FsscriptRunTest runs the generated fsscript in a chroot (useradd, chown, mknod), "
        + "which needs root; run the build as root, as CI does");
  }

  // ------------------------------------------------------------------ OpenRC, glibc

  @Test
  void openrcGlibcRunsTwiceToTheSameTree(@TempDir Path tmp) throws Exception {
    Sandbox sb = Sandbox.create(tmp);
    String script = FsscriptTest.render(FsscriptTest.openrcGlibc());
    assertFalse(script.contains(SECRET_HASH));

    sb.putSecret("ADMIN_PASSWORD_HASH", SECRET_HASH);
    Sandbox.Result r1 = sb.run(script);
    assertEquals(0, r1.exit(), r1::toString);
    Map<String, String> first = sb.snapshot();
    sb.putSecret("ADMIN_PASSWORD_HASH", SECRET_HASH); // catalyst applies the root overlay again on every build
    Sandbox.Result r2 = sb.run(script);
    assertEquals(0, r2.exit(), r2::toString);
    assertEquals(first, sb.snapshot(), "a second run must leave the same tree");
    for (Sandbox.Result r : List.of(r1, r2)) {
      assertTrue(r.out().endsWith("osb: fsscript for stage4 done\n"), r::toString);
      assertFalse(r.out().contains(SECRET_HASH) || r.err().contains(SECRET_HASH), "the secret was printed");
      assertFalse(r.out().contains(FsscriptTest.ROOT_HASH) || r.err().contains(FsscriptTest.ROOT_HASH));
    }

    // accounts: each once, created or updated, with shell, home, comment, uid, groups, password
    Map<String, String[]> passwd = sb.table("etc/passwd");
    assertEquals(Set.of("root", "bin", "olduser", "admin", "svc"), passwd.keySet());
    assertEquals(5, sb.read("etc/passwd").lines().count(), "an account appears twice");
    assertEquals("1500", passwd.get("admin")[2]);
    assertEquals("OSB admin", passwd.get("admin")[4]);
    assertEquals("/home/admin", passwd.get("admin")[5]);
    assertEquals("/bin/bash", passwd.get("admin")[6]);
    assertEquals("/var/lib/svc", passwd.get("svc")[5]);
    assertEquals("/sbin/nologin", passwd.get("svc")[6]);
    assertEquals("1100", passwd.get("olduser")[2], "an existing account keeps its uid");
    assertEquals("Old user", passwd.get("olduser")[4]);
    assertEquals("/srv/old", passwd.get("olduser")[5]);
    assertEquals("/bin/bash", passwd.get("olduser")[6]);
    assertEquals("/root", passwd.get("root")[5]);
    assertEquals("1100", sb.stat("srv/old").uid(), "a new home of an existing account belongs to it");

    Map<String, String[]> group = sb.table("etc/group");
    assertTrue(group.containsKey("osbdev") && group.containsKey("admin"), "groups created");
    assertEquals(List.of("root", "admin"), List.of(members(group, "wheel")));
    assertEquals(List.of("admin", "olduser"), List.of(members(group, "audio")));
    assertEquals(List.of("svc"), List.of(members(group, "osbdev")));
    assertEquals(passwd.get("admin")[3], group.get("admin")[2], "admin's own group is its primary group");
    assertEquals(sb.read("etc/group").lines().count(), sb.read("etc/group").lines().distinct().count());

    Map<String, String[]> shadow = sb.table("etc/shadow");
    assertEquals(FsscriptTest.ROOT_HASH, shadow.get("root")[1]);
    assertEquals(SECRET_HASH, shadow.get("admin")[1]);
    assertEquals("!", shadow.get("svc")[1]);
    assertEquals("!", shadow.get("olduser")[1], "no password given: left as it was");
    assertFalse(sb.exists("var/tmp/osb-secrets"), "secrets dir removed");

    // authorized_keys: exact content, modes, owner
    assertEquals(FsscriptTest.KEY_1 + "\n", sb.read("root/.ssh/authorized_keys"));
    assertEquals(FsscriptTest.KEY_1 + "\n" + FsscriptTest.KEY_2 + "\n", sb.read("home/admin/.ssh/authorized_keys"));
    for (String f : List.of("home/admin/.ssh", "home/admin/.ssh/authorized_keys")) {
      assertEquals("1500", sb.stat(f).uid(), f);
      assertEquals(passwd.get("admin")[3], sb.stat(f).gid(), f);
    }
    assertEquals("rwx------", sb.stat("home/admin/.ssh").mode());
    assertEquals("rw-------", sb.stat("home/admin/.ssh/authorized_keys").mode());
    assertEquals("0", sb.stat("root/.ssh/authorized_keys").uid());
    assertFalse(sb.exists("var/lib/svc/.ssh"), "no keys, no .ssh");

    // system settings
    assertEquals("hostname=\"osb-test\"\n", sb.read("etc/conf.d/hostname"));
    assertFalse(sb.exists("etc/hostname"));
    assertEquals("../usr/share/zoneinfo/Europe/Berlin", sb.link("etc/localtime"));
    assertEquals("Europe/Berlin\n", sb.read("etc/timezone"));
    assertEquals("en_US.UTF-8 UTF-8\nde_DE.UTF-8 UTF-8\n", sb.read("etc/locale.gen"));
    assertEquals("LANG=\"en_US.UTF-8\"\n", sb.read("etc/env.d/02locale"));
    String keymaps = sb.read("etc/conf.d/keymaps");
    assertEquals(Files.readString(seed().resolve("etc/conf.d/keymaps")).replace("keymap=\"us\"", "keymap=\"de-latin1\""),
        keymaps, "only the keymap line changes, in place");

    // kernel, world, repos
    assertEquals(String.join("\n", FsscriptTest.DRACUT) + "\n", sb.read("etc/dracut.conf.d/osb.conf"));
    assertEquals("[site]\nlocation = /var/db/repos/site\nsync-type = git\nsync-uri = https://git.example/site.git\n",
        sb.read("etc/portage/repos.conf/site.conf"));
    assertEquals("[guru]\nlocation = /var/db/repos/guru\n", sb.read("etc/portage/repos.conf/guru.conf"));
    List<String> stub = sb.read("var/log/osb-stub.log").lines().toList();
    assertEquals(List.of("emerge --config sys-kernel/gentoo-kernel-bin",
        "emerge --noreplace sys-kernel/gentoo-sources", "env-update", "locale-gen"),
        stub.stream().distinct().sorted().toList());
    assertEquals(2, stub.stream().filter(l -> l.equals("emerge --config sys-kernel/gentoo-kernel-bin")).count());
    assertEquals(List.of("locale-gen", "env-update", "emerge --config sys-kernel/gentoo-kernel-bin",
        "emerge --noreplace sys-kernel/gentoo-sources"), stub.subList(0, 4), "steps run in order");

    // overlay owners and modes
    for (String f : List.of("etc/sudoers.d", "etc/sudoers.d/wheel", "usr/local/bin/osb-hello")) {
      assertEquals("0", sb.stat(f).uid(), f);
      assertEquals("0", sb.stat(f).gid(), f);
    }
    assertEquals("r--r-----", sb.stat("etc/sudoers.d/wheel").mode());
    assertEquals("rwxr-xr-x", sb.stat("usr/local/bin/osb-hello").mode());
    assertEquals("rwxr-xr-x", sb.stat("etc/sudoers.d").mode(), "the glob's directory itself is not matched");

    // make.conf, build-only dirs
    assertEquals(String.join("\n", FsscriptTest.MAKE_CONF) + "\n", sb.read("etc/portage/make.conf"));
    for (String d : FsscriptTest.PREFIX_DIRS) {
      assertFalse(sb.exists(d.substring(1)), d);
    }
    assertEquals("app-editors/vim python\n", sb.read("etc/portage/package.use/shipped"), "shipped settings stay");

    // the project's script: once per run, with the envscript's variables, verbatim
    assertEquals(List.of("user script ran", "proxy=http://proxy.example:3128", "user script ran",
        "proxy=http://proxy.example:3128"), sb.read("var/log/osb-user-script.log").lines().toList());
    assertEquals("${HOME} $(id) `id` 'single' \"double\" [=fs.build] ${fs.build} <#if x>\n",
        sb.read("etc/osb-user-heredoc"));
    assertFalse(sb.exists("tmp/osb-user-fsscript.sh"));
  }

  @Test
  void aMissingSecretFailsClearly(@TempDir Path tmp) throws Exception {
    Sandbox sb = Sandbox.create(tmp);
    Sandbox.Result r = sb.run(FsscriptTest.render(FsscriptTest.openrcGlibc()));
    assertNotEquals(0, r.exit());
    assertTrue(r.err().contains("osb: error: the password of account admin comes from the secret ADMIN_PASSWORD_HASH, "
        + "but /var/tmp/osb-secrets/ADMIN_PASSWORD_HASH is missing"), r::toString);
    assertFalse(r.out().contains("fsscript for stage4 done"));
  }

  @Test
  void aFailingStepStillRemovesTheSecrets(@TempDir Path tmp) throws Exception {
    Sandbox sb = Sandbox.create(tmp);
    sb.putSecret("ADMIN_PASSWORD_HASH", SECRET_HASH);
    Sandbox.Result r = sb.run(FsscriptTest.render(FsscriptTest.withTimezone(FsscriptTest.openrcGlibc(), "Mars/Olympus")));
    assertNotEquals(0, r.exit());
    assertTrue(r.err().contains("time zone Mars/Olympus: /usr/share/zoneinfo/Mars/Olympus does not exist"), r::toString);
    assertEquals(SECRET_HASH, sb.table("etc/shadow").get("admin")[1], "the accounts step ran before");
    assertFalse(sb.exists("var/tmp/osb-secrets"), "secrets removed on failure too");
    assertFalse(r.out().contains(SECRET_HASH) || r.err().contains(SECRET_HASH));
  }

  // ------------------------------------------------------------------ systemd, musl, variant

  @Test
  void systemdMuslVariantRunsTwiceToTheSameTree(@TempDir Path tmp) throws Exception {
    Sandbox sb = Sandbox.create(tmp);
    String script = FsscriptTest.render(FsscriptTest.systemdMusl());
    Sandbox.Result r1 = sb.run(script);
    assertEquals(0, r1.exit(), r1::toString);
    Map<String, String> first = sb.snapshot();
    Sandbox.Result r2 = sb.run(script);
    assertEquals(0, r2.exit(), r2::toString);
    assertEquals(first, sb.snapshot(), "a second run must leave the same tree");
    assertTrue(r2.out().endsWith("osb: fsscript for zfs done\n"), r2::toString);
    assertFalse(r1.out().contains(FsscriptTest.DEV_HASH) || r1.err().contains(FsscriptTest.DEV_HASH));

    Map<String, String[]> passwd = sb.table("etc/passwd");
    assertEquals(Set.of("root", "bin", "olduser", "dev"), passwd.keySet(), "a variant touches only its delta");
    assertEquals("Developer", passwd.get("dev")[4]);
    assertEquals("/home/dev", passwd.get("dev")[5]);
    assertEquals(List.of("dev"), List.of(members(sb.table("etc/group"), "docker")));
    assertEquals(FsscriptTest.DEV_HASH, sb.table("etc/shadow").get("dev")[1]);
    assertEquals(FsscriptTest.KEY_2 + "\n", sb.read("home/dev/.ssh/authorized_keys"));
    assertEquals(passwd.get("dev")[2], sb.stat("home/dev/.ssh/authorized_keys").uid());

    assertEquals("zfs-host\n", sb.read("etc/hostname"));
    assertEquals(Files.readString(seed().resolve("etc/conf.d/hostname")), sb.read("etc/conf.d/hostname"),
        "systemd: the OpenRC file is left alone");
    assertEquals("../usr/share/zoneinfo/Etc/UTC", sb.link("etc/localtime"));
    assertFalse(sb.exists("etc/timezone"), "systemd has no /etc/timezone");
    assertEquals("FONT=lat9w-16\nKEYMAP=us\n", sb.read("etc/vconsole.conf"));
    assertEquals(Files.readString(seed().resolve("etc/locale.gen")), sb.read("etc/locale.gen"), "musl: no locales");
    assertFalse(sb.exists("etc/locale.conf"));
    assertEquals(String.join("\n", FsscriptTest.MAKE_CONF) + "\n", sb.read("etc/portage/make.conf"));
    assertFalse(sb.exists("etc/dracut.conf.d"));

    List<String> once = List.of("systemctl enable sshd.service systemd-networkd.service",
        "systemctl disable getty@tty1.service", "systemctl mask systemd-timesyncd.service");
    List<String> twice = new ArrayList<>(once);
    twice.addAll(once);
    assertEquals(twice, sb.read("var/log/osb-stub.log").lines().toList(), "systemctl only; no emerge, no locale-gen");
  }

  // ------------------------------------------------------------------ injection

  /**
   * Values that bypass the grammar on purpose: a comment, a home, a hostname and a key holding
   * quotes, {@code $(...)}, backticks and {@code ;}. Printed through q(), they stay literal.
   */
  static Fsscript injection() {
    String comment = "'; touch /tmp/pwned; ' $(touch /pwned-c) `touch /pwned-b`; \"x";
    String home = "/home/inj'$(touch pwned-h)`touch pwned-t`;x\"";
    String host = "h'; touch /tmp/pwned-host; '$(touch /pwned-host2)`touch /pwned-host3`";
    String key = "ssh-ed25519 AAAA' $(touch /pwned-key) `touch /pwned-key2`; x";
    return new Fsscript("inj", "openrc", "glibc", false, false, List.of(),
        List.of(new Account("inj", null, List.of(), "/bin/bash", home, comment, null, null, List.of(key))),
        FsscriptTest.SECRETS, host, null, List.of(), "us", List.of(), List.of(), List.of(), null, List.of(),
        List.of(), List.of(), List.of(), null, List.of(), null, null);
  }

  @Test
  void hostileValuesStayLiteral(@TempDir Path tmp) throws Exception {
    Sandbox sb = Sandbox.create(tmp);
    boolean hostPwnedBefore = Files.exists(Path.of("/tmp/pwned"));
    Fsscript fs = injection();
    Account u = fs.users().get(0);
    String script = FsscriptTest.render(fs);
    for (int run = 1; run <= 2; run++) {
      Sandbox.Result r = sb.run(script);
      assertEquals(0, r.exit(), r::toString);
    }
    try (Stream<Path> s = Files.walk(sb.root())) {
      List<Path> pwned = s.filter(p -> p.getFileName().toString().startsWith("pwned")).toList();
      assertEquals(List.of(), pwned, "a value ran as a command");
    }
    assertEquals(hostPwnedBefore, Files.exists(Path.of("/tmp/pwned")));
    String[] inj = sb.table("etc/passwd").get("inj");
    assertEquals(u.comment(), inj[4]);
    assertEquals(u.home(), inj[5]);
    assertEquals(1, sb.read("etc/passwd").lines().filter(l -> l.startsWith("inj:")).count());
    assertEquals("hostname=\"" + fs.hostname() + "\"\n", sb.read("etc/conf.d/hostname"));
    assertEquals(u.sshKeys().get(0) + "\n", sb.read(u.home().substring(1) + "/.ssh/authorized_keys"));
  }

  // ------------------------------------------------------------------ helpers

  private static String[] members(Map<String, String[]> group, String name) {
    String[] g = group.get(name);
    assertTrue(g != null, "group " + name + " missing");
    return g.length < 4 || g[3].isEmpty() ? new String[0] : g[3].split(",");
  }

  static Path seed() {
    try {
      return Path.of(FsscriptRunTest.class.getClassLoader().getResource("fsscript/seed").toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * A throw-away chroot: the host's bash, coreutils and shadow tools with their libraries (found
   * with ldd), the seed /etc, a /dev/null, and stand-ins that log their arguments to
   * /var/log/osb-stub.log for the commands only a Gentoo stage has.
   */
  record Sandbox(Path root, Path logs) {

    /** Real commands the fsscript (and the test's user script) calls. */
    static final List<String> TOOLS = List.of("bash", "cat", "mkdir", "chmod", "chown", "ln", "rm", "id",
        "getent", "useradd", "usermod", "groupadd", "touch");

    /** Gentoo-only commands, replaced by loggers. */
    static final List<String> STUBS = List.of("emerge", "locale-gen", "env-update", "systemctl");

    static final List<String> BIN_DIRS = List.of("/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin",
        "/sbin", "/bin");

    static final String ENVSCRIPT = "export OSB_TEST_PROXY=http://proxy.example:3128\n"
        + "export EMERGE_DEFAULT_OPTS=\"${EMERGE_DEFAULT_OPTS} --getbinpkg\"\n";

    record Result(int exit, String out, String err) {
      @Override
      public String toString() {
        return "exit " + exit + "\n--- stdout\n" + out + "--- stderr\n" + err;
      }
    }

    record Stat(String uid, String gid, String mode) {}

    static Sandbox create(Path tmp) throws Exception {
      Path root = tmp.resolve("root");
      Path logs = tmp.resolve("logs");
      Files.createDirectories(logs);
      Path seed = seed();
      try (Stream<Path> s = Files.walk(seed)) {
        for (Path p : s.toList()) {
          Path t = root.resolve(seed.relativize(p).toString());
          if (Files.isDirectory(p)) {
            Files.createDirectories(t);
          } else {
            Files.copy(p, t);
          }
        }
      }
      for (String d : List.of("root", "home", "tmp", "var/log", "var/lib", "var/tmp", "dev", "usr/bin",
          "usr/lib", "run")) {
        Files.createDirectories(root.resolve(d));
      }
      exec(List.of("chmod", "1777", root.resolve("tmp").toString()));
      Files.setPosixFilePermissions(root.resolve("root"), PosixFilePermissions.fromString("rwx------"));
      Files.createSymbolicLink(root.resolve("bin"), Path.of("usr/bin"));
      Files.createSymbolicLink(root.resolve("sbin"), Path.of("usr/bin"));
      Files.createSymbolicLink(root.resolve("usr/sbin"), Path.of("bin"));
      for (String f : List.of("etc/shadow", "etc/gshadow")) {
        Files.setPosixFilePermissions(root.resolve(f), PosixFilePermissions.fromString("rw-------"));
      }
      Set<String> libs = new LinkedHashSet<>();
      for (String tool : TOOLS) {
        Path bin = which(tool);
        Path t = root.resolve("usr/bin/" + tool);
        Files.copy(bin, t);
        Files.setPosixFilePermissions(t, PosixFilePermissions.fromString("rwxr-xr-x"));
        for (String word : exec(List.of("ldd", bin.toString())).split("\\s+")) {
          if (word.startsWith("/")) {
            libs.add(word);
          }
        }
      }
      for (String lib : libs) {
        Path t = root.resolve(lib.substring(1));
        Files.createDirectories(t.getParent());
        if (!Files.exists(t)) {
          Files.copy(Path.of(lib), t); // follows the host's symlinks: the chroot gets plain files
        }
      }
      for (String stub : STUBS) {
        Path t = root.resolve("usr/bin/" + stub);
        Files.writeString(t, "#!/bin/bash\n# test stand-in: logs its arguments\nprintf '%s\\n' \"" + stub
            + "${*:+ $*}\" >> /var/log/osb-stub.log\n");
        Files.setPosixFilePermissions(t, PosixFilePermissions.fromString("rwxr-xr-x"));
      }
      exec(List.of("mknod", "-m", "666", root.resolve("dev/null").toString(), "c", "1", "3"));
      // the root overlay as catalyst leaves it: the CI user's owner, the overlay's modes
      for (String f : List.of("etc/sudoers.d", "etc/sudoers.d/wheel", "usr/local/bin/osb-hello")) {
        Files.setAttribute(root.resolve(f), "unix:uid", 1234, LinkOption.NOFOLLOW_LINKS);
        Files.setAttribute(root.resolve(f), "unix:gid", 1234, LinkOption.NOFOLLOW_LINKS);
      }
      Files.setPosixFilePermissions(root.resolve("etc/sudoers.d"), PosixFilePermissions.fromString("rwxr-xr-x"));
      Files.setPosixFilePermissions(root.resolve("etc/sudoers.d/wheel"), PosixFilePermissions.fromString("rw-r--r--"));
      Files.setPosixFilePermissions(root.resolve("usr/local/bin/osb-hello"), PosixFilePermissions.fromString("rw-------"));
      Files.writeString(root.resolve("tmp/envscript"), ENVSCRIPT);
      return new Sandbox(root, logs);
    }

    static Path which(String tool) {
      for (String d : BIN_DIRS) {
        Path p = Path.of(d, tool);
        if (Files.isRegularFile(p) && Files.isExecutable(p)) {
          return p;
        }
      }
      throw new IllegalStateException("the fsscript test chroot needs '" + tool + "' on the host (looked in "
          + BIN_DIRS + ")");
    }

    static String exec(List<String> argv) throws IOException, InterruptedException {
      Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertTrue(p.waitFor(60, TimeUnit.SECONDS), argv + " timed out");
      assertEquals(0, p.exitValue(), () -> argv + " failed: " + out);
      return out;
    }

    /** What the runner does through the root overlay: the secret file the fsscript reads. */
    void putSecret(String account, String value) throws IOException {
      Path dir = root.resolve(FsscriptTest.SECRETS.substring(1));
      Files.createDirectories(dir);
      Files.writeString(dir.resolve(account), value + "\n");
      Files.setPosixFilePermissions(dir.resolve(account), PosixFilePermissions.fromString("rw-------"));
    }

    /** {@code chroot ROOT /bin/bash /tmp/osb-fsscript.sh} with a clean environment, as catalyst runs it. */
    Result run(String script) throws Exception {
      Files.writeString(root.resolve("tmp/osb-fsscript.sh"), script, StandardCharsets.UTF_8);
      Path out = Files.createTempFile(logs, "out", ".txt");
      Path err = Files.createTempFile(logs, "err", ".txt");
      ProcessBuilder pb = new ProcessBuilder(List.of(which("chroot").toString(), root.toString(), "/bin/bash",
          "/tmp/osb-fsscript.sh"))
          .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
          .redirectOutput(out.toFile())
          .redirectError(err.toFile());
      pb.environment().clear();
      pb.environment().putAll(Map.of("PATH", "/usr/bin:/bin:/usr/sbin:/sbin", "HOME", "/root", "LC_ALL", "C",
          "TERM", "dumb"));
      Process p = pb.start();
      if (!p.waitFor(120, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new AssertionError("the fsscript did not finish in 120 s");
      }
      return new Result(p.exitValue(), FsscriptTest.read(out), FsscriptTest.read(err));
    }

    String read(String rel) throws IOException {
      return Files.readString(root.resolve(rel), StandardCharsets.UTF_8);
    }

    boolean exists(String rel) {
      return Files.exists(root.resolve(rel), LinkOption.NOFOLLOW_LINKS);
    }

    String link(String rel) throws IOException {
      Path p = root.resolve(rel);
      assertTrue(Files.isSymbolicLink(p), rel + " is not a symlink");
      return Files.readSymbolicLink(p).toString();
    }

    Stat stat(String rel) throws IOException {
      Path p = root.resolve(rel);
      return new Stat(String.valueOf(Files.getAttribute(p, "unix:uid", LinkOption.NOFOLLOW_LINKS)),
          String.valueOf(Files.getAttribute(p, "unix:gid", LinkOption.NOFOLLOW_LINKS)),
          PosixFilePermissions.toString(Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS)));
    }

    /** A colon-separated table (passwd, group, shadow) keyed by its first field. */
    Map<String, String[]> table(String rel) throws IOException {
      Map<String, String[]> m = new TreeMap<>();
      for (String line : read(rel).lines().toList()) {
        String[] f = line.split(":", -1);
        m.put(f[0], f);
      }
      return m;
    }

    /**
     * Every path below the root with its type, owner, full mode and content digest or link
     * target; without the logs the test itself reads, shadow's backup files (they hold the state
     * before the last write) and the day of the last password change.
     */
    Map<String, String> snapshot() throws Exception {
      Map<String, String> m = new TreeMap<>();
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      try (Stream<Path> s = Files.walk(root)) {
        for (Path p : s.toList()) {
          String rel = root.relativize(p).toString();
          if (rel.startsWith("dev") || rel.startsWith("var/log/osb-") || rel.matches("etc/g?shadow-|etc/passwd-|etc/group-")) {
            continue;
          }
          int mode = (Integer) Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS);
          String what;
          if (Files.isSymbolicLink(p)) {
            what = "-> " + Files.readSymbolicLink(p);
          } else if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
            what = "dir";
          } else {
            byte[] content = Files.readAllBytes(p);
            if (rel.equals("etc/shadow")) {
              content = new String(content, StandardCharsets.UTF_8).replaceAll("(?m)^([^:]*:[^:]*:)[0-9]*:", "$1:")
                  .getBytes(StandardCharsets.UTF_8);
            }
            what = HexFormat.of().formatHex(sha.digest(content));
          }
          m.put(rel, Integer.toOctalString(mode) + " " + Files.getAttribute(p, "unix:uid", LinkOption.NOFOLLOW_LINKS)
              + ":" + Files.getAttribute(p, "unix:gid", LinkOption.NOFOLLOW_LINKS) + " " + what);
        }
      }
      return m;
    }
  }
}
