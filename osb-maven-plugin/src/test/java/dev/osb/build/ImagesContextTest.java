package dev.osb.build;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.osb.plan.Build;
import dev.osb.templates.OutputWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The image steps around the engine: the plain tar a Containerfile ADDs is written from a
 * compressed tarball and deleted after the build, and a tarball that already is that plain tar
 * is built from as it is and kept.
 */
class ImagesContextTest {

  @TempDir Path dir;

  /** A fake engine: no image exists, every build succeeds and sees what its context holds. */
  private final List<List<String>> calls = new ArrayList<>();
  private final List<List<String>> contextAtBuild = new ArrayList<>();

  private ImageBuilder.Executor engine() {
    return (what, argv) -> {
      calls.add(argv);
      if (argv.get(1).equals("build")) {
        try (var s = Files.list(Path.of(argv.get(argv.size() - 1)))) {
          contextAtBuild.add(s.map(p -> p.getFileName().toString()).sorted().toList());
        }
        return 0;
      }
      return 1;
    };
  }

  private FingerprintFixture.Planned project(String compression) throws Exception {
    Path root = FingerprintFixture.copy("chain", dir.resolve("project"));
    FingerprintFixture.edit(root.resolve("os.yaml"), "compression: pixz", "compression: " + compression);
    FingerprintFixture.Planned p = FingerprintFixture.plan(root);
    OutputWriter.write(p.rendered(), root.resolve("target/osb"), root, "test");
    return p;
  }

  @Test
  void anUncompressedStageTarballIsTheContextFileAndIsKept() throws Exception {
    FingerprintFixture.Planned p = project("tar");
    Store store = new Store(dir.resolve("store"), Progress.NONE);
    Build stage4 = p.plan().builds().stream().filter(b -> b.id().equals("stage4")).findFirst().orElseThrow();
    Path output = store.output(stage4);
    assertTrue(output.getFileName().toString().endsWith(".tar"), output.toString());
    Files.createDirectories(output.getParent());
    byte[] tar = "a plain tar".getBytes(StandardCharsets.UTF_8);
    Files.write(output, tar);

    String tag = Images.stage("podman", "osb/chain-stage4", p.plan(), stage4, p.root().resolve("target/osb"), store,
        output, "ab".repeat(64), engine(), Progress.NONE);

    assertTrue(tag.startsWith("osb/chain-stage4:"), tag);
    assertEquals("build", calls.get(calls.size() - 1).get(1));
    assertEquals(List.of(List.of(output.getFileName().toString())), contextAtBuild);
    assertTrue(Files.isRegularFile(output), "the store's output was deleted with the build context");
    assertArrayEquals(tar, Files.readAllBytes(output));
  }

  @Test
  void aCompressedStageTarballIsDecompressedForTheBuildOnly() throws Exception {
    FingerprintFixture.Planned p = project("gzip");
    Store store = new Store(dir.resolve("store"), Progress.NONE);
    Build stage4 = p.plan().builds().stream().filter(b -> b.id().equals("stage4")).findFirst().orElseThrow();
    Path output = store.output(stage4);
    String name = output.getFileName().toString();
    assertTrue(name.endsWith(".tar.gz"), name);
    Files.createDirectories(output.getParent());
    Process gz = new ProcessBuilder("sh", "-c", "printf 'a plain tar' | gzip -c > \"$1\"", "sh", output.toString())
        .start();
    assertEquals(0, gz.waitFor());

    Images.stage("podman", "osb/chain-stage4", p.plan(), stage4, p.root().resolve("target/osb"), store, output,
        "ab".repeat(64), engine(), Progress.NONE);

    String plain = name.substring(0, name.length() - ".gz".length());
    assertEquals(List.of(List.of(plain, name).stream().sorted().toList()), contextAtBuild);
    assertFalse(Files.exists(output.resolveSibling(plain)), "the plain tar is left in the store");
    assertTrue(Files.isRegularFile(output));
  }
}
