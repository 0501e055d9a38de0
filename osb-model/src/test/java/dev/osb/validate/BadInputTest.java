package dev.osb.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.osb.load.Inputs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The corpus of broken os.yaml files under {@code src/test/resources/bad/}: one directory per
 * case, holding an {@code os.yaml} (plus whatever else the case needs: parents it extends,
 * overlays, kernel configs) and an {@code expected.txt} with the exact, complete list of problems
 * the validator must report, one {@link Problem#format(Path)} line each, in the Result's order.
 *
 * <p>Case directories are named {@code NNN-short-name}. Each case is copied into a fresh temporary
 * directory, {@code <tmp>/project}, which is the project root; so in expected.txt every file is
 * relative to the case directory, and an absolute path inside a message is written {@code
 * <project>} (the project root) or {@code <tmp>} (the temporary directory around it). A few inputs
 * cannot be committed (a 5 MB file, a deep nesting, invalid UTF-8 bytes, symlinks):
 * {@link #SETUP} writes them into the copy, keyed by the short name.
 *
 * <p>Besides the exact list, every case must: finish (a 10 s guard against hangs), never throw,
 * be not ok when it has an error (a warning-only case is ok and has a warning), locate every
 * problem in an existing file of the case at line and column 1 or more, keep Java (class names,
 * exceptions) out of messages and hints, and never show the value of a secret, not even through
 * {@link Explain}.
 *
 * <p>A case may also hold {@value #BUILD_TOOL}: what Maven tells the validator (the POM's stage4
 * dependencies with scope provided, the reactor's projects); see {@link #inputs(Path, Path)}.
 *
 * <p>Run with {@code -Dosb.bad.update=true} to rewrite every expected.txt from the actual output
 * (then read the diff: each line must be at the offending value and say what is wrong and how to
 * fix it).
 */
class BadInputTest {

  static final Path CASES = Path.of(System.getProperty("basedir", System.getProperty("user.dir")))
      .resolve("src/test/resources/bad");
  static final boolean UPDATE = Boolean.getBoolean("osb.bad.update");

  static final String TREEISH = "3f0f5e1c8b6a4d2e9f7a1b3c5d7e9f0a1b2c3d4e";
  static final String SHA512 = "ab".repeat(64);
  static final String SEED = "https://distfiles.gentoo.org/releases/amd64/autobuilds/20261124T170000Z/"
      + "stage3-amd64-openrc-20261124T170000Z.tar.xz";
  /** The head of a valid os.yaml (6 lines). */
  static final String HEAD = "osb: 1\n"
      + "profile: default/linux/amd64/23.0\n"
      + "snapshot: { treeish: " + TREEISH + " }\n"
      + "seed:\n  url: " + SEED + "\n  sha512: " + SHA512 + "\n";

  /** The one defined secret; its value must never appear in any output. */
  static final String SECRET_NAME = "admin-password";
  static final String SECRET_VALUE = "Pl41nT3xt-never-shown";

  /** What the messages must never contain: Java class names, exceptions, object identities. */
  static final Pattern JAVA = Pattern.compile(
      "Exception|\\bjava\\.|\\bjavax\\.|org\\.snakeyaml|\\bdev\\.osb\\.|\\bsun\\."
          + "|\\b[A-Z][A-Za-z0-9]*(Node|Event|Error|Impl)\\b|Optional\\[|\\b[A-Z][A-Za-z]+@[0-9a-f]{4,}\\b");

  /** Runtime setup for cases whose input cannot be committed, by case name (without the number). */
  interface Setup {
    void apply(Path project, Path tmp) throws IOException;
  }

  static final Map<String, Setup> SETUP = Map.of(
      "invalid-utf8", (project, tmp) -> Files.write(project.resolve("os.yaml"), concat(
          HEAD.getBytes(StandardCharsets.UTF_8),
          "description: caf".getBytes(StandardCharsets.UTF_8),
          new byte[] {(byte) 0xE9},
          " (latin-1)\n".getBytes(StandardCharsets.UTF_8))),
      "too-large", (project, tmp) -> {
        StringBuilder sb = new StringBuilder(HEAD).append("description: big\n");
        String comment = "# " + "x".repeat(1021) + "\n"; // 1 KiB a line
        while (sb.length() < 5 * 1024 * 1024) {
          sb.append(comment);
        }
        sb.setLength(5 * 1024 * 1024);
        Files.writeString(project.resolve("os.yaml"), sb);
      },
      "deep-nesting", (project, tmp) -> Files.writeString(project.resolve("os.yaml"),
          HEAD + "packages: " + "[".repeat(100_000) + "]".repeat(100_000) + "\n"),
      "symlink-out", (project, tmp) -> {
        Path outside = Files.createDirectories(tmp.resolve("outside/etc"));
        Files.writeString(outside.resolve("shadow"), "root:x:0:0\n");
        Files.createSymbolicLink(project.resolve("rootfs"), tmp.resolve("outside"));
      },
      "dangling-symlink", (project, tmp) ->
          Files.createSymbolicLink(project.resolve("rootfs"), project.resolve("missing")),
      "extends-symlink-out", (project, tmp) -> {
        Files.writeString(tmp.resolve("outside.yaml"), "use: [-X]\n");
        Files.createSymbolicLink(project.resolve("base.yaml"), tmp.resolve("outside.yaml"));
      });

  static String shortName(String caseName) {
    return caseName.substring(caseName.indexOf('-') + 1);
  }

  static byte[] concat(byte[]... parts) {
    int n = 0;
    for (byte[] p : parts) {
      n += p.length;
    }
    byte[] out = new byte[n];
    int i = 0;
    for (byte[] p : parts) {
      System.arraycopy(p, 0, out, i, p.length);
      i += p.length;
    }
    return out;
  }

  static Stream<String> cases() throws IOException {
    try (Stream<Path> dirs = Files.list(CASES)) {
      return dirs.filter(Files::isDirectory).map(d -> d.getFileName().toString()).sorted().toList().stream();
    }
  }

  static Inputs inputs(Path project) {
    return Inputs.forDirectory(project)
        .withProject(Map.of("version", "1.0.0", "groupId", "com.example", "artifactId", "demo"))
        .withEnv(Map.of("HOME", "/root"))
        .withSecrets(name -> name.equals(SECRET_NAME) ? Optional.of(SECRET_VALUE) : Optional.empty());
  }

  /** The optional file of a case with what the build tool tells the validator. */
  static final String BUILD_TOOL = "build-tool.properties";

  /**
   * The case's inputs plus what Maven would tell the validator, from {@code build-tool.properties}
   * when the case has one: {@code provided.N = groupId:artifactId:version @ file:line:column}
   * (the POM's stage4 dependencies with scope provided, in order) and {@code reactor =
   * groupId:artifactId, ...} (the reactor's projects).
   */
  static Inputs inputs(Path project, Path caseDir) throws IOException {
    Inputs in = inputs(project);
    Path file = caseDir.resolve(BUILD_TOOL);
    if (!Files.isRegularFile(file)) {
      return in;
    }
    java.util.Properties p = new java.util.Properties();
    try (var reader = Files.newBufferedReader(file)) {
      p.load(reader);
    }
    List<Inputs.ProvidedSeed> provided = new ArrayList<>();
    for (int i = 1; p.getProperty("provided." + i) != null; i++) {
      String[] v = p.getProperty("provided." + i).split("\\s*@\\s*");
      String[] at = v[1].split(":");
      provided.add(new Inputs.ProvidedSeed(v[0].trim(), new dev.osb.load.Location(project.resolve(at[0]),
          Integer.parseInt(at[1]), Integer.parseInt(at[2]))));
    }
    java.util.Set<String> reactor = new java.util.TreeSet<>();
    for (String s : p.getProperty("reactor", "").split(",")) {
      if (!s.isBlank()) {
        reactor.add(s.trim());
      }
    }
    return in.withProvidedSeeds(provided).withReactorProjects(reactor);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void badInput(String name, @TempDir Path tmp) throws Exception {
    Path source = CASES.resolve(name);
    Path project = tmp.resolve("project");
    copy(source, project);
    Setup setup = SETUP.get(shortName(name));
    if (setup != null) {
      setup.apply(project, tmp);
    }
    Path osYaml = project.resolve("os.yaml");
    assertTrue(Files.exists(osYaml, LinkOption.NOFOLLOW_LINKS), name + ": the case has no os.yaml");

    // a hang guard only: every case takes milliseconds
    Object outcome = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
      try {
        return Validator.validate(osYaml, inputs(project, source));
      } catch (Throwable t) {
        return t;
      }
    }, name + " did not finish");
    if (outcome instanceof Throwable t) {
      throw new AssertionError(name + ": the validator threw instead of reporting problems", t);
    }
    Result result = (Result) outcome;

    List<String> actual = new ArrayList<>();
    for (Problem p : result.problems()) {
      actual.add(hermetic(p.format(project), project, tmp));
    }
    Path expectedFile = source.resolve("expected.txt");
    if (UPDATE) {
      Files.writeString(expectedFile, actual.isEmpty() ? "" : String.join("\n", actual) + "\n");
    }
    assertTrue(Files.exists(expectedFile), name + ": no expected.txt (run with -Dosb.bad.update=true)");
    List<String> expected = Files.readAllLines(expectedFile).stream().filter(l -> !l.isBlank()).toList();
    assertEquals(String.join("\n", expected), String.join("\n", actual), name + ": problems differ");

    // the general promises, whatever the case
    assertFalse(result.problems().isEmpty(), name + ": a bad input must report something");
    if (result.errors().isEmpty()) {
      assertTrue(result.ok(), name);
      assertFalse(result.warnings().isEmpty(), name + ": a warning-only case has a warning");
    } else {
      assertFalse(result.ok(), name + ": a case with an error is not ok");
    }
    for (Problem p : result.problems()) {
      String line = p.format(project);
      Path file = p.location().file().toAbsolutePath().normalize();
      assertTrue(file.startsWith(project.toAbsolutePath().normalize()), name + ": outside the case: " + line);
      assertTrue(Files.exists(file, LinkOption.NOFOLLOW_LINKS), name + ": no such file: " + line);
      assertTrue(p.location().line() >= 1 && p.location().column() >= 1, name + ": " + line);
      assertFalse(JAVA.matcher(p.message()).find(), name + ": Java leaks into the message: " + line);
      if (p.hint() != null) {
        assertFalse(JAVA.matcher(p.hint()).find(), name + ": Java leaks into the hint: " + line);
        assertFalse(p.hint().isBlank(), name + ": blank hint: " + line);
      }
      assertFalse(line.contains(SECRET_VALUE), name + ": a secret is shown: " + line);
    }
    for (String l : Explain.lines(result, project)) {
      assertFalse(l.contains(SECRET_VALUE), name + ": a secret is shown by explain: " + l);
    }
  }

  /** Absolute paths of the temporary directories become {@code <project>} and {@code <tmp>}. */
  static String hermetic(String line, Path project, Path tmp) throws IOException {
    Map<String, String> subst = new TreeMap<>((a, b) -> a.length() != b.length() ? b.length() - a.length() : a.compareTo(b));
    subst.put(project.toAbsolutePath().normalize().toString(), "<project>");
    subst.put(project.toRealPath().toString(), "<project>");
    subst.put(tmp.toAbsolutePath().normalize().toString(), "<tmp>");
    subst.put(tmp.toRealPath().toString(), "<tmp>");
    String out = line;
    for (Map.Entry<String, String> e : subst.entrySet()) {
      out = out.replace(e.getKey(), e.getValue());
    }
    return out;
  }

  static void copy(Path from, Path to) throws IOException {
    try (Stream<Path> all = Files.walk(from)) {
      for (Path p : all.toList()) {
        Path t = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
          Files.createDirectories(t);
        } else if (!p.getFileName().toString().equals("expected.txt")) {
          Files.copy(p, t);
        }
      }
    }
  }

  @Test
  void corpusIsComplete() throws IOException {
    List<String> names = cases().toList();
    assertTrue(names.size() >= 70, "at least 70 cases, found " + names.size());
    for (String name : names) {
      assertTrue(name.matches("[0-9]{3}-[a-z0-9-]+"), "case directory name " + name);
      assertTrue(Files.exists(CASES.resolve(name).resolve("expected.txt")), name + " has an expected.txt");
      assertTrue(SETUP.containsKey(shortName(name)) || Files.exists(CASES.resolve(name).resolve("os.yaml")),
          name + " has an os.yaml or a runtime setup");
      try (Stream<Path> all = Files.walk(CASES.resolve(name))) {
        assertTrue(all.noneMatch(Files::isSymbolicLink), name + ": symlinks are made at runtime, not committed");
      }
    }
    for (String name : SETUP.keySet()) {
      assertTrue(names.stream().anyMatch(n -> shortName(n).equals(name)), "SETUP names a missing case " + name);
    }
    Map<String, String> numbers = new TreeMap<>();
    for (String n : names) {
      String prev = numbers.put(n.substring(0, 3), n);
      assertNull(prev, "two cases share a number: " + prev + ", " + n);
    }
  }
}
