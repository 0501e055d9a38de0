package dev.osb.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.osb.validate.Problem;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class YamlReaderTest {

  private static final Path F = Path.of("os.yaml");

  private static Problem fail(String yaml) {
    LoadException e = assertThrows(LoadException.class, () -> YamlReader.parse(F, yaml));
    assertEquals(1, e.problems().size());
    return e.problems().get(0);
  }

  @Test
  void keepsLineAndColumnOfEveryValue() throws Exception {
    MapNode root = (MapNode) YamlReader.parse(F, "osb: 1\npackages:\n  - app-admin/sudo\n  - { x: y }\n");
    assertEquals(new Location(F, 1, 1), root.entries().get("osb").keyLocation());
    assertEquals(new Location(F, 1, 6), root.get("osb").orElseThrow().location());
    SeqNode pk = (SeqNode) root.get("packages").orElseThrow();
    assertEquals(new Location(F, 3, 5), pk.items().get(0).location());
    assertEquals(new Location(F, 4, 5), pk.items().get(1).location());
  }

  @Test
  void resolvesPlainScalarsByTheYaml12CoreSchema() throws Exception {
    MapNode m = (MapNode) YamlReader.parse(F,
        "a: yes\nb: true\nc: 0440\nd: '0440'\ne: 1.5\nf: ~\ng:\nh: .inf\ni: 0x1F\n");
    assertEquals(ScalarNode.Tag.STR, tag(m, "a"));
    assertEquals(ScalarNode.Tag.BOOL, tag(m, "b"));
    assertEquals(ScalarNode.Tag.INT, tag(m, "c"));
    assertEquals("0440", ((ScalarNode) m.get("c").orElseThrow()).text());
    assertEquals(ScalarNode.Tag.STR, tag(m, "d"));
    assertEquals(ScalarNode.Tag.FLOAT, tag(m, "e"));
    assertEquals(ScalarNode.Tag.NULL, tag(m, "f"));
    assertEquals(ScalarNode.Tag.NULL, tag(m, "g"));
    assertEquals(ScalarNode.Tag.FLOAT, tag(m, "h"));
    assertEquals(ScalarNode.Tag.INT, tag(m, "i"));
  }

  private static ScalarNode.Tag tag(MapNode m, String k) {
    return ((ScalarNode) m.get(k).orElseThrow()).tag();
  }

  @Test
  void duplicateKeyNamesTheFirst() {
    Problem p = fail("osb: 1\nname: a\nname: b\n");
    assertEquals(new Location(F, 3, 1), p.location());
    assertEquals("duplicate key 'name' (first at line 2)", p.message());
  }

  @Test
  void tabIndentationIsExplained() {
    Problem p = fail("osb: 1\nsystem:\n\thostname: x\n");
    assertEquals("tab character in indentation", p.message());
    assertEquals(3, p.location().line());
    assertEquals(1, p.location().column());
  }

  @Test
  void syntaxErrorIsLocated() {
    Problem p = fail("osb: 1\npackages: [a, b\nname: x\n");
    assertEquals("'[' is never closed", p.message());
    assertEquals(new Location(F, 2, 11), p.location());
    assertEquals("close the list with ']' before line 3", p.hint());
    Problem q = fail("osb: 1\nsystem:\n  hostname: a\n   timezone: UTC\n");
    assertEquals("unexpected ':' here", q.message());
    Problem c = fail("osb: 1\ndescription: a\u0007b\n");
    assertEquals("control character U+0007 is not allowed", c.message());
    assertEquals(new Location(F, 2, 15), c.location());
  }

  @Test
  void secondDocumentIsRefused() {
    Problem p = fail("osb: 1\n---\nosb: 1\n");
    assertEquals("more than one YAML document ('---') in the file", p.message());
    assertEquals(2, p.location().line());
  }

  @Test
  void billionLaughsIsRefusedQuickly() {
    StringBuilder y = new StringBuilder("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
    String prev = "a";
    for (int i = 0; i < 9; i++) {
      String name = "l" + i;
      y.append(name).append(": &").append(name).append(" [");
      for (int j = 0; j < 10; j++) {
        y.append(j == 0 ? "" : ", ").append('*').append(prev);
      }
      y.append("]\n");
      prev = name;
    }
    Problem p = fail(y.toString());
    assertTrue(p.message().contains("values (after expanding aliases)")
        || p.message().contains("aliases"), p.message());
  }

  @Test
  void deepNestingIsRefused() {
    String deep = "a: " + "[".repeat(100_000);
    Problem p = fail(deep);
    assertTrue(p.message().startsWith("nesting deeper than 64 levels"), p.message());
  }

  @Test
  void recursiveAliasIsRefused() {
    Problem p = fail("a: &x\n  b: *x\n");
    assertTrue(p.message().contains("refers to a value that contains it"), p.message());
  }

  @Test
  void customTagsAreRefused() {
    Problem p = fail("a: !!binary aGVsbG8=\n");
    assertEquals("YAML tag '!!binary' is not supported", p.message());
  }

  @Test
  void complexKeyIsRefused() {
    Problem p = fail("? [a, b]\n: c\n");
    assertTrue(p.message().startsWith("a map key must be a plain value"), p.message());
  }

  @Test
  void oversizedFileIsRefusedBeforeParsing(@TempDir Path dir) throws Exception {
    Path big = dir.resolve("os.yaml");
    byte[] data = ("# " + "x".repeat(100) + "\n").repeat(50_000).getBytes(StandardCharsets.UTF_8);
    Files.write(big, data);
    LoadException e = assertThrows(LoadException.class, () -> YamlReader.read(big));
    assertEquals("file is 5,150,000 bytes; an os.yaml may be at most 1,048,576 bytes",
        e.problems().get(0).message());
  }

  @Test
  void invalidUtf8IsLocated(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("os.yaml");
    Files.write(f, new byte[] {'o', 's', 'b', ':', ' ', '1', '\n', 'a', ':', ' ', (byte) 0xC3, '(', '\n'});
    LoadException e = assertThrows(LoadException.class, () -> YamlReader.read(f));
    Problem p = e.problems().get(0);
    assertEquals("file is not valid UTF-8 (byte offset 10)", p.message());
    assertEquals(2, p.location().line());
    assertEquals(4, p.location().column());
  }

  @Test
  void emptyFileIsAnEmptyMap() throws Exception {
    assertInstanceOf(MapNode.class, YamlReader.parse(F, ""));
  }

  @Test
  void firstInvalidUtf8FindsTheLeadByte() {
    assertEquals(3, YamlReader.firstInvalidUtf8(new byte[] {'a', 'b', 'c', (byte) 0xFF}));
    assertEquals(4, YamlReader.firstInvalidUtf8("aé€x".getBytes(StandardCharsets.UTF_8)) - 3);
    assertEquals(1, YamlReader.firstInvalidUtf8(new byte[] {'a', (byte) 0xE2, (byte) 0x82}));
  }
}
