package dev.osb.templates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Writing the rendered tree: index, stale files, foreign files, refusals, atomicity, modes. */
class OutputWriterTest {

  @TempDir Path tmp;
  Path project;
  Path out;

  @BeforeEach
  void layout() throws IOException {
    project = tmp.resolve("project");
    Files.createDirectories(project.resolve("src/main/osb"));
    Files.writeString(project.resolve("os.yaml"), "osb: 1\n");
    out = project.resolve("target/osb");
  }

  private static Rendered tree(String... pathAndText) {
    Map<String, byte[]> m = new TreeMap<>();
    for (int i = 0; i < pathAndText.length; i += 2) {
      m.put(pathAndText[i], pathAndText[i + 1].getBytes(StandardCharsets.UTF_8));
    }
    return Rendered.of(m);
  }

  private List<String> siblings() throws IOException {
    try (Stream<Path> s = Files.list(out.getParent())) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void firstWriteWritesEverythingAndAnIndex() throws Exception {
    Rendered r = Fixtures.render("server");
    OutputWriter.Summary s = OutputWriter.write(r, out, project, "1.0");
    assertFalse(s.unchanged());
    assertEquals(List.copyOf(r.paths()), s.written());
    for (String p : r.paths()) {
      assertEquals(r.text(p), Files.readString(out.resolve(p)), p);
    }
    List<String> index = Files.readAllLines(out.resolve(OutputWriter.INDEX));
    assertEquals(s.fingerprint(), index.get(0));
    assertTrue(index.get(0).matches("sha256:[0-9a-f]{64}"), index.get(0));
    assertEquals(List.copyOf(r.paths()), index.subList(1, index.size()));
    assertEquals(List.of("osb"), siblings());
  }

  @Test
  void secondWriteOfTheSameTreeWritesNothing() throws Exception {
    Rendered r = Fixtures.render("server");
    OutputWriter.write(r, out, project, "1.0");
    Path spec = out.resolve("specs/stage4.spec");
    FileTime before = FileTime.fromMillis(1_000_000L);
    Files.setLastModifiedTime(spec, before);
    Files.setLastModifiedTime(out.resolve(OutputWriter.INDEX), before);
    OutputWriter.Summary s = OutputWriter.write(Fixtures.render("server"), out, project, "1.0");
    assertTrue(s.unchanged());
    assertEquals(List.of(), s.written());
    assertEquals(List.of(), s.deleted());
    assertEquals(before, Files.getLastModifiedTime(spec));
    assertEquals(before, Files.getLastModifiedTime(out.resolve(OutputWriter.INDEX)));
    assertEquals(List.of("osb"), siblings());
  }

  @Test
  void aChangedOrMissingFileIsRewrittenEvenWithTheSameFingerprint() throws Exception {
    Rendered r = tree("a", "1\n", "b/c", "2\n");
    OutputWriter.write(r, out, project, "1.0");
    Files.writeString(out.resolve("a"), "edited\n");
    Files.delete(out.resolve("b/c"));
    OutputWriter.Summary s = OutputWriter.write(r, out, project, "1.0");
    assertFalse(s.unchanged());
    assertEquals(List.of("a", "b/c"), s.written());
    assertEquals("1\n", Files.readString(out.resolve("a")));
    assertEquals("2\n", Files.readString(out.resolve("b/c")));
  }

  @Test
  void onlyChangedFilesAreWritten() throws Exception {
    OutputWriter.write(tree("a", "1\n", "b", "2\n"), out, project, "1.0");
    OutputWriter.Summary s = OutputWriter.write(tree("a", "1\n", "b", "3\n"), out, project, "1.0");
    assertEquals(List.of("b"), s.written());
  }

  @Test
  void aNewPluginVersionRewritesTheIndex() throws Exception {
    Rendered r = tree("a", "1\n");
    OutputWriter.Summary first = OutputWriter.write(r, out, project, "1.0");
    OutputWriter.Summary second = OutputWriter.write(r, out, project, "1.1");
    assertFalse(second.unchanged());
    assertEquals(List.of(), second.written());
    assertFalse(first.fingerprint().equals(second.fingerprint()));
    assertEquals(second.fingerprint(), Files.readAllLines(out.resolve(OutputWriter.INDEX)).get(0));
  }

  @Test
  void staleFilesAreDeletedAndForeignFilesKept() throws Exception {
    OutputWriter.write(tree("specs/old.spec", "x\n", "specs/new.spec", "y\n", "portage/old/package.use/osb", "z\n"),
        out, project, "1.0");
    Files.writeString(out.resolve("notes.txt"), "mine\n");
    Files.writeString(out.resolve("specs/mine.spec"), "mine\n");
    OutputWriter.Summary s = OutputWriter.write(tree("specs/new.spec", "y\n"), out, project, "1.0");
    assertEquals(List.of("portage/old/package.use/osb", "specs/old.spec"), s.deleted());
    assertFalse(Files.exists(out.resolve("specs/old.spec")));
    assertFalse(Files.exists(out.resolve("portage")), "emptied directories are removed");
    assertEquals("mine\n", Files.readString(out.resolve("notes.txt")));
    assertEquals("mine\n", Files.readString(out.resolve("specs/mine.spec")));
    assertEquals("y\n", Files.readString(out.resolve("specs/new.spec")));
    assertEquals(List.of(s.fingerprint(), "specs/new.spec"), Files.readAllLines(out.resolve(OutputWriter.INDEX)));
  }

  @Test
  void filesNotInThePreviousIndexAreNeverDeleted() throws Exception {
    Files.createDirectories(out);
    Files.writeString(out.resolve("keep.txt"), "mine\n");
    OutputWriter.write(tree("a", "1\n"), out, project, "1.0");
    OutputWriter.write(tree("b", "1\n"), out, project, "1.0");
    assertTrue(Files.exists(out.resolve("keep.txt")));
    assertFalse(Files.exists(out.resolve("a")));
  }

  @Test
  void aTamperedIndexCannotDeleteOutside() throws Exception {
    Path victim = project.resolve("os.yaml");
    Files.createDirectories(out);
    Files.writeString(out.resolve(OutputWriter.INDEX), "sha256:00\n../../os.yaml\n/etc/hostname\n");
    OutputWriter.write(tree("a", "1\n"), out, project, "1.0");
    assertTrue(Files.exists(victim));
  }

  @Test
  void refusesAnOutputDirectoryHoldingTheProject() {
    for (Path bad : List.of(project, tmp, project.resolve("src"), project.resolve("src/main/osb"),
        project.resolve("target/../."))) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> OutputWriter.write(tree("a", "1\n"), bad, project, "1.0"), bad.toString());
      assertTrue(e.getMessage().startsWith("refusing to write generated files to "), e.getMessage());
    }
    assertEquals("osb: 1\n", assertDoesNotThrowRead(project.resolve("os.yaml")));
  }

  @Test
  void refusesADirectoryThatLooksLikeAProject() throws Exception {
    Path other = tmp.resolve("other-module");
    Files.createDirectories(other.resolve("src"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> OutputWriter.write(tree("a", "1\n"), other, project, "1.0"));
    assertTrue(e.getMessage().contains("src/"), e.getMessage());
  }

  @Test
  void refusesAProjectReachedThroughASymlink() throws Exception {
    Path link = tmp.resolve("link");
    Files.createSymbolicLink(link, project);
    assertThrows(IllegalArgumentException.class, () -> OutputWriter.write(tree("a", "1\n"), link, project, "1.0"));
  }

  @Test
  void noTemporaryDirectoryIsLeftBehindEvenOnFailure() throws Exception {
    OutputWriter.write(tree("a", "1\n"), out, project, "1.0");
    // a directory where a file must go makes the move fail half-way
    Files.createDirectories(out.resolve("x/y"));
    Files.writeString(out.resolve("x/y/user-file"), "mine\n");
    assertThrows(IOException.class, () -> OutputWriter.write(tree("a", "2\n", "x/y", "3\n"), out, project, "1.0"));
    assertEquals(List.of("osb"), siblings());
    assertEquals("mine\n", Files.readString(out.resolve("x/y/user-file")));
    // the old index still describes what is there
    assertEquals(List.of("a"), Files.readAllLines(out.resolve(OutputWriter.INDEX)).subList(1, 2));
  }

  @Test
  void refusesToWriteThroughASymlinkedDirectory() throws Exception {
    Path elsewhere = tmp.resolve("elsewhere");
    Files.createDirectories(elsewhere);
    Files.createDirectories(out);
    Files.createSymbolicLink(out.resolve("specs"), elsewhere);
    assertThrows(IOException.class, () -> OutputWriter.write(tree("specs/a.spec", "1\n"), out, project, "1.0"));
    try (Stream<Path> s = Files.list(elsewhere)) {
      assertEquals(0, s.count());
    }
    assertEquals(List.of("osb"), siblings());
  }

  @Test
  void fsscriptsAreExecutableTheRestIsNot() throws Exception {
    if (!out.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      return;
    }
    Rendered r = Fixtures.render("server");
    OutputWriter.write(r, out, project, "1.0");
    for (String p : r.paths()) {
      String mode = PosixFilePermissions.toString(Files.getPosixFilePermissions(out.resolve(p)));
      assertEquals(p.startsWith("fsscript/") ? "rwxr-xr-x" : "rw-r--r--", mode, p);
    }
    // a wrong mode is repaired even when the bytes are the same
    Files.setPosixFilePermissions(out.resolve("fsscript/stage4.sh"), PosixFilePermissions.fromString("rw-------"));
    OutputWriter.Summary s = OutputWriter.write(r, out, project, "1.0");
    assertEquals(List.of("fsscript/stage4.sh"), s.written());
    assertEquals("rwxr-xr-x", PosixFilePermissions.toString(Files.getPosixFilePermissions(out.resolve("fsscript/stage4.sh"))));
  }

  @Test
  void theIndexNameIsReserved() {
    assertThrows(IllegalArgumentException.class,
        () -> OutputWriter.write(tree(OutputWriter.INDEX, "x\n"), out, project, "1.0"));
  }

  @Test
  void fingerprintCoversPathsBytesAndVersion() {
    String base = OutputWriter.fingerprint(tree("a", "1"), "1.0");
    assertEquals(base, OutputWriter.fingerprint(tree("a", "1"), "1.0"));
    assertFalse(base.equals(OutputWriter.fingerprint(tree("b", "1"), "1.0")));
    assertFalse(base.equals(OutputWriter.fingerprint(tree("a", "2"), "1.0")));
    assertFalse(base.equals(OutputWriter.fingerprint(tree("a", "1"), "1.1")));
    assertFalse(OutputWriter.fingerprint(tree("a", "bc"), "1").equals(OutputWriter.fingerprint(tree("ab", "c"), "1")));
  }

  private static String assertDoesNotThrowRead(Path p) {
    try {
      return Files.readString(p);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }
}
