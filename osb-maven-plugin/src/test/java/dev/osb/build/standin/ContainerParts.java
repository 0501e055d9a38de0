package dev.osb.build.standin;

import dev.osb.catalyst.SpecParser;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.spi.ToolProvider;
import java.util.stream.Stream;

/**
 * TEST STAND-IN material: the part of {@link StandInSeed#buildForContainers} that puts the TEST
 * STAND-IN FOR CATALYST itself into the seed, below {@link StandInSeed#OPT}:
 *
 * <ul>
 *   <li>{@code java/}: a Java runtime made with {@code jlink} from the running JDK, with only the
 *       modules {@code jdeps} finds the stand-in's classes need ({@code --strip-debug
 *       --no-man-pages --no-header-files});
 *   <li>{@code classes/standin/dev/osb/build/standin/} (the stand-in's package of this module's
 *       test classes) and {@code classes/model/} (osb-model's classes: the spec parser and key
 *       tables it enforces);
 *   <li>{@code catalyst}: the launcher the seed's emerge stand-in installs as {@code
 *       /usr/bin/catalyst}.
 * </ul>
 */
final class ContainerParts {

  private ContainerParts() {}

  /** The launcher, installed as /usr/bin/catalyst inside the catalyst image. */
  static final String LAUNCHER = "#!/bin/bash\n"
      + "# TEST STAND-IN FOR CATALYST. THIS IS NOT CATALYST.\n"
      + "# Installed as /usr/bin/catalyst by the OSB test seed's emerge stand-in when the catalyst image is built\n"
      + "# from OSB's catalyst.Containerfile. It starts dev.osb.build.standin.CatalystStandIn (see\n"
      + "# osb-maven-plugin/src/test/java) with the Java runtime and classes of the test seed.\n"
      + "exec " + StandInSeed.OPT + "/java/bin/java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:-UsePerfData"
      + " -cp " + StandInSeed.OPT + "/classes/standin:" + StandInSeed.OPT + "/classes/model"
      + " dev.osb.build.standin.CatalystStandIn \"$@\"\n";

  /**
   * Writes {@code <root>/opt/osb-standin}.
   *
   * @return the shared libraries outside the runtime that its binaries need (for the caller to copy)
   */
  static Set<String> write(Path root) throws IOException, InterruptedException {
    Path opt = root.resolve(StandInSeed.OPT.substring(1));
    Path standinClasses = StandIn.codeSource(CatalystStandIn.class);
    Path modelClasses = StandIn.codeSource(SpecParser.class);
    Path pkg = standinClasses.resolve(CatalystStandIn.class.getPackageName().replace('.', '/'));
    copyTree(pkg, opt.resolve("classes/standin").resolve(standinClasses.relativize(pkg)));
    copyTree(modelClasses, opt.resolve("classes/model"));

    String modules = tool("jdeps", "--print-module-deps", "--ignore-missing-deps", "--multi-release", "17",
        "-cp", modelClasses.toString(), pkg.toString()).strip();
    if (modules.isEmpty() || !modules.matches("[a-z0-9.,]+")) {
      throw new IOException("jdeps printed no module list for the stand-in: '" + modules + "'");
    }
    Path java = opt.resolve("java");
    tool("jlink", "--add-modules", modules, "--strip-debug", "--no-man-pages", "--no-header-files", "--output",
        java.toString());

    Path launcher = opt.resolve("catalyst");
    StandInSeed.script(launcher, LAUNCHER);

    Set<String> libs = new LinkedHashSet<>();
    List<Path> binaries = new ArrayList<>(List.of(java.resolve("bin/java")));
    try (Stream<Path> s = Files.walk(java.resolve("lib"))) {
      s.filter(p -> p.getFileName().toString().endsWith(".so")).sorted().forEach(binaries::add);
    }
    Path realRoot = root.toRealPath();
    for (Path b : binaries) {
      for (String lib : StandInSeed.libraries(b)) {
        if (!Path.of(lib).normalize().startsWith(realRoot) && !Path.of(lib).normalize().startsWith(root)) {
          libs.add(lib);
        }
      }
    }
    return libs;
  }

  /** Runs a JDK tool in this JVM; returns what it printed; fails on a non-zero exit. */
  private static String tool(String name, String... args) throws IOException {
    ToolProvider t = ToolProvider.findFirst(name).orElseThrow(() -> new IOException("the container seed needs "
        + name + ", which this Java runtime (" + System.getProperty("java.home") + ") lacks: run the tests with a"
        + " JDK (Debian: openjdk-17-jdk-headless)"));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code;
    try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      code = t.run(o, e, args);
    }
    String text = out.toString(StandardCharsets.UTF_8);
    if (code != 0) {
      throw new IOException(name + " " + String.join(" ", args) + " failed with exit code " + code + ": " + text
          + err.toString(StandardCharsets.UTF_8));
    }
    return text;
  }

  private static void copyTree(Path from, Path to) throws IOException {
    if (!Files.isDirectory(from)) {
      throw new IOException("the stand-in's classes " + from + " are not a directory (build the tests first: "
          + "mvn test-compile)");
    }
    try (Stream<Path> s = Files.walk(from)) {
      for (Path p : s.sorted().toList()) {
        Path t = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(t);
        } else {
          Files.copy(p, t);
        }
      }
    }
  }
}
