package dev.osb.build;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.osb.templates.OutputWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The order, argv and build contexts of the image steps, with an executor that records the
 * commands and plays the engine ({@code image exists} answers from a set of tags). The real
 * engine runs these in the podman ITs.
 */
class ImagesTest {

  @TempDir Path tmp;

  private FingerprintFixture.Planned planned;
  private Path out;
  private Store store;
  private final List<List<String>> commands = new ArrayList<>();
  private final Set<String> existing = new java.util.HashSet<>();
  /** What each build saw as its context's plain tar (name -> bytes), at build time. */
  private final List<byte[]> seenTars = new ArrayList<>();

  @BeforeEach
  void setUp() throws Exception {
    planned = FingerprintFixture.plan(FingerprintFixture.copy("chain", tmp.resolve("project")));
    out = tmp.resolve("out");
    OutputWriter.write(planned.rendered(), out, planned.root(), "test");
    store = new Store(tmp.resolve("store"), Progress.NONE);
  }

  private int run(String what, List<String> argv) throws IOException {
    commands.add(argv);
    switch (argv.get(1)) {
      case "image" -> {
        return existing.contains(argv.get(argv.size() - 1)) ? 0 : 1;
      }
      case "build" -> {
        Path context = Path.of(argv.get(argv.size() - 1));
        try (var files = Files.list(context)) {
          for (Path p : (Iterable<Path>) files::iterator) {
            if (p.getFileName().toString().endsWith(".tar")) {
              seenTars.add(Files.readAllBytes(p));
            }
          }
        }
        existing.add(argv.get(argv.indexOf("-t") + 1));
        return 0;
      }
      case "tag" -> {
        existing.add(argv.get(3));
        return 0;
      }
      default -> throw new AssertionError("unexpected " + argv);
    }
  }

  private List<String> verbs() {
    return commands.stream().map(c -> c.get(1) + (c.get(1).equals("image") ? " " + c.get(2) : "")).toList();
  }

  @Test
  void portageImageIsBuiltFromTheVerifiedTarOnceAndNamedForTheCatalystContainerfile() throws Exception {
    var plan = planned.plan();
    IOException missing = assertThrows(IOException.class,
        () -> Images.portage("podman", plan, out, store, this::run));
    assertTrue(missing.getMessage().contains("gentoo-" + plan.treeish() + ".tar"), missing.getMessage());

    Path tar = SnapshotMaker.tar(store, plan.treeish());
    Files.createDirectories(tar.getParent());
    Files.writeString(tar, "tree");
    String tag = Images.portage("podman", plan, out, store, this::run);
    assertTrue(tag.matches("osb-portage:[0-9a-f]{16}"), tag);
    assertEquals(List.of("image exists", "build", "tag"), verbs());
    List<String> build = commands.get(1);
    assertEquals(out.resolve("containers/portage.Containerfile").toString(), build.get(build.indexOf("-f") + 1));
    assertEquals(tar.getParent().toString(), build.get(build.size() - 1));
    assertEquals(List.of("podman", "tag", tag, plan.portageImage()), commands.get(2));
    assertTrue(Files.readString(out.resolve("containers/catalyst.Containerfile"))
        .contains(",from=" + plan.portageImage() + ","));

    commands.clear();
    assertEquals(tag, Images.portage("podman", plan, out, store, this::run));
    assertEquals(List.of("image exists", "tag"), verbs(), "an existing image is only named again");
  }

  @Test
  void catalystImageGetsTheSeedAsPlainTarOnlyWhileItIsBuilt() throws Exception {
    var plan = planned.plan();
    byte[] plain = "a plain tar stands here".getBytes(StandardCharsets.UTF_8);
    Path seed = store.seed("stage3-amd64-openrc-20261124T170000Z.tar.xz");
    Files.createDirectories(seed.getParent());
    ByteArrayOutputStream gz = new ByteArrayOutputStream();
    try (GZIPOutputStream z = new GZIPOutputStream(gz)) {
      z.write(plain);
    }
    Files.write(seed, gz.toByteArray());
    String sha = "ab".repeat(64);

    String expected = Images.catalystTag(plan, out, sha);
    assertEquals(expected, Images.catalyst("podman", plan, out, store, seed, sha, this::run, Progress.NONE));
    assertEquals(List.of("image exists", "image exists", "build"), verbs());
    List<String> build = commands.get(2);
    assertEquals(expected, build.get(build.indexOf("-t") + 1));
    assertEquals(seed.getParent().toString(), build.get(build.size() - 1), "context: the store's seed directory");
    assertEquals(1, seenTars.size());
    assertArrayEquals(plain, seenTars.get(0), "the build saw the seed decompressed");
    try (var left = Files.list(seed.getParent())) {
      assertEquals(List.of(seed), left.toList(), "the plain tar is deleted after the build");
    }

    commands.clear();
    Images.catalyst("podman", plan, out, store, seed, sha, this::run, Progress.NONE);
    assertEquals(List.of("image exists"), verbs(), "an existing image is not rebuilt");
    assertFalse(expected.equals(Images.catalystTag(plan, out, "cd".repeat(64))), "another seed, another image");
  }

  @Test
  void saveArgvWritesAnOciArchive() {
    assertEquals(List.of("podman", "save", "--format", "oci-archive", "-o", "/t/stage4.oci.tar", "osb/x-stage4:1"),
        Images.saveArgv("podman", "osb/x-stage4:1", Path.of("/t/stage4.oci.tar")));
    assertEquals(List.of("docker", "save", "-o", "/t/stage4.oci.tar", "osb/x-stage4:1"),
        Images.saveArgv("docker", "osb/x-stage4:1", Path.of("/t/stage4.oci.tar")));
  }
}
