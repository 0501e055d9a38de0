package dev.osb.build.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContainerRunnerTest {

  static final Path OUT = Path.of("/home/ci/os/target/osb");
  static final Mounts MOUNTS = Mounts.of(Path.of("/home/ci/os"), OUT, Path.of("/var/cache/osb/store"),
      Path.of("/var/cache/osb/distfiles"));
  static final String NAME = ContainerRunner.containerName("stage4", OUT);
  static final List<String> ARGS = List.of("-c", "/osb/out/catalyst-sticky.conf", "-f", "/osb/out/specs/stage4.spec");

  final List<String> lines = Collections.synchronizedList(new ArrayList<>());

  PodmanRunner podman(Host host) {
    return new PodmanRunner("localhost/osb-catalyst:abc123", null, host, new ProcessRunner(lines::add),
        Path.of("/home/ci/os/target/osb/logs"));
  }

  DockerRunner docker(Host host, List<String> flags) {
    return new DockerRunner("osb-catalyst:abc123", flags, host, new ProcessRunner(lines::add),
        Path.of("/home/ci/os/target/osb/logs"));
  }

  @Test
  void containerNamesAreStablePerProjectAndSafe() {
    assertTrue(NAME.matches("osb-stage4-[0-9a-f]{8}"), NAME);
    assertEquals(NAME, ContainerRunner.containerName("stage4", Path.of("/home/ci/os/target/../target/osb")));
    assertNotEquals(NAME, ContainerRunner.containerName("stage4", Path.of("/home/ci/other/target/osb")));
    assertTrue(ContainerRunner.containerName("Zfs_v2.x", OUT).startsWith("osb-zfs_v2.x-"));
    assertTrue(ContainerRunner.containerName("a".repeat(100), OUT).matches("osb-a{40}-[0-9a-f]{8}"));
  }

  @Test
  void podmanArgv() {
    assertEquals(List.of("podman", "run", "--rm", "--init", "--pull=never", "--name", NAME, "--privileged",
        "-v", "/home/ci/os:/osb/project:ro",
        "-v", "/home/ci/os/target/osb:/osb/out:ro",
        "-v", "/var/cache/osb/store:/var/tmp/catalyst",
        "-v", "/var/cache/osb/distfiles:/var/cache/distfiles",
        "--entrypoint", "/bin/bash", "localhost/osb-catalyst:abc123",
        "-c", InputScripts.PREPARE, "osb-prepare",
        "--", "catalyst", "-c", "/osb/out/catalyst-sticky.conf", "-f", "/osb/out/specs/stage4.spec"),
        podman(new FakeHost(0)).runArgv("stage4", ARGS, MOUNTS));
  }

  @Test
  void dockerArgvWithOverlaysSecretsAndOtherFlags() {
    Mounts m = MOUNTS.withOverlay("stage4", "rootfs/").withOverlay("zfs", "").withSecrets(Path.of("/run/osb/secrets"));
    assertEquals(List.of("docker", "run", "--rm", "--init", "--pull=never", "--name",
        ContainerRunner.containerName("zfs", OUT), "--cap-add", "SYS_ADMIN", "--device", "/dev/loop-control",
        "-v", "/home/ci/os:/osb/project:ro",
        "-v", "/home/ci/os/target/osb:/osb/out:ro",
        "-v", "/var/cache/osb/store:/var/tmp/catalyst",
        "-v", "/var/cache/osb/distfiles:/var/cache/distfiles",
        "-v", "/run/osb/secrets:/osb/secrets:ro",
        "--entrypoint", "/bin/bash", "osb-catalyst:abc123",
        "-c", InputScripts.PREPARE, "osb-prepare",
        "--overlay", "stage4", "/osb/project/rootfs",
        "--overlay", "zfs", "",
        "--", "catalyst", "-f", "/osb/out/specs/zfs.spec"),
        docker(new FakeHost(0), List.of("--cap-add", "SYS_ADMIN", "--device", "/dev/loop-control"))
            .runArgv("zfs", List.of("-f", "/osb/out/specs/zfs.spec"), m));
  }

  static final String COMMIT = "0123456789abcdef0123456789abcdef01234567";

  @Test
  void aGitOverlayIsPassedAsItsTarInTheStore() {
    Path tar = Path.of("/var/cache/osb/store/repos/site-" + COMMIT + ".tar");
    Mounts m = MOUNTS.withOverlay("stage4", "rootfs").withRepo("site", tar).withRepo("guru_2", Path.of(
        "/var/cache/osb/store/repos/guru_2-" + COMMIT + ".tar"));
    List<String> argv = podman(new FakeHost(0)).runArgv("stage4", ARGS, m);
    int script = argv.indexOf("osb-prepare");
    assertEquals(List.of("osb-prepare",
        "--overlay", "stage4", "/osb/project/rootfs",
        "--repo", "guru_2", "/var/tmp/catalyst/repos/guru_2-" + COMMIT + ".tar",
        "--repo", "site", "/var/tmp/catalyst/repos/site-" + COMMIT + ".tar",
        "--", "catalyst", "-c", "/osb/out/catalyst-sticky.conf", "-f", "/osb/out/specs/stage4.spec"),
        argv.subList(script, argv.size()));
    assertEquals(4, argv.stream().filter("-v"::equals).count(), "the tar comes through the store's mount");
    assertEquals(NativeRunner.argv(true, "catalyst", ARGS, m).subList(13, 22), argv.subList(script + 1, script + 10),
        "the native runner passes the same arguments");
  }

  @Test
  void repoTarsStayInTheStoreAndNamesAreRepositoryNames() {
    for (Path bad : List.of(Path.of("/etc/shadow.tar"), Path.of("/var/cache/osb/store"),
        Path.of("/var/cache/osb/store/repos/../../elsewhere/x.tar"), Path.of("/var/cache/osb/store/repos/site.tgz"),
        Path.of("/var/cache/osb/store/repos/a\nb.tar"))) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MOUNTS.withRepo("site", bad),
          bad.toString());
      assertTrue(e.getMessage().contains("must be a .tar file below the store /var/cache/osb/store"), e.getMessage());
    }
    for (String bad : List.of("", "-x", "a/b", "..", "a.b", "a b")) {
      assertThrows(IllegalArgumentException.class,
          () -> MOUNTS.withRepo(bad, Path.of("/var/cache/osb/store/repos/x.tar")), bad);
    }
    Path relative = Path.of("/var/cache/osb/store/./repos/site.tar");
    assertEquals(Map.of("site", Path.of("/var/cache/osb/store/repos/site.tar")), MOUNTS.withRepo("site", relative).repos());
  }

  @Test
  void stopRemoveAndVersionArgv() {
    PodmanRunner p = podman(new FakeHost(0));
    assertEquals(List.of("podman", "stop", "-t", "10", NAME), p.stopArgv(NAME));
    assertEquals(List.of("podman", "rm", "-f", NAME), p.removeArgv(NAME));
    assertEquals(List.of("podman", "version"), p.versionArgv());
    DockerRunner d = docker(new FakeHost(0), null);
    assertEquals(List.of("docker", "stop", "-t", "10", NAME), d.stopArgv(NAME));
    assertEquals(List.of("docker", "info", "--format", "{{json .SecurityOptions}}"), d.securityArgv());
    assertEquals(List.of("--privileged"), d.flags());
  }

  @Test
  void pathsThatBreakDashVAreRefused() {
    Mounts m = Mounts.of(Path.of("/home/ci/a:b"), OUT, Path.of("/s"), Path.of("/d"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> podman(new FakeHost(0)).runArgv("stage4", ARGS, m));
    assertTrue(e.getMessage().contains("/home/ci/a:b"), e.getMessage());
  }

  @Test
  void overlaySourcesStayInTheProject() {
    for (String bad : List.of("/etc", "../x", "a/../../b", "a//b", ".")) {
      assertThrows(IllegalArgumentException.class, () -> MOUNTS.withOverlay("stage4", bad), bad);
    }
    assertThrows(IllegalArgumentException.class, () -> MOUNTS.withOverlay("../x", "rootfs"));
    assertEquals(Map.of("stage4", "files/rootfs"), MOUNTS.withOverlay("stage4", "files/rootfs/").overlays());
  }

  // ------------------------------------------------------------------ first-use check

  @Test
  void everythingMissingIsReportedAtOnce() {
    RunnerUnavailableException e = assertThrows(RunnerUnavailableException.class,
        () -> podman(new FakeHost(1000)).prepare());
    assertEquals(2, e.missing().size(), e.getMessage());
    assertTrue(e.getMessage().startsWith("the podman runner cannot run catalyst on this machine (2 problems):\n"
        + "  - podman is not installed (not found on PATH): install it, or choose another build.runner\n"
        + "  - /dev/loop-control is missing: "), e.getMessage());
  }

  @Test
  void rootlessPodmanIsRefused() {
    FakeHost host = new FakeHost(1000, "podman").withLoop();
    RunnerUnavailableException e = assertThrows(RunnerUnavailableException.class, () -> podman(host).prepare());
    assertEquals(1, e.missing().size());
    assertTrue(e.missing().get(0).startsWith("this build runs as uid 1000, and OSB runs podman rootful"),
        e.getMessage());
  }

  @Test
  void anEngineThatDoesNotAnswerIsReported() {
    FakeHost host = new FakeHost(0, "docker").withLoop()
        .result("docker version", 1, "Client: ...\nCannot connect to the Docker daemon at unix:///var/run/docker.sock."
            + " Is the docker daemon running?\n");
    RunnerUnavailableException e = assertThrows(RunnerUnavailableException.class,
        () -> docker(host, null).prepare());
    assertEquals(List.of("`docker version` failed (exit 1): Cannot connect to the Docker daemon at "
        + "unix:///var/run/docker.sock. Is the docker daemon running?; is the docker daemon running, and may this "
        + "user use it (root, or the docker group)?"), e.missing());
  }

  @Test
  void rootlessDockerIsRefused() {
    FakeHost host = new FakeHost(1000, "docker").withLoop()
        .result("docker info --format {{json .SecurityOptions}}", 0, "[\"name=seccomp,profile=builtin\","
            + "\"name=rootless\",\"name=cgroupns\"]\n");
    RunnerUnavailableException e = assertThrows(RunnerUnavailableException.class,
        () -> docker(host, null).prepare());
    assertTrue(e.missing().get(0).startsWith("the docker daemon runs rootless"), e.getMessage());
  }

  @Test
  void theCheckRunsOnce() throws Exception {
    FakeHost host = new FakeHost(0, "podman").withLoop();
    PodmanRunner p = podman(host);
    p.prepare();
    p.prepare();
    assertEquals(List.of(List.of("podman", "version")), host.executed);
  }

  // ------------------------------------------------------------------ the flow, with a fake engine

  /**
   * A fake {@code podman}: {@code version} answers, {@code rm} says there is no such container,
   * {@code run} prints its first arguments and exits with FAKE_EXIT (or sleeps with FAKE_SLEEP),
   * {@code stop} is recorded.
   */
  static Path fakeEngine(Path dir) throws Exception {
    Path engine = dir.resolve("podman");
    Files.writeString(engine, """
        #!/bin/bash
        printf '%s\\n' "${*//$'\\n'/ }" >> "$FAKE_CALLS"
        case $1 in
          version) echo 'podman version 5.0.0' ;;
          rm) echo "Error: no container with name or ID \\"$3\\" found" >&2; exit 1 ;;
          stop) echo "$4" ;;
          run)
            echo "fake engine: run --name $6"
            echo 'catalyst: building'
            if [ -n "${FAKE_SLEEP:-}" ]; then sleep "$FAKE_SLEEP"; fi
            exit "${FAKE_EXIT:-0}" ;;
        esac
        """);
    Files.setPosixFilePermissions(engine, PosixFilePermissions.fromString("rwxr-xr-x"));
    return engine;
  }

  PodmanRunner fakePodman(Path tmp, Map<String, String> env) throws Exception {
    Path engine = fakeEngine(tmp);
    FakeHost fake = new FakeHost(0, engine.toString()).withLoop();
    Host real = Host.system(env);
    fake.fallback = argv -> {
      try {
        return real.exec(argv, Duration.ofSeconds(10));
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
    };
    return new PodmanRunner(engine.toString(), "osb-catalyst:test", null, fake,
        new ProcessRunner(lines::add, null, Duration.ofSeconds(2), env), tmp.resolve("logs"));
  }

  @Test
  void aFailedRunStopsTheContainerByNameAndReportsTheLog(@TempDir Path tmp) throws Exception {
    Path calls = tmp.resolve("calls");
    Map<String, String> env = Map.of("FAKE_CALLS", calls.toString(), "FAKE_EXIT", "2");
    PodmanRunner p = fakePodman(tmp, env);
    Mounts m = Mounts.of(tmp.resolve("project"), tmp.resolve("project/target/osb"), tmp.resolve("store"),
        tmp.resolve("distfiles"));
    Files.createDirectories(m.out());
    String name = ContainerRunner.containerName("stage4", m.out());
    StepFailedException e = assertThrows(StepFailedException.class,
        () -> p.catalyst("stage4", ARGS, m, Duration.ofSeconds(30)));
    assertEquals(2, e.exitCode());
    assertEquals(tmp.resolve("logs/stage4.log"), e.log());
    assertEquals(List.of("fake engine: run --name " + name, "catalyst: building"), e.tail());
    List<String> called = Files.readAllLines(calls);
    assertEquals("version", called.get(0));
    assertEquals("rm -f " + name, called.get(1), "a container left by a killed run goes first");
    assertTrue(called.get(2).startsWith("run --rm --init --pull=never --name " + name + " --privileged -v "),
        called.get(2));
    assertEquals("stop -t 10 " + name, called.get(3), "a failed run stops the container by name");
    assertTrue(lines.contains("osb: stopped container " + name), lines::toString);
  }

  @Test
  void aTimeoutStopsTheContainerByName(@TempDir Path tmp) throws Exception {
    Path calls = tmp.resolve("calls");
    Map<String, String> env = Map.of("FAKE_CALLS", calls.toString(), "FAKE_SLEEP", "1000");
    PodmanRunner p = fakePodman(tmp, env);
    Mounts m = existing(tmp);
    StepFailedException e = assertThrows(StepFailedException.class,
        () -> p.catalyst("zfs", ARGS, m, Duration.ofMillis(800)));
    assertEquals(StepFailedException.Reason.TIMED_OUT, e.reason());
    assertTrue(Files.readAllLines(calls).contains("stop -t 10 " + ContainerRunner.containerName("zfs", m.out())));
  }

  @Test
  void aSuccessfulRunStopsNothing(@TempDir Path tmp) throws Exception {
    Path calls = tmp.resolve("calls");
    PodmanRunner p = fakePodman(tmp, Map.of("FAKE_CALLS", calls.toString()));
    Mounts m = existing(tmp);
    p.catalyst("stage4", ARGS, m, null);
    assertEquals(3, Files.readAllLines(calls).size(), "version, rm -f, run");
    assertTrue(Files.isDirectory(m.store()) && Files.isDirectory(m.distfiles()), "store and distfiles are created");
    assertTrue(Files.readString(tmp.resolve("logs/stage4.log")).contains("catalyst: building\n"));
  }

  @Test
  void aMissingRenderedTreeIsSaidPlainly(@TempDir Path tmp) throws Exception {
    PodmanRunner p = fakePodman(tmp, Map.of("FAKE_CALLS", tmp.resolve("calls").toString()));
    Files.createDirectories(tmp.resolve("p"));
    Mounts m = Mounts.of(tmp.resolve("p"), tmp.resolve("p/target/osb"), tmp.resolve("s"), tmp.resolve("d"));
    java.io.IOException e = assertThrows(java.io.IOException.class, () -> p.catalyst("stage4", ARGS, m, null));
    assertEquals(tmp.resolve("p/target/osb") + " does not exist: nothing to mount at /osb/out (run osb:generate "
        + "first)", e.getMessage());
  }

  /** Project and rendered tree exist; store and distfiles do not yet. */
  static Mounts existing(Path tmp) throws Exception {
    Files.createDirectories(tmp.resolve("p"));
    Files.createDirectories(tmp.resolve("o"));
    return Mounts.of(tmp.resolve("p"), tmp.resolve("o"), tmp.resolve("s"), tmp.resolve("d"));
  }

  // ------------------------------------------------------------------ the scripts

  /**
   * {@link InputScripts#PREPARE} as a container runs it: in a private mount namespace with a
   * tmpfs on /osb (as the container's own file system) and the store at /var/tmp/catalyst.
   */
  static ProcessResult prepare(Path store, List<String> args) throws Exception {
    NativeRunnerStandInTest.needsRoot();
    List<String> argv = new ArrayList<>(List.of("unshare", "--mount", "--propagation", "private", "/bin/bash", "-c",
        "set -e; mkdir -p /osb /var/tmp/catalyst; mount -t tmpfs osb-test /osb; mkdir /osb/out;"
            + " mount --bind \"$1\" /var/tmp/catalyst; shift; exec /bin/bash -c \"$0\" osb-prepare \"$@\"",
        InputScripts.PREPARE, store.toString()));
    argv.addAll(args);
    Process p = new ProcessBuilder(argv).start();
    String out = new String(p.getInputStream().readAllBytes());
    String err = new String(p.getErrorStream().readAllBytes());
    assertTrue(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS));
    return new ProcessResult(p.exitValue(), out, err);
  }

  record ProcessResult(int exit, String out, String err) {}

  @Test
  void thePrepareScriptUnpacksARepoRootOwnedAndNormalised(@TempDir Path tmp) throws Exception {
    // a tar as a CI user would make it: the user's uid, group-writable
    Path src = Files.createDirectories(tmp.resolve("src/profiles"));
    Files.writeString(src.resolve("repo_name"), "site\n");
    for (Path p : List.of(src.getParent(), src, src.resolve("repo_name"))) {
      Files.setAttribute(p, "unix:uid", 1234);
      Files.setAttribute(p, "unix:mode", Files.isDirectory(p) ? 0775 : 0664);
    }
    Path store = Files.createDirectories(tmp.resolve("store/repos"));
    NativeRunnerStandInTest.exec(List.of("tar", "-cf", store.resolve("site-" + COMMIT + ".tar").toString(),
        "-C", tmp.resolve("src").toString(), "."));
    ProcessResult r = prepare(tmp.resolve("store"), List.of("--repo", "site",
        "/var/tmp/catalyst/repos/site-" + COMMIT + ".tar", "--", "find", "/osb/input/repos", "-printf",
        "%M %U:%G %p\\n"));
    assertEquals(0, r.exit(), r.err());
    assertEquals(List.of(
        "osb: /osb/input ready (portage, repos/site, root-owned); running find",
        "drwxr-xr-x 0:0 /osb/input/repos",
        "drwxr-xr-x 0:0 /osb/input/repos/site",
        "drwxr-xr-x 0:0 /osb/input/repos/site/profiles",
        "-rw-r--r-- 0:0 /osb/input/repos/site/profiles/repo_name"), r.out().lines().toList());
  }

  @Test
  void thePrepareScriptRefusesBadRepoArguments(@TempDir Path tmp) throws Exception {
    Files.createDirectories(tmp.resolve("store/repos"));
    NativeRunnerStandInTest.exec(List.of("tar", "-cf", tmp.resolve("store/repos/x.tar").toString(), "--files-from",
        "/dev/null"));
    Files.writeString(tmp.resolve("store/repos/bad.tar"), "not a tar\n");
    String x = "/var/tmp/catalyst/repos/x.tar";
    String missing = "/var/tmp/catalyst/repos/site-" + COMMIT + ".tar";
    String outside = "/var/tmp/catalyst/repos/../../../../etc/x.tar";
    String notBelow = ", is not a .tar file below /var/tmp/catalyst/repos";
    List<List<String>> cases = List.of(
        List.of("64 bad repository name '../x'", "--repo", "../x", x, "--", "true"),
        List.of("64 bad repository name '-x'", "--repo", "-x", x, "--", "true"),
        List.of("64 bad repository name ''", "--repo", "", x, "--", "true"),
        List.of("64 bad repository name 'a.b'", "--repo", "a.b", x, "--", "true"),
        List.of("64 the archive of repository site, /etc/passwd" + notBelow, "--repo", "site", "/etc/passwd", "--",
            "true"),
        List.of("64 the archive of repository site, " + outside + notBelow, "--repo", "site", outside, "--", "true"),
        List.of("66 the archive of repository site, " + missing + ", is not a file (osb:build fetches it into the "
            + "store)", "--repo", "site", missing, "--", "true"),
        List.of("64 --repo needs a repository name and a tar file", "--repo", "site"),
        List.of("64 no command after --", "--repo", "site", x),
        List.of("2 tar: This does not look like a tar archive\ntar: Exiting with failure status due to previous errors",
            "--repo", "site", "/var/tmp/catalyst/repos/bad.tar", "--", "true"));
    for (List<String> c : cases) {
      ProcessResult r = prepare(tmp.resolve("store"), c.subList(1, c.size()));
      assertEquals(c.get(0), r.exit() + " " + r.err().strip().replaceFirst("^osb: prepare: ", ""), c.toString());
    }
  }

  @Test
  void theScriptsAreValidBash(@TempDir Path tmp) throws Exception {
    for (String script : List.of(InputScripts.PREPARE, InputScripts.NATIVE)) {
      Path f = tmp.resolve("s.sh");
      Files.writeString(f, script);
      Process p = new ProcessBuilder("bash", "-n", f.toString()).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes());
      assertEquals(0, p.waitFor(), out);
    }
    assertTrue(InputScripts.NATIVE.endsWith(InputScripts.PREPARE.substring("set -euo pipefail\n".length())),
        "the native script prepares /osb/input exactly as the containers do");
  }
}
