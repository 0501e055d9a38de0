package dev.osb.build.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.osb.build.RepoFetcher;
import dev.osb.build.Progress;
import dev.osb.build.Store;
import dev.osb.build.standin.StandIn;
import dev.osb.build.standin.StandInSeed;
import dev.osb.load.Inputs;
import dev.osb.model.OsConfig;
import dev.osb.model.Repo;
import dev.osb.plan.Build;
import dev.osb.plan.Plan;
import dev.osb.plan.PlanInputs;
import dev.osb.plan.Planner;
import dev.osb.templates.Generator;
import dev.osb.templates.OutputWriter;
import dev.osb.validate.Result;
import dev.osb.validate.Validator;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The native runner end to end, with the TEST STAND-IN for catalyst first on PATH: a real plan
 * (Validator, Planner, Generator, OutputWriter) of a small project with an overlay, a user with
 * an ssh key and services, and a git overlay (a repository made here, fetched into the store
 * through file:// by {@link RepoFetcher}, as osb:build does), rendered into {@code target/osb}; a
 * fake stage3 seed and snapshot in a temp store; then {@code unshare} + bind mounts +
 * {@code /osb/input} preparation + the stand-in, exactly as on a Gentoo host. Needs root, unshare and mount: they are there here and
 * in CI, and this test fails (it does not skip) without them.
 */
class NativeRunnerStandInTest {

  static final String TREEISH = "0123456789abcdef0123456789abcdef01234567";
  static final String SEED_URL = "https://distfiles.gentoo.org/releases/amd64/autobuilds/20261124T170000Z/"
      + "stage3-amd64-openrc-20261124T170000Z.tar.xz";
  static final String KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIEkOFnYssIYPg7kXCDt3eSWueqPC/N9z0tDOJg0i0NSz "
      + "admin@standin";

  static final String OS_YAML = """
      osb: 1
      name: standin
      description: The runner test's OS
      arch: amd64
      profile: default/linux/amd64/23.0
      snapshot:
        treeish: %s
      seed:
        url: %s
        sha512: %s
      make:
        makeopts: -j2
        accept_license: "@FREE"
      use: [-X]
      packages: [app-misc/hello]
      unmerge: [net-misc/netifrc]
      portage:
        build_only:
          use: { sys-devel/gcc: [-fortran] }
      system:
        hostname: standin
        timezone: Europe/Berlin
        locales: ["en_US.UTF-8 UTF-8"]
        keymap: us
      users:
        - name: admin
          groups: [wheel]
          shell: /bin/bash
          ssh_authorized_keys: ["%s"]
      services:
        enable: [sshd, chronyd]
      files:
        overlay: rootfs/
        remove: [/usr/share/doc]
      repos:
        - { name: site, sync: git, uri: "https://git.example/site.git", commit: %s, keep: true }
      scripts:
        fsscript: scripts/finalize.sh
      build:
        runner: native
        compression: xz
        cache: []
      """;

  /** The user fsscript: what the git overlay looks like inside the chroot while catalyst has it mounted. */
  static final String FINALIZE = """
      #!/bin/bash
      repo=/var/db/repos/site
      cat "$repo/app-misc/hello/hello-1.ebuild" > /etc/osb-repo-seen
      for f in "$repo" "$repo/profiles/repo_name" "$repo/app-misc/hello/files/hello.sh"; do
        if [ -O "$f" ] && [ -G "$f" ]; then echo "root-owned $f"; else echo "NOT root-owned $f"; fi
      done >> /etc/osb-repo-seen
      """;

  @TempDir
  static Path tmp;

  static Path project;
  static Path out;
  static Path store;
  static Plan plan;
  static OsConfig config;
  static String siteCommit;
  static Map<String, String> env;

  static void needsRoot() throws Exception {
    String uid = exec(List.of("id", "-u")).trim();
    assertEquals("0", uid, "the runner tests build a chroot and mount namespaces (unshare, mount --bind, chroot, "
        + "mknod), which need root; run the build as root, as CI does");
  }

  @BeforeAll
  static void setUp() throws Exception {
    needsRoot();
    for (String tool : List.of("unshare", "mount", "chroot", "tar", "xz", "gzip", "sha512sum", "b2sum")) {
      assertTrue(onPath(tool), tool + " is missing: the native runner test needs util-linux (unshare, mount), "
          + "coreutils (chroot, sha512sum, b2sum), tar, xz and gzip");
    }
    // the git overlay, as a CI user's checkout would have it (group-writable)
    Path site = tmp.resolve("site");
    dev.osb.build.EbuildRepos.write(site, "site", "gentoo", 0775);
    git(site, "init", "-q", "-b", "main");
    git(site, "add", "-A", ".");
    git(site, "-c", "user.name=OSB Test", "-c", "user.email=test@osb.invalid", "commit", "-q", "-m", "hello");
    siteCommit = git(site, "rev-parse", "HEAD");

    // the project: os.yaml and a root overlay owned by a CI user, group-writable
    project = tmp.resolve("project");
    Files.createDirectories(project.resolve("rootfs/etc"));
    Files.writeString(project.resolve("os.yaml"), OS_YAML.formatted(TREEISH, SEED_URL, "ab".repeat(64), KEY,
        siteCommit));
    Files.createDirectories(project.resolve("scripts"));
    Files.writeString(project.resolve("scripts/finalize.sh"), FINALIZE);
    Files.writeString(project.resolve("rootfs/etc/motd"), "Welcome to the stand-in OS\n");
    Path rootfs = project.resolve("rootfs");
    for (Path p : List.of(rootfs, rootfs.resolve("etc"), rootfs.resolve("etc/motd"))) {
      Files.setAttribute(p, "unix:uid", 1234, LinkOption.NOFOLLOW_LINKS);
      Files.setAttribute(p, "unix:gid", 1234, LinkOption.NOFOLLOW_LINKS);
      Files.setAttribute(p, "unix:mode", Files.isDirectory(p) ? 0775 : 0664, LinkOption.NOFOLLOW_LINKS);
    }
    Instant when = Instant.parse("2026-11-25T00:00:00Z");
    Inputs in = Inputs.forDirectory(project).withTimestamp(when)
        .withProject(Map.of("groupId", "dev.osb.test", "artifactId", "standin", "version", "1.0.0"));
    Result r = Validator.validate(project.resolve("os.yaml"), in);
    assertTrue(r.ok(), r.problems().toString());
    Planner.Result planned = Planner.plan(r.config(), new PlanInputs("dev.osb.test", "standin", "1.0.0", project, when,
        Map.of()));
    assertTrue(planned.problems().stream().noneMatch(p -> p.isError()),
        planned.problems().toString());
    plan = planned.plan();
    config = r.config();
    out = project.resolve("target/osb");
    OutputWriter.write(Generator.render(plan, null), out, project, "test");

    // the store: the seed where the plan says, the snapshot catalyst would mount
    store = tmp.resolve("store");
    Path seed = store.resolve("builds").resolve(plan.seedSubpath());
    Files.createDirectories(seed.getParent());
    Files.copy(StandInSeed.shared(), seed);
    Files.createDirectories(store.resolve("snapshots"));
    Files.writeString(store.resolve("snapshots/gentoo-" + TREEISH + ".sqfs"), "stand-in snapshot\n");
    // the git overlay, as osb:build puts it into the store (from a local mirror instead of https)
    Path tar = RepoFetcher.create().ensure(new RepoFetcher.Pinned("site", "file://" + site, siteCommit, null),
        new Store(store, Progress.NONE), Progress.NONE);
    assertEquals(RepoFetcher.tar(store, "site", siteCommit), tar);
    Files.createDirectories(tmp.resolve("distfiles"));
    env = StandIn.install(tmp.resolve("bin"));
  }

  final List<String> lines = Collections.synchronizedList(new ArrayList<>());

  NativeRunner runner() {
    return new NativeRunner(Host.system(env), new ProcessRunner(lines::add, Duration.ofSeconds(20),
        Duration.ofSeconds(5), env), out.resolve("logs"));
  }

  /** What osb:build gives the stage4 (BuildSupport.mounts): its root overlay and its git overlays. */
  Mounts mounts() {
    Mounts m = Mounts.of(project, out, store, tmp.resolve("distfiles")).withOverlay("stage4", "rootfs");
    for (Repo r : RepoFetcher.used(plan.build("stage4"), config)) {
      m = m.withRepo(r.name(), RepoFetcher.tar(store, r.name(), r.commit()));
    }
    assertEquals(Map.of("site", RepoFetcher.tar(store, "site", siteCommit)), m.repos());
    return m;
  }

  @Test
  void buildsTheStage4WithTheStandIn() throws Exception {
    Build b = plan.build("stage4");
    NativeRunner runner = runner();
    runner.catalyst("stage4", List.of("-c", "/osb/out/" + b.conf(), "-f", "/osb/out/specs/stage4.spec"), mounts(),
        Duration.ofMinutes(2));

    assertTrue(lines.stream().anyMatch(l -> l.startsWith("NOTICE  : catalyst TEST STAND-IN")), lines::toString);
    assertTrue(lines.contains("osb: /osb/input ready (portage, overlay/stage4, repos/site, root-owned); running "
        + tmp.resolve("bin/catalyst")), lines::toString);
    assertEquals("/osb/input/repos/site", b.value("repos"));
    assertTrue(lines.stream().anyMatch(l -> l.contains("stand-in: repo site from /osb/input/repos/site: repos.conf "
        + "written, contents at /var/db/repos/site")), lines::toString);
    Path log = out.resolve("logs/stage4.log");
    assertTrue(Files.readString(log).contains("stand-in: built /var/tmp/catalyst/builds/"), "the log has it all");

    Path builds = store.resolve("builds").resolve(b.relType());
    Path tarball = builds.resolve(b.outputName() + ".tar.xz");
    assertEquals("dev.osb.test.standin/stage4-amd64-stage4-1.0.0", b.subpath());
    assertTrue(Files.isRegularFile(tarball), () -> "no " + tarball + " in\n" + String.join("\n", lines));
    assertTrue(Files.size(builds.resolve(b.outputName() + ".tar.xz.CONTENTS.gz")) > 0);
    List<String> digests = Files.readAllLines(builds.resolve(b.outputName() + ".tar.xz.DIGESTS"));
    assertEquals("# BLAKE2B HASH", digests.get(0));
    assertEquals("# SHA512 HASH", digests.get(2));
    assertEquals(CatalystStandInTest.sha512(tarball) + "  " + tarball.getFileName(), digests.get(3));

    Path x = unpack(tarball, tmp.resolve("unpacked"));
    // the account and its key, by the generated fsscript
    String passwd = Files.readString(x.resolve("etc/passwd"));
    assertTrue(passwd.lines().anyMatch(l -> l.matches("admin:x:1000:1000::/home/admin:/bin/bash")), passwd);
    assertTrue(Files.readString(x.resolve("etc/group")).lines().anyMatch(l -> l.matches("wheel:x:10:root,admin")));
    Path keys = x.resolve("home/admin/.ssh/authorized_keys");
    assertEquals(KEY + "\n", Files.readString(keys));
    assertEquals(1000, Files.getAttribute(keys, "unix:uid"));
    assertEquals(0600, (Integer) Files.getAttribute(keys, "unix:mode") & 07777);
    // the shipped make.conf, written by the fsscript and kept because the stage4 runs with sticky-config
    assertEquals(String.join("\n", b.fsscript().makeConf()) + "\n",
        Files.readString(x.resolve("etc/portage/make.conf")));
    assertTrue(Files.readString(out.resolve(b.conf())).contains("sticky-config"));
    // no build-only settings left
    try (Stream<Path> s = Files.walk(x.resolve("etc/portage"))) {
      List<String> prefixed = s.map(p -> x.relativize(p).toString()).filter(p -> p.contains("osb-build")).toList();
      assertEquals(List.of(), prefixed);
    }
    assertTrue(Files.exists(x.resolve("etc/portage/package.license/osb")), "shipped portage settings stay");
    // services: sshd linked, chronyd (not installed) only warned about, as catalyst does
    assertEquals(Path.of("/etc/init.d/sshd"), Files.readSymbolicLink(x.resolve("etc/runlevels/default/sshd")));
    assertFalse(Files.exists(x.resolve("etc/runlevels/default/chronyd"), LinkOption.NOFOLLOW_LINKS));
    assertTrue(lines.stream().anyMatch(l -> l.contains("rc-update: service `chronyd' does not exist")));
    // the rest of the spec
    assertEquals("hostname=\"standin\"\n", Files.readString(x.resolve("etc/conf.d/hostname")));
    assertEquals("../usr/share/zoneinfo/Europe/Berlin", Files.readSymbolicLink(x.resolve("etc/localtime")).toString());
    assertFalse(Files.exists(x.resolve("var/db/pkg/net-misc/netifrc-0.7.8")));
    assertFalse(Files.exists(x.resolve("usr/share/doc")));
    assertFalse(Files.exists(x.resolve("etc/resolv.conf"), LinkOption.NOFOLLOW_LINKS));
    assertFalse(Files.exists(x.resolve("var/tmp/osb-secrets")));
    assertEquals(List.of("locale-gen", "env-update"), Files.readAllLines(x.resolve("var/log/osb-stub.log")));
    // the overlay arrived through the root-owned, mode-normalised copy: / and /etc stay root's
    assertEquals("Welcome to the stand-in OS\n", Files.readString(x.resolve("etc/motd")));
    for (Path p : List.of(x, x.resolve("etc"), x.resolve("etc/motd"))) {
      assertEquals(0, Files.getAttribute(p, "unix:uid", LinkOption.NOFOLLOW_LINKS), p.toString());
      assertEquals(0, Files.getAttribute(p, "unix:gid", LinkOption.NOFOLLOW_LINKS), p.toString());
    }
    assertEquals(0755, (Integer) Files.getAttribute(x, "unix:mode") & 07777, "/ is 0755, not the overlay's 0775");
    assertEquals(0644, (Integer) Files.getAttribute(x.resolve("etc/motd"), "unix:mode") & 07777);
    // the git overlay reached the chroot at its pinned commit, root-owned, while the fsscript ran
    assertEquals(String.join("\n", "EAPI=8", "SLOT=\"0\"",
        "root-owned /var/db/repos/site",
        "root-owned /var/db/repos/site/profiles/repo_name",
        "root-owned /var/db/repos/site/app-misc/hello/files/hello.sh") + "\n",
        Files.readString(x.resolve("etc/osb-repo-seen")));
    // its contents are never kept (catalyst unmounts it); keep: true keeps its repos.conf entry
    assertEquals(List.of(), list(x.resolve("var/db/repos/site")));
    assertTrue(Files.readString(x.resolve("etc/portage/repos.conf/site.conf")).contains("location = /var/db/repos/site"));
    // nothing of the layout is left on the host
    assertFalse(Files.exists(Path.of("/osb/input")), "/osb/input lived in the namespace's tmpfs");
  }

  @Test
  void aSpecCatalystRefusesFailsTheStepWithExitCodeAndTail() throws Exception {
    String good = Files.readString(out.resolve("specs/stage4.spec"));
    Files.writeString(project.resolve("bad.spec"), good + "\nbogus_key: 1\n");
    NativeRunner runner = runner();
    StepFailedException e = assertThrows(StepFailedException.class, () -> runner.catalyst("bad",
        List.of("-c", "/osb/out/catalyst-sticky.conf", "-f", "/osb/project/bad.spec"), mounts(),
        Duration.ofMinutes(1)));
    assertEquals(1, e.exitCode());
    assertEquals(out.resolve("logs/bad.log"), e.log());
    assertTrue(e.tail().contains("ERROR   : Argument \"bogus_key\" not recognized."), e.tail()::toString);
    assertTrue(e.getMessage().startsWith("catalyst bad failed with exit code 1; full log: "
        + out.resolve("logs/bad.log") + "; last "), e.getMessage());
    assertTrue(e.getMessage().contains("\n  ERROR   : Argument \"bogus_key\" not recognized."), e.getMessage());
    assertTrue(Files.readString(e.log()).contains("Argument \"bogus_key\" not recognized."));
  }

  /** The layout itself, seen from inside: bash in place of catalyst. */
  @Test
  void theLayoutInsideTheNamespace() throws Exception {
    Path secrets = tmp.resolve("secrets");
    Files.createDirectories(secrets);
    Files.writeString(secrets.resolve("ADMIN_HASH"), "$6$x$y\n");
    Files.setAttribute(secrets.resolve("ADMIN_HASH"), "unix:mode", 0644);
    Mounts m = mounts().withOverlay("zfs", "").withSecrets(secrets);
    NativeRunner runner = new NativeRunner("bash", Host.system(env), new ProcessRunner(lines::add, null,
        Duration.ofSeconds(5), env), out.resolve("logs"));
    runner.catalyst("layout", List.of("-c", String.join("\n",
        "cd /osb/input && find . -printf '%M %U:%G %p\\n' | grep -v ' ./portage/stage4/.'",
        "echo portage-unnormalised=$(find /osb/input/portage \\( ! -user 0 -o ! -group 0 -o -perm /022 \\) | wc -l)",
        "touch /osb/project/x 2>/dev/null && echo project writable || echo project read-only",
        "touch /osb/out/x 2>/dev/null && echo out writable || echo out read-only",
        "touch /osb/secrets/x 2>/dev/null && echo secrets writable || echo secrets read-only",
        "touch /var/tmp/catalyst/layout-probe && echo store writable",
        "ls /var/cache/distfiles && echo distfiles mounted",
        "cat /osb/input/overlay/stage4/etc/motd")), m, Duration.ofMinutes(1));
    List<String> listing = lines.stream().filter(l -> l.matches("[-dlrwxtsST]{10} .*"))
        .sorted(java.util.Comparator.comparing(l -> l.substring(l.lastIndexOf(' ') + 1))).toList();
    assertEquals(List.of(
        "drwxr-xr-x 0:0 .",
        "drwxr-xr-x 0:0 ./overlay",
        "drwxr-xr-x 0:0 ./overlay/stage4",
        "drwxr-xr-x 0:0 ./overlay/stage4/etc",
        "-rw-r--r-- 0:0 ./overlay/stage4/etc/motd",
        "drwxr-xr-x 0:0 ./overlay/stage4/var",
        "drwxrwxrwt 0:0 ./overlay/stage4/var/tmp",
        "drwx------ 0:0 ./overlay/stage4/var/tmp/osb-secrets",
        "-rw------- 0:0 ./overlay/stage4/var/tmp/osb-secrets/ADMIN_HASH",
        "drwxr-xr-x 0:0 ./overlay/zfs",
        "drwxr-xr-x 0:0 ./overlay/zfs/var",
        "drwxrwxrwt 0:0 ./overlay/zfs/var/tmp",
        "drwx------ 0:0 ./overlay/zfs/var/tmp/osb-secrets",
        "-rw------- 0:0 ./overlay/zfs/var/tmp/osb-secrets/ADMIN_HASH",
        "drwxr-xr-x 0:0 ./portage",
        "drwxr-xr-x 0:0 ./portage/stage4",
        "drwxr-xr-x 0:0 ./repos",
        "drwxr-xr-x 0:0 ./repos/site",
        "drwxr-xr-x 0:0 ./repos/site/app-misc",
        "drwxr-xr-x 0:0 ./repos/site/app-misc/hello",
        "drwxr-xr-x 0:0 ./repos/site/app-misc/hello/files",
        "-rwxr-xr-x 0:0 ./repos/site/app-misc/hello/files/hello.sh",
        "-rw-r--r-- 0:0 ./repos/site/app-misc/hello/hello-1.ebuild",
        "drwxr-xr-x 0:0 ./repos/site/metadata",
        "-rw-r--r-- 0:0 ./repos/site/metadata/layout.conf",
        "drwxr-xr-x 0:0 ./repos/site/profiles",
        "-rw-r--r-- 0:0 ./repos/site/profiles/repo_name"), listing, lines::toString);
    for (String l : List.of("portage-unnormalised=0", "project read-only", "out read-only", "secrets read-only",
        "store writable", "distfiles mounted", "Welcome to the stand-in OS")) {
      assertTrue(lines.contains(l), l + " in " + lines);
    }
    assertTrue(Files.exists(store.resolve("layout-probe")), "the store is the host's");
    assertFalse(Files.exists(project.resolve("x")));
  }

  @Test
  void stopKillsTheRunningStep() throws Exception {
    NativeRunner runner = new NativeRunner("sleep", Host.system(env), new ProcessRunner(lines::add, null,
        Duration.ofSeconds(5), env), out.resolve("logs"));
    java.util.concurrent.CompletableFuture<Throwable> thrown = new java.util.concurrent.CompletableFuture<>();
    Thread t = new Thread(() -> {
      try {
        runner.catalyst("sleeper", List.of("1000"), mounts(), Duration.ofMinutes(1));
        thrown.complete(null);
      } catch (Throwable x) {
        thrown.complete(x);
      }
    });
    t.start();
    for (int i = 0; i < 500 && lines.stream().noneMatch(l -> l.startsWith("osb: /osb/input ready")); i++) {
      Thread.sleep(10);
    }
    runner.stop("sleeper");
    Throwable e = thrown.get(20, TimeUnit.SECONDS);
    assertTrue(e instanceof StepFailedException, String.valueOf(e));
    assertEquals(143, ((StepFailedException) e).exitCode(), e.getMessage());
  }

  // ------------------------------------------------------------------ helpers

  static Path unpack(Path tarball, Path dir) throws Exception {
    Files.createDirectories(dir);
    exec(List.of("tar", "-xpf", tarball.toString(), "--numeric-owner", "-C", dir.toString()));
    return dir;
  }

  static List<String> list(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  static boolean onPath(String tool) {
    for (String d : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(File.pathSeparator)) {
      if (!d.isEmpty() && Files.isExecutable(Path.of(d, tool))) {
        return true;
      }
    }
    return false;
  }

  /** git with no user or system configuration, fixed dates. */
  static String git(Path dir, String... args) throws Exception {
    List<String> argv = new ArrayList<>(List.of("git"));
    argv.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(argv).directory(dir.toFile()).redirectErrorStream(true);
    pb.environment().putAll(Map.of("GIT_CONFIG_GLOBAL", "/dev/null", "GIT_CONFIG_NOSYSTEM", "1",
        "GIT_AUTHOR_DATE", "2026-01-01T00:00:00Z", "GIT_COMMITTER_DATE", "2026-01-01T00:00:00Z"));
    Process p = pb.start();
    String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), argv + " timed out");
    assertEquals(0, p.exitValue(), () -> argv + " failed: " + text);
    return text.strip();
  }

  static String exec(List<String> argv) throws Exception {
    Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
    String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), argv + " timed out");
    assertEquals(0, p.exitValue(), () -> argv + " failed: " + text);
    return text;
  }
}
