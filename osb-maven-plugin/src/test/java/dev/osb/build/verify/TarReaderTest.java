package dev.osb.build.verify;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The tar reader against archives GNU tar writes: long names, pax paths, big ids, links, damage. */
class TarReaderTest {

  /** A 150-character directory path, past ustar's 100-character name field. */
  static final String LONG_DIR = "usr/share/" + "very-long-directory-name-".repeat(5) + "end";
  static final String LONG_NAME = LONG_DIR + "/file-with-a-long-name-" + "x".repeat(60) + ".conf";
  static final String LONG_TARGET = "../../" + "target-".repeat(20) + "file";
  static final String UNICODE = "etc/größe-😀.conf";

  private static StageImage tree(Path tmp) throws IOException {
    StageImage img = StageImage.create(tmp);
    img.dir("/etc");
    img.file("/etc/short", "short\n");
    img.file("/" + LONG_NAME, "long name content\n", 0640, 0, 0);
    img.symlink("/etc/long-link", LONG_TARGET);
    img.file("/" + UNICODE, "unicode\n");
    img.dir("/home/big", 0700, 0, 0);
    img.file("/home/big/owned", "big ids\n", 0600, 3_000_000, 3_000_001);
    img.file("/usr/bin/tool", "tool binary\n", 04755, 0, 0);
    Files.createLink(img.path("/usr/bin/tool-alias"), img.path("/usr/bin/tool"));
    return img;
  }

  private static Path pack(StageImage img, Path tmp, String format, String name) throws Exception {
    Path tar = tmp.resolve(name);
    StageImage.run(List.of("tar", "--format=" + format, "--sort=name", "--numeric-owner", "--mtime=@0",
        "-C", img.root.toString(), "-cpf", tar.toString(), "."));
    return tar;
  }

  private static List<TarEntry> read(Path tar, Set<String> keep) throws IOException {
    List<TarEntry> out = new ArrayList<>();
    try (TarReader r = new TarReader(Files.newInputStream(tar))) {
      for (TarEntry e; (e = r.next(keep::contains, 1 << 20)) != null; ) {
        out.add(e);
      }
    }
    return out;
  }

  private static TarEntry find(List<TarEntry> entries, String path) {
    return entries.stream().filter(e -> e.path().equals(path)).findFirst().orElse(null);
  }

  @ParameterizedTest
  @ValueSource(strings = {"gnu", "posix"})
  void longNamesLinksAndBigIdsAsGnuTarWritesThem(String format, @TempDir Path tmp) throws Exception {
    StageImage img = tree(tmp);
    Path tar = pack(img, tmp, format, "t.tar");
    String raw = new String(Files.readAllBytes(tar), StandardCharsets.ISO_8859_1);
    if (format.equals("gnu")) {
      assertTrue(raw.contains("././@LongLink"), "GNU tar wrote no long-name member; the test proves nothing");
    } else {
      assertTrue(raw.contains("path=/") || raw.contains(" path="), "GNU tar wrote no pax path record");
    }
    List<TarEntry> entries = read(tar, Set.of("/" + LONG_NAME, "/" + UNICODE, "/home/big/owned", "/usr/bin/tool-alias",
        "/usr/bin/tool"));

    TarEntry root = find(entries, "/");
    assertNotNull(root, "the ./ member is the root");
    assertEquals(TarEntry.Type.DIRECTORY, root.type());
    assertEquals(0755, root.mode());

    TarEntry dir = find(entries, "/" + LONG_DIR);
    assertNotNull(dir, "long directory name");
    assertEquals(TarEntry.Type.DIRECTORY, dir.type());

    TarEntry longFile = find(entries, "/" + LONG_NAME);
    assertNotNull(longFile, "long file name");
    assertEquals(TarEntry.Type.FILE, longFile.type());
    assertEquals(0640, longFile.mode());
    assertEquals("long name content\n", longFile.text());
    assertEquals(18, longFile.size());

    TarEntry link = find(entries, "/etc/long-link");
    assertEquals(TarEntry.Type.SYMLINK, link.type());
    assertEquals(LONG_TARGET, link.linkTarget(), "long symlink target");

    TarEntry uni = find(entries, "/" + UNICODE);
    assertNotNull(uni, "a UTF-8 name: " + entries);
    assertEquals("unicode\n", uni.text());

    TarEntry big = find(entries, "/home/big/owned");
    assertEquals(3_000_000, big.uid(), "uid past the octal field (GNU base-256, pax uid record)");
    assertEquals(3_000_001, big.gid());
    assertEquals(0600, big.mode());

    TarEntry tool = find(entries, "/usr/bin/tool");
    TarEntry alias = find(entries, "/usr/bin/tool-alias");
    assertEquals(04755, tool.mode(), "setuid bit kept");
    assertEquals(TarEntry.Type.FILE, tool.type());
    assertEquals(TarEntry.Type.HARDLINK, alias.type(), "the second name of an inode is a hard link");
    assertEquals("/usr/bin/tool", alias.linkTarget());
    assertNull(alias.content());
    assertEquals("/etc/short", find(entries, "/etc/short").path());
    assertNull(find(entries, "/etc/short").content(), "content only for the paths asked for");
    assertEquals(entries.size(), entries.stream().map(TarEntry::path).distinct().count(), "each member once");
  }

