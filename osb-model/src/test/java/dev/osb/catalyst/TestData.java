package dev.osb.catalyst;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Locates the test data of this package and stamps releng placeholders. */
final class TestData {

  private TestData() {}

  static final String TIMESTAMP = "20260101T000000Z";
  static final String DATESTAMP = "20260101";
  static final String REPO_DIR = "/var/tmp/releng";
  static final String TREEISH = "0123456789abcdef0123456789abcdef01234567";

  /** A directory or file under {@code src/test/resources/catalyst/}. */
  static Path resource(String relative) {
    URL url = TestData.class.getResource("/catalyst/" + relative);
    if (url == null) {
      throw new IllegalStateException("missing test resource catalyst/" + relative);
    }
    try {
      return Path.of(url.toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The copied releng specs, relative to {@code releng/}: {@code amd64/stage1-openrc-23.spec}. */
  static List<String> relengSpecs() {
    Path root = resource("releng");
    try (Stream<Path> s = Files.walk(root)) {
      return s.filter(p -> p.toString().endsWith(".spec"))
          .map(p -> root.relativize(p).toString().replace('\\', '/'))
          .sorted()
          .collect(Collectors.toList());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The text of a copied releng spec, verbatim. */
  static String relengText(String relative) {
    return read(resource("releng").resolve(relative));
  }

  /** What catalyst's build script does before running catalyst: replace the @...@ stamps. */
  static String stamp(String spec) {
    return spec.replace("@TIMESTAMP@", TIMESTAMP)
        .replace("@DATESTAMP@", DATESTAMP)
        .replace("@REPO_DIR@", REPO_DIR)
        .replace("@TREEISH@", TREEISH);
  }

  /** A copied releng spec, stamped and parsed. */
  static ParsedSpec releng(String relative) {
    return SpecParser.parse(stamp(relengText(relative)));
  }

  /**
   * The original {@code shared/reference/releng/specs} folder, found by walking up from the
   * working directory (it sits beside the repository), if present.
   */
  static Optional<Path> originalRelengSpecs() {
    Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
    for (; dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("shared/reference/releng/specs");
      if (Files.isDirectory(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  static String read(Path p) {
    try {
      return Files.readString(p, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A parse result in the format of the catalyst dumps: {@code dump()}, then {@code WARN} lines
   * for catalyst's own warnings, or {@code ERROR <PythonType>: <message>}.
   */
  static String likeCatalyst(String specText) {
    StringBuilder sb = new StringBuilder();
    try {
      ParsedSpec p = SpecParser.parse(specText);
      sb.append(p.dump());
      for (String w : p.warnings()) {
        String text = w.replaceFirst("^line \\d+: ", "");
        if (text.startsWith("No value set for key")) {
          sb.append("WARN ").append(text).append('\n');
        }
      }
    } catch (SpecSyntaxException e) {
      sb.append("ERROR ").append(e.pythonError()).append('\n');
    }
    return sb.toString();
  }
}
