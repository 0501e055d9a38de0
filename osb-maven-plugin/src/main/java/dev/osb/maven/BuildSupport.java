package dev.osb.maven;

import dev.osb.build.run.Mounts;
import dev.osb.model.OsConfig;
import dev.osb.plan.Build;
import dev.osb.plan.Layout;
import java.io.IOException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.apache.maven.plugin.MojoFailureException;

/** What osb:plan, osb:build and osb:package share: the runner's name, its arguments and mounts, digests. */
final class BuildSupport {

  private BuildSupport() {}

  /** The runner: {@code -Dosb.runner} when set, else os.yaml {@code build.runner}. */
  static String runnerName(String runner, OsConfig os) throws MojoFailureException {
    if (runner == null || runner.isBlank()) {
      return os.build().runner().id();
    }
    String r = runner.trim().toLowerCase(Locale.ROOT);
    if (!List.of("podman", "docker", "native").contains(r)) {
      throw new MojoFailureException("<runner> / -D" + PropertyNames.RUNNER + " is '" + runner
          + "'; use podman, docker or native (or leave it unset for os.yaml build.runner)");
    }
    return r;
  }

  /** catalyst's arguments for a build, paths as seen inside the layout. */
  static List<String> catalystArgs(Build b) {
    return List.of("-c", Layout.out(b.conf()), "-f", Layout.out("specs/" + b.id() + ".spec"));
  }

  /** The root overlay a stage4 or variant gets prepared, as the runner is told. */
  static Mounts mounts(Mounts base, Build b, OsConfig os, Path projectRoot) {
    if (b.value("stage4/root_overlay") == null) {
      return base;
    }
    OsConfig c = b.kind() == Build.Kind.VARIANT && os.variants().get(b.id()) != null ? os.variants().get(b.id()) : os;
    Path overlay = c.files() == null ? null : c.files().overlay();
    if (overlay == null) {
      return base.withOverlay(b.id(), "");
    }
    return base.withOverlay(b.id(), projectRoot.relativize(overlay.toAbsolutePath().normalize()).toString());
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Whether StageVerifier checks the build's output: the stage4 and its variants. */
  static boolean verified(Build b) {
    return "stage4".equals(b.target());
  }

  /** Writes a text file atomically, creating its directory. */
  static void writeAtomically(Path file, String text) throws IOException {
    java.nio.file.Files.createDirectories(file.getParent());
    Path tmp = java.nio.file.Files.createTempFile(file.getParent(), ".", ".tmp");
    try {
      java.nio.file.Files.writeString(tmp, text, java.nio.charset.StandardCharsets.UTF_8);
      java.nio.file.Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    } finally {
      java.nio.file.Files.deleteIfExists(tmp);
    }
  }
}