  @Test
  void ustarPrefixHoldsTheDirectoryOfALongPath(@TempDir Path tmp) throws Exception {
    StageImage img = StageImage.create(tmp);
    String path = "usr/share/" + "d".repeat(90) + "/" + "f".repeat(60);
    img.file("/" + path, "prefixed\n");
    Path tar = pack(img, tmp, "ustar", "u.tar");
    byte[] b = Files.readAllBytes(tar);
    assertTrue(new String(b, StandardCharsets.ISO_8859_1).contains("ustar\0"), "a POSIX ustar archive");
    TarEntry e = find(read(tar, Set.of("/" + path)), "/" + path);
    assertNotNull(e, "name = prefix + '/' + name");
    assertEquals("prefixed\n", e.text());
  }

  @Test
  void tarballReadsXzGzipAndHardLinkContent(@TempDir Path tmp) throws Exception {
    StageImage img = tree(tmp);
    Path tar = pack(img, tmp, "gnu", "t.tar");
    Files.copy(tar, tmp.resolve("copy.tar"));
    StageImage.run(List.of("xz", "-k", "-T1", tar.toString()));
    StageImage.run(List.of("gzip", "-k", "-n", tmp.resolve("copy.tar").toString()));
    for (Path p : List.of(tmp.resolve("t.tar.xz"), tmp.resolve("copy.tar.gz"), tmp.resolve("copy.tar"))) {
      Tarball t = Tarball.read(p, Set.of("/usr/bin/tool-alias", "/" + LONG_NAME)::contains);
      assertEquals("tool binary\n", t.text("/usr/bin/tool-alias"), p + ": a kept hard link reads its target's content");
      assertEquals("long name content\n", t.text("/" + LONG_NAME));
      assertEquals(TarEntry.Type.SYMLINK, t.get("/etc/long-link").type());
      assertEquals(List.of("/" + UNICODE, "/etc/long-link", "/etc/short"), t.children("/etc").stream().map(TarEntry::path).toList());
    }
  }

  @Test
  void bzip2AndZstdThroughTheirTools(@TempDir Path tmp) throws Exception {
    StageImage img = tree(tmp);
    Path tar = pack(img, tmp, "gnu", "t.tar");
    int tried = 0;
    for (List<String> cmd : List.of(List.of("bzip2", "-k"), List.of("zstd", "-q", "-k"))) {
      if (!onPath(cmd.get(0))) {
        continue;
      }
      List<String> argv = new ArrayList<>(cmd);
      argv.add(tar.toString());
      StageImage.run(argv);
      Path out = tmp.resolve(cmd.get(0).equals("bzip2") ? "t.tar.bz2" : "t.tar.zst");
      Tarball t = Tarball.read(out, Set.of("/etc/short")::contains);
      assertEquals("short\n", t.text("/etc/short"), cmd.get(0));
      tried++;
    }
    assumeTrue(tried > 0, "neither bzip2 nor zstd is installed");
  }

