package dev.osb.build.standin;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * TEST STAND-IN material: a tiny fake stage3 seed for {@link CatalystStandIn}. It is a real root
 * file system as far as a generated fsscript needs one, built like {@code FsscriptRunTest}'s
 * sandbox: the host's bash, coreutils and shadow tools (useradd, usermod, groupadd, getent) with
 * their shared libraries (found with ldd), a small Gentoo-like {@code /etc} (passwd, group,
 * shadow, login.defs, conf.d, locale.gen, make.conf, init.d/sshd), {@code /dev/null}, a vdb
 * entry for {@code net-misc/netifrc} (for unmerge), {@code /usr/share/doc}, and logging
 * stand-ins for the Gentoo-only commands (emerge, locale-gen, env-update, systemctl, rc-update)
 * that append their arguments to {@code /var/log/osb-stub.log}. Needs root (mknod, owners).
 */
public final class StandInSeed {

  private StandInSeed() {}

  /** Real commands of the seed. */
  public static final List<String> TOOLS = List.of("bash", "cat", "mkdir", "chmod", "chown", "ln", "rm", "id",
      "getent", "useradd", "usermod", "groupadd");

  /** Gentoo-only commands, replaced by loggers. */
  public static final List<String> STUBS = List.of("emerge", "locale-gen", "env-update", "systemctl", "rc-update");

  static final List<String> BIN_DIRS = List.of("/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin",
      "/bin");

  /** The seed's make.conf, as a real stage3's. */
  public static final String MAKE_CONF = "# These settings were set by the catalyst build script that automatically\n"
      + "# built this stage.\nCOMMON_FLAGS=\"-O2 -pipe\"\nCFLAGS=\"${COMMON_FLAGS}\"\nUSE=\"bindist\"\n";

  private static Path shared;

