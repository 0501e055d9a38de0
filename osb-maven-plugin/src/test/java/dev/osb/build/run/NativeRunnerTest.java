package dev.osb.build.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class NativeRunnerTest {

  static final Mounts MOUNTS = Mounts.of(Path.of("/home/ci/os"), Path.of("/home/ci/os/target/osb"),
      Path.of("/var/cache/osb/store"), Path.of("/var/cache/osb/distfiles"));

  NativeRunner runner(Host host) {
    return new NativeRunner(host, new ProcessRunner(l -> { }), Path.of("/home/ci/os/target/osb/logs"));
  }

  @Test
  void argvAsRoot() {
    assertEquals(List.of("unshare", "--mount", "--propagation", "private", "/bin/bash", "-c", InputScripts.NATIVE,
        "osb-native", "/home/ci/os", "/home/ci/os/target/osb", "/var/cache/osb/store", "/var/cache/osb/distfiles", "",
        "--", "/usr/bin/catalyst", "-c", "/osb/out/catalyst-sticky.conf", "-f", "/osb/out/specs/stage4.spec"),
        NativeRunner.argv(true, "/usr/bin/catalyst",
            List.of("-c", "/osb/out/catalyst-sticky.conf", "-f", "/osb/out/specs/stage4.spec"), MOUNTS));
  }

  @Test
  void argvWithSudoOverlaysAndSecrets() {
    Mounts m = MOUNTS.withOverlay("stage4", "rootfs").withSecrets(Path.of("/run/osb/secrets"));
    assertEquals(List.of("sudo", "-n", "unshare", "--mount", "--propagation", "private", "/bin/bash", "-c",
        InputScripts.NATIVE, "osb-native", "/home/ci/os", "/home/ci/os/target/osb", "/var/cache/osb/store",
        "/var/cache/osb/distfiles", "/run/osb/secrets", "--overlay", "stage4", "/osb/project/rootfs",
        "--", "/usr/bin/catalyst", "-f", "/osb/out/specs/stage4.spec"),
        NativeRunner.argv(false, "/usr/bin/catalyst", List.of("-f", "/osb/out/specs/stage4.spec"), m));
  }

  @Test
  void everythingMissingIsReportedAtOnce() {
    FakeHost host = new FakeHost(1000, "sudo").result("sudo -n true", 1, "sudo: a password is required\n");
    RunnerUnavailableException e = assertThrows(RunnerUnavailableException.class, () -> runner(host).prepare());
    assertEquals(5, e.missing().size(), e.getMessage());
    assertTrue(e.missing().get(0).startsWith("catalyst is not on PATH: the native runner needs a Gentoo machine"));
    assertTrue(e.missing().get(1).startsWith("this build runs as uid 1000 and `sudo -n true` failed (sudo: a password "
        + "is required): catalyst needs root"), e.missing().get(1));
    assertTrue(e.missing().get(2).startsWith("unshare is not on PATH: install util-linux"));
    assertTrue(e.missing().get(3).startsWith("mount is not on PATH"));
    assertTrue(e.missing().get(4).startsWith("/dev/loop-control is missing"));
    assertTrue(e.getMessage().startsWith("the native runner cannot run catalyst on this machine (5 problems):\n  - "));
  }

  @Test
  void rootNeedsNoSudo() throws Exception {
    FakeHost host = new FakeHost(0, "catalyst", "unshare", "mount").withLoop();
    runner(host).prepare();
    assertEquals(List.of(), host.executed);
  }

  @Test
  void passwordlessSudoIsEnough() throws Exception {
    FakeHost host = new FakeHost(1000, "catalyst", "unshare", "mount", "sudo").withLoop();
    runner(host).prepare();
    assertEquals(List.of(List.of("sudo", "-n", "true")), host.executed);
  }

  @Test
  void logsAreNamedByBuild() {
    NativeRunner r = runner(new FakeHost(0));
    assertEquals(Path.of("/home/ci/os/target/osb/logs/zfs.log"), r.log("zfs"));
    assertThrows(IllegalArgumentException.class, () -> r.log("../x"));
  }
}