  private static boolean onPath(String tool) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
        return true;
      }
    }
    return false;
  }

  @Test
  void damageIsAnErrorNotSilence(@TempDir Path tmp) throws Exception {
    StageImage img = tree(tmp);
    byte[] tar = Files.readAllBytes(pack(img, tmp, "gnu", "t.tar"));

    byte[] corrupt = tar.clone();
    corrupt[0] ^= 0x01; // the first header's name, so its checksum no longer matches
    IOException bad = assertThrows(IOException.class, () -> TarReader.list(new ByteArrayInputStream(corrupt)));
    assertTrue(bad.getMessage().contains("bad checksum"), bad.getMessage());

    byte[] truncated = java.util.Arrays.copyOf(tar, 512 * 3 + 100);
    IOException cut = assertThrows(IOException.class, () -> TarReader.list(new ByteArrayInputStream(truncated)));
    assertTrue(cut.getMessage().contains("truncated"), cut.getMessage());

    // cut exactly after a member: no end-of-archive block
    List<TarEntry> all = TarReader.list(new ByteArrayInputStream(tar));
    assertTrue(all.size() > 5);
    byte[] noEnd = java.util.Arrays.copyOf(tar, 512);
    IOException end = assertThrows(IOException.class, () -> TarReader.list(new ByteArrayInputStream(noEnd)));
    assertTrue(end.getMessage().contains("end-of-archive"), end.getMessage());

    Path notTar = tmp.resolve("not.tar");
    Files.writeString(notTar, "this is not a tar archive\n".repeat(40));
    assertThrows(IOException.class, () -> Tarball.read(notTar, p -> false));
  }

  @Test
  void numbersOctalAndBase256() throws Exception {
    byte[] h = new byte[512];
    byte[] octal = "0000644\0".getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(octal, 0, h, 100, 8);
    assertEquals(0644, TarReader.number(h, 100, 8, "mode", 0));
    byte[] spaces = "  755 \0\0".getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(spaces, 0, h, 100, 8);
    assertEquals(0755, TarReader.number(h, 100, 8, "mode", 0));
    byte[] b256 = {(byte) 0x80, 0, 0, 0, 0, 0x2d, (byte) 0xc6, (byte) 0xc0};
    System.arraycopy(b256, 0, h, 108, 8);
    assertEquals(3_000_000, TarReader.number(h, 108, 8, "uid", 0));
    byte[] neg = {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xfe};
    System.arraycopy(neg, 0, h, 108, 8);
    assertEquals(-2, TarReader.number(h, 108, 8, "uid", 0));
    byte[] garbage = "12a4567\0".getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(garbage, 0, h, 100, 8);
    assertThrows(IOException.class, () -> TarReader.number(h, 100, 8, "mode", 0));
  }

  @Test
  void paxRecords() throws Exception {
    String recs = "30 path=some/long/path/here.x\n" + "16 linkpath=a/b\n" + "12 uid=1000\n";
    var m = TarReader.parsePax(recs.getBytes(StandardCharsets.UTF_8), 0);
    assertEquals("some/long/path/here.x", m.get("path"));
    assertEquals("a/b", m.get("linkpath"));
    assertEquals("1000", m.get("uid"));
    assertThrows(IOException.class, () -> TarReader.parsePax("99 path=x\n".getBytes(StandardCharsets.UTF_8), 0));
    assertThrows(IOException.class, () -> TarReader.parsePax("9 pathx\n\n".getBytes(StandardCharsets.UTF_8), 0));
  }

  @Test
  void normalize() {
    assertEquals("/", TarReader.normalize("./"));
    assertEquals("/", TarReader.normalize("."));
    assertEquals("/etc/passwd", TarReader.normalize("./etc/passwd"));
    assertEquals("/etc", TarReader.normalize("etc/"));
    assertEquals("/a/b", TarReader.normalize("/a//./b/"));
    assertArrayEquals(new String[] {"/a/../b"}, new String[] {TarReader.normalize("a/../b")});
  }
}
