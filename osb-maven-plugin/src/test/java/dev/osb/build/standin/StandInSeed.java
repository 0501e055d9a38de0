package dev.osb.build.standin;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
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
 *
 * <p>{@link #buildForContainers} makes the same seed serve a container runner too: it is then
 * also the base of the catalyst image built from OSB's real {@code catalyst.Containerfile}
 * ({@code FROM scratch}, {@code ADD} the seed, {@code RUN --mount} of the portage image's tree
 * {@code emerge dev-util/catalyst ... && portageq distdir && rm -rf ...}). For that it adds {@code
 * /bin/sh} (bash, as on Gentoo), the host tools the stand-in and the runner's prepare script
 * run inside the container ({@link #CONTAINER_TOOLS}), a {@code portageq} stand-in answering
 * {@code distdir}, an {@code emerge} stand-in that, asked for {@code dev-util/catalyst}, checks
 * that every requested package is in the ::gentoo tree at {@code /var/db/repos/gentoo} and
 * installs the TEST STAND-IN launcher as {@code /usr/bin/catalyst}, and under {@code
 * /opt/osb-standin/} the stand-in itself: a Java runtime made with {@code jlink} from the
 * running JDK (only the modules the stand-in needs, with the shared libraries ldd names), its
 * classes and that launcher.
 */
public final class StandInSeed {

  private StandInSeed() {}

  /** Real commands of the seed. */
  public static final List<String> TOOLS = List.of("bash", "cat", "mkdir", "chmod", "chown", "ln", "rm", "id",
      "getent", "useradd", "usermod", "groupadd");

  /** Gentoo-only commands, replaced by loggers. */
  public static final List<String> STUBS = List.of("emerge", "locale-gen", "env-update", "systemctl", "rc-update");

  /**
   * More real commands of the container seed: what the stand-in runs (tar with xz and gzip,
   * chroot, sed, cp, the digest tools), what the runner's prepare script runs ({@code cp},
   * {@code chown}, {@code chmod}, {@code mkdir}, {@code install}, {@code rm}), and {@code sleep}
   * for an fsscript that outlasts a timeout.
   */
  public static final List<String> CONTAINER_TOOLS = List.of("cp", "install", "sed", "tar", "xz", "gzip", "chroot",
      "sha512sum", "sha256sum", "b2sum", "sleep");

  /** Where the container seed holds the stand-in: its Java runtime, classes and launcher. */
  public static final String OPT = "/opt/osb-standin";

  /** The seed's /etc/os-release, which an image of a stage built from it shows. */
  public static final String OS_RELEASE = "NAME=Gentoo\nID=gentoo\nPRETTY_NAME=\"Gentoo Linux (OSB test stand-in seed)\"\n"
      + "VERSION_ID=2.17\nHOME_URL=\"https://www.gentoo.org/\"\n";

  /** The emerge stand-in of the container seed (see the class comment). */
  static final String CONTAINER_EMERGE = "#!/bin/bash\n"
      + "# test seed stand-in for emerge, NOT portage: logs its arguments; asked for dev-util/catalyst (the RUN of\n"
      + "# OSB's catalyst.Containerfile) it checks that every requested package is in the ::gentoo tree and\n"
      + "# installs the TEST STAND-IN FOR CATALYST as /usr/bin/catalyst. Everything else only logs.\n"
      + "printf '%s\\n' \"emerge${*:+ $*}\" >> /var/log/osb-stub.log\n"
      + "atoms=()\n"
      + "for a in \"$@\"; do\n"
      + "  case $a in -*) ;; *) atoms+=(\"$a\") ;; esac\n"
      + "done\n"
      + "case \" ${atoms[*]} \" in *' dev-util/catalyst '*) ;; *) exit 0 ;; esac\n"
      + "for a in \"${atoms[@]}\"; do\n"
      + "  if [ ! -d \"/var/db/repos/gentoo/$a\" ]; then\n"
      + "    printf '\\nemerge: there are no ebuilds to satisfy \"%s\".\\n' \"$a\" >&2\n"
      + "    exit 1\n"
      + "  fi\n"
      + "done\n"
      + "install -m 0755 " + OPT + "/catalyst /usr/bin/catalyst\n"
      + "printf '>>> emerge stand-in: installed the TEST STAND-IN FOR CATALYST as /usr/bin/catalyst (not catalyst; "
      + "the other packages are not installed: %s)\\n' \"${atoms[*]}\"\n";

  /** The portageq stand-in of the container seed: {@code distdir}, as portage answers without a DISTDIR. */
  static final String CONTAINER_PORTAGEQ = "#!/bin/bash\n"
      + "# test seed stand-in for portageq, NOT portage: answers only 'portageq distdir'\n"
      + "if [ \"$#\" -eq 1 ] && [ \"$1\" = distdir ]; then\n"
      + "  echo /var/cache/distfiles\n"
      + "  exit 0\n"
      + "fi\n"
      + "printf 'portageq stand-in: only \"portageq distdir\" is modelled, not: portageq %s\\n' \"$*\" >&2\n"
      + "exit 1\n";

  static final List<String> BIN_DIRS = List.of("/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin",
      "/bin");

  /** The seed's make.conf, as a real stage3's. */
  public static final String MAKE_CONF = "# These settings were set by the catalyst build script that automatically\n"
      + "# built this stage.\nCOMMON_FLAGS=\"-O2 -pipe\"\nCFLAGS=\"${COMMON_FLAGS}\"\nUSE=\"bindist\"\n";

  private static Path shared;

  /**
   * {@code StandInSeed [--containers] ROOT TARBALL}: builds the seed ({@link #build}, or {@link
   * #buildForContainers} with {@code --containers}) into ROOT and TARBALL; files already in ROOT
   * (a world file, vdb entries) are kept. The ITs run this.
   */
  public static void main(String[] args) throws Exception {
    boolean containers = args.length == 3 && args[0].equals("--containers");
    if (args.length != (containers ? 3 : 2)) {
      System.err.println("usage: StandInSeed [--containers] ROOT TARBALL");
      System.exit(64);
    }
    int i = containers ? 1 : 0;
    long start = System.nanoTime();
    Path tarball = build(Path.of(args[i]), Path.of(args[i + 1]), containers);
    System.out.printf("StandInSeed: wrote %s (%d bytes) in %d ms%n", tarball, Files.size(tarball),
        (System.nanoTime() - start) / 1_000_000);
  }

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
    return build(root, tarball, false);
  }

  /**
   * {@link #build}, plus what makes the seed the base of the catalyst image and run the stand-in
   * inside a container (see the class comment). Needs this JVM to be a JDK (jlink, jdeps).
   */
  public static Path buildForContainers(Path root, Path tarball) throws IOException, InterruptedException {
    return build(root, tarball, true);
  }

  private static Path build(Path root, Path tarball, boolean container) throws IOException, InterruptedException {
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
    files.put("etc/os-release", OS_RELEASE);
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
    List<String> tools = new ArrayList<>(TOOLS);
    if (container) {
      tools.addAll(CONTAINER_TOOLS);
    }
    for (String tool : tools) {
      Path bin = which(tool);
      Path t = root.resolve("usr/bin/" + tool);
      Files.copy(bin, t);
      Files.setPosixFilePermissions(t, PosixFilePermissions.fromString("rwxr-xr-x"));
      libs.addAll(libraries(bin));
    }
    if (container) {
      libs.addAll(ContainerParts.write(root));
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
    if (container) {
      Files.createSymbolicLink(root.resolve("usr/bin/sh"), Path.of("bash"));
      script(root.resolve("usr/bin/emerge"), CONTAINER_EMERGE);
      script(root.resolve("usr/bin/portageq"), CONTAINER_PORTAGEQ);
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

  /** Writes an executable script (0755), replacing what is there. */
  static void script(Path file, String text) throws IOException {
    Files.createDirectories(file.getParent());
    Files.deleteIfExists(file);
    Files.writeString(file, text, StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  /** The absolute paths of the shared libraries {@code ldd} names for {@code binary}. */
  static List<String> libraries(Path binary) throws IOException, InterruptedException {
    List<String> out = new ArrayList<>();
    for (String word : exec(List.of("ldd", binary.toString())).split("\\s+")) {
      if (word.startsWith("/")) {
        out.add(word);
      }
    }
    return out;
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