  /**
   * One seed tarball per JVM, built on first use in a temporary directory that is deleted when
   * the JVM exits: building it (copying tools, packing) is the slow part of the runner tests.
   */
  public static synchronized Path shared() throws IOException, InterruptedException {
    if (shared == null) {
      Path dir = Files.createTempDirectory("osb-standin-seed-");
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        try {
          StandInBuild.deleteTree(dir);
        } catch (IOException e) {
          // a temp dir
        }
      }));
      shared = build(dir.resolve("root"), dir.resolve("stage3-test.tar.xz"));
    }
    return shared;
  }

  /**
   * Writes the root file system into {@code root} and packs it as {@code tarball} ({@code tar
   * --numeric-owner | xz -0}).
   */
  public static Path build(Path root, Path tarball) throws IOException, InterruptedException {
    Map<String, String> files = new TreeMap<>();
    files.put("etc/passwd", "root:x:0:0:root:/root:/bin/bash\nbin:x:1:1:bin:/bin:/sbin/nologin\n"
        + "sshd:x:22:22:sshd:/var/empty:/sbin/nologin\n");
    files.put("etc/group", "root:x:0:root\nbin:x:1:root,bin\nwheel:x:10:root\naudio:x:18:\nsshd:x:22:\nusers:x:100:\n");
    files.put("etc/shadow", "root:*:20000:0:::::\nbin:!:20000::::::\nsshd:!:20000::::::\n");
    files.put("etc/gshadow", "root:*::root\nbin:*::root,bin\nwheel:*::root\naudio:*::\nsshd:!::\nusers:*::\n");
    files.put("etc/login.defs", "MAIL_DIR\t/var/spool/mail\nUID_MIN\t\t\t 1000\nUID_MAX\t\t\t60000\n"
        + "GID_MIN\t\t\t 1000\nGID_MAX\t\t\t60000\nUSERGROUPS_ENAB yes\nENCRYPT_METHOD SHA512\n");
    files.put("etc/nsswitch.conf", "passwd: files\ngroup: files\nshadow: files\n");
    files.put("etc/skel/.bashrc", "# skeleton\n");
    files.put("etc/hosts", "127.0.0.1 localhost\n::1 localhost\n");
    files.put("etc/conf.d/hostname", "hostname=\"localhost\"\n");
    files.put("etc/conf.d/keymaps", "keymap=\"us\"\nwindowkeys=\"YES\"\n");
    files.put("etc/locale.gen", "#en_US.UTF-8 UTF-8\n");
    files.put("etc/portage/make.conf", MAKE_CONF);
    files.put("etc/init.d/sshd", "#!/sbin/openrc-run\ncommand=/usr/sbin/sshd\n");
    files.put("etc/init.d/net.lo", "#!/sbin/openrc-run\n# from net-misc/netifrc\n");
    files.put("var/db/pkg/net-misc/netifrc-0.7.8/CONTENTS", "dir /etc\ndir /etc/init.d\n"
        + "obj /etc/init.d/net.lo 0123456789abcdef0123456789abcdef 1700000000\n");
    files.put("var/db/pkg/net-misc/netifrc-0.7.8/SLOT", "0\n");
    files.put("var/db/pkg/sys-apps/openrc-0.54/SLOT", "0\n");
    files.put("usr/share/doc/openrc-0.54/README", "docs\n");
    files.put("usr/share/zoneinfo/Etc/UTC", "TZif2 UTC (test seed)\n");
    files.put("usr/share/zoneinfo/Europe/Berlin", "TZif2 Europe/Berlin (test seed)\n");
    for (Map.Entry<String, String> e : files.entrySet()) {
      Path p = root.resolve(e.getKey());
      Files.createDirectories(p.getParent());
      Files.writeString(p, e.getValue(), StandardCharsets.UTF_8);
    }
    for (String d : List.of("root", "home", "tmp", "var/log", "var/lib", "var/tmp", "var/empty", "dev", "usr/bin",
        "usr/lib", "run", "proc", "sys", "etc/runlevels/default", "etc/runlevels/boot", "etc/runlevels/sysinit")) {
      Files.createDirectories(root.resolve(d));
    }
    exec(List.of("chmod", "1777", root.resolve("tmp").toString(), root.resolve("var/tmp").toString()));
    Files.setPosixFilePermissions(root.resolve("root"), PosixFilePermissions.fromString("rwx------"));
    for (String f : List.of("etc/shadow", "etc/gshadow")) {
      Files.setPosixFilePermissions(root.resolve(f), PosixFilePermissions.fromString("rw-------"));
    }
    Files.setPosixFilePermissions(root.resolve("etc/init.d/sshd"), PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.createSymbolicLink(root.resolve("bin"), Path.of("usr/bin"));
    Files.createSymbolicLink(root.resolve("sbin"), Path.of("usr/bin"));
    Files.createSymbolicLink(root.resolve("usr/sbin"), Path.of("bin"));
    Files.createSymbolicLink(root.resolve("etc/localtime"), Path.of("../usr/share/zoneinfo/Etc/UTC"));
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
        Files.copy(Path.of(lib), t); // follows the host's symlinks: the seed gets plain files
      }
    }
    for (String stub : STUBS) {
      Path t = root.resolve("usr/bin/" + stub);
      Files.writeString(t, "#!/bin/bash\n# test seed stand-in: logs its arguments\nprintf '%s\\n' \"" + stub
          + "${*:+ $*}\" >> /var/log/osb-stub.log\n");
      Files.setPosixFilePermissions(t, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
    exec(List.of("mknod", "-m", "666", root.resolve("dev/null").toString(), "c", "1", "3"));
    Files.createDirectories(tarball.getParent());
    ProcessBuilder tar = new ProcessBuilder("tar", "-cpf", "-", "--numeric-owner", "-C", root.toString(), ".")
        .redirectError(ProcessBuilder.Redirect.INHERIT);
    ProcessBuilder xz = new ProcessBuilder("xz", "-0", "-T0", "-c").redirectOutput(tarball.toFile())
        .redirectError(ProcessBuilder.Redirect.INHERIT);
    for (Process p : ProcessBuilder.startPipeline(List.of(tar, xz))) {
      if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IOException("packing the test seed failed: " + p.info().commandLine().orElse("?"));
      }
    }
    return tarball;
  }

  static Path which(String tool) {
    for (String d : BIN_DIRS) {
      Path p = Path.of(d, tool);
      if (Files.isRegularFile(p) && Files.isExecutable(p)) {
        return p;
      }
    }
    throw new IllegalStateException("the stand-in's test seed needs '" + tool + "' on the host (looked in "
        + BIN_DIRS + ")");
  }

  static String exec(List<String> argv) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(argv).redirectErrorStream(true)
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IOException(argv + " failed: " + out);
    }
    return out;
  }
}
