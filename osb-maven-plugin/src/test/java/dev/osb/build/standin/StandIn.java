package dev.osb.build.standin;

import dev.osb.catalyst.SpecParser;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Puts the TEST STAND-IN for catalyst on a PATH: copies the launcher {@code standin/catalyst}
 * (test resources lose their exec bit when copied) into a directory and gives the environment
 * that makes it the first {@code catalyst} found and lets it start {@link CatalystStandIn}.
 */
public final class StandIn {

  private StandIn() {}

  /**
   * Installs {@code <binDir>/catalyst} and returns the environment to run it with: {@code PATH}
   * with {@code binDir} first, {@code OSB_STANDIN_CP} (this module's test classes and
   * osb-model's classes), {@code OSB_STANDIN_JAVA} (this JVM's java).
   */
  public static Map<String, String> install(Path binDir) throws IOException {
    Files.createDirectories(binDir);
    Path launcher = binDir.resolve("catalyst");
    try (InputStream in = StandIn.class.getClassLoader().getResourceAsStream("standin/catalyst")) {
      if (in == null) {
        throw new IOException("test resource standin/catalyst is missing");
      }
      Files.copy(in, launcher, StandardCopyOption.REPLACE_EXISTING);
    }
    Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));
    Map<String, String> env = new LinkedHashMap<>();
    env.put("PATH", binDir.toAbsolutePath() + ":" + System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
    env.put("OSB_STANDIN_CP", codeSource(CatalystStandIn.class) + ":" + codeSource(SpecParser.class));
    env.put("OSB_STANDIN_JAVA", Path.of(System.getProperty("java.home"), "bin", "java").toString());
    return env;
  }

  /** The class directory (or jar) a class was loaded from. */
  static Path codeSource(Class<?> c) {
    try {
      return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
