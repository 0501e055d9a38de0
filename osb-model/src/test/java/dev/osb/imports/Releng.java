package dev.osb.imports;

import dev.osb.catalyst.ParsedSpec;
import dev.osb.catalyst.SpecParser;
import dev.osb.plan.Build;
import dev.osb.plan.PortageFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * A releng checkout for the import tests, made from the verbatim copies in {@code
 * src/test/resources/catalyst/}: {@code releases/specs/amd64/} (releng/amd64) and {@code
 * releases/portage/} (releng-portage, from {@code shared/reference/releng/portage}). The two
 * files the specs name that the reference does not hold, {@code releases/scripts/wsl.sh} and
 * {@code releases/kconfig/amd64/dist-amd64-livecd.config}, are stand-ins with a line of text.
 * Stamping is catalyst-auto's, with fixed values.
 */
final class Releng {

  static final String TIMESTAMP = "20260101T000000Z";
  static final String DATESTAMP = "20260101";
  static final Instant WHEN = Instant.parse("2026-01-01T00:00:00Z");
  static final String TREEISH = "0123456789abcdef0123456789abcdef01234567";
  static final String SHA512 = "ab".repeat(64);

  private Releng() {}

  /** A directory of {@code src/test/resources/}. */
  static Path resource(String relative) {
    URL url = Releng.class.getResource("/" + relative);
    if (url == null) {
      throw new IllegalStateException("missing test resource " + relative);
    }
    try {
      return Path.of(url.toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Makes the checkout below {@code dir}; returns it (the value of @REPO_DIR@). */
  static Path checkout(Path dir) throws IOException {
    return checkout(dir, false);
  }

  /**
   * As {@link #checkout(Path)}; with {@code extra}, also the reconstructed specs of {@code
   * releng-extra/} (stage3d, livegui, diskimage, x32, llvm) and their stand-in trees and files.
   */
  static Path checkout(Path dir, boolean extra) throws IOException {
    Path repo = dir.resolve("releng");
    if (extra) {
      copyTree(resource("catalyst/releng-extra/specs/amd64"), repo.resolve("releases/specs/amd64"));
      copyTree(resource("catalyst/releng-extra/portage"), repo.resolve("releases/portage"));
      copyTree(resource("catalyst/releng-extra/kconfig"), repo.resolve("releases/kconfig/amd64"));
    }
    copyTree(resource("catalyst/releng/amd64"), repo.resolve("releases/specs/amd64"));
    copyTree(resource("catalyst/releng-portage"), repo.resolve("releases/portage"));
    Files.createDirectories(repo.resolve("releases/scripts"));
    Files.writeString(repo.resolve("releases/scripts/wsl.sh"), "#!/bin/bash\n# stand-in for releng's releases/scripts/wsl.sh\n");
    Files.createDirectories(repo.resolve("releases/kconfig/amd64"));
    Files.writeString(repo.resolve("releases/kconfig/amd64/dist-amd64-livecd.config"),
        "# stand-in for releng's dist-amd64-livecd.config\nCONFIG_64BIT=y\n");
    return repo;
  }

  /** Every spec of the checkout, sorted by path. */
  static List<Path> specs(Path repo) throws IOException {
    try (Stream<Path> s = Files.walk(repo.resolve("releases/specs/amd64"))) {
      return s.filter(p -> p.toString().endsWith(".spec")).sorted().toList();
    }
  }

  static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> s = Files.walk(from)) {
      for (Path p : s.sorted().toList()) {
        Path t = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(t);
        } else {
          Files.copy(p, t, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
  }

  /** catalyst-auto's sed: every placeholder replaced. */
  static String stamp(String spec, Path repo) {
    return spec.replace("@TIMESTAMP@", TIMESTAMP).replace("@DATESTAMP@", DATESTAMP)
        .replace("@REPO_DIR@", repo.toString()).replace("@TREEISH@", TREEISH);
  }

  static ParsedSpec parseStamped(Path spec, Path repo) {
    return SpecParser.parse(stamp(read(spec), repo));
  }

  static String read(Path p) {
    try {
      return Files.readString(p, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A seed the tests supply for a chain whose first spec starts from {@code source} (releng's
   * -latest link, or a dated build): a dated stage3 of the same flavour on distfiles.
   */
  static String seedUrl(String source) {
    String name = source.substring(source.lastIndexOf('/') + 1).replace("@TIMESTAMP@", TIMESTAMP)
        .replace("-latest", "-" + TIMESTAMP);
    if (!name.endsWith(".tar.xz")) {
      name = name + ".tar.xz";
    }
    return "https://distfiles.gentoo.org/releases/amd64/autobuilds/" + TIMESTAMP + "/" + name;
  }

  /** The planned tree of a build, as the bytes osb:generate writes (source files verbatim). */
  static Map<String, byte[]> plannedTree(Build b) {
    Map<String, byte[]> out = new TreeMap<>();
    for (PortageFile f : b.portage()) {
      try {
        out.put(f.path(), f.source() != null ? Files.readAllBytes(f.source())
            : (String.join("\n", f.lines()) + "\n").getBytes(StandardCharsets.UTF_8));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return out;
  }
}
