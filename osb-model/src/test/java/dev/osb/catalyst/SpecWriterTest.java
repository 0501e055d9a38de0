package dev.osb.catalyst;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.osb.catalyst.SpecWriter.Entry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link SpecWriter}: releng layout, the refusals, and the round trip through the parser. */
class SpecWriterTest {

  private static List<Entry> entries(ParsedSpec p) {
    List<Entry> out = new ArrayList<>();
    p.values().forEach((k, v) -> out.add(new Entry(k, v.items())));
    return out;
  }

  private static String refusal(Entry... e) {
    return assertThrows(IllegalArgumentException.class, () -> SpecWriter.write(List.of(e)))
        .getMessage();
  }

  @Test
  void rewritesRelengScalarSpecsByteForByte() {
    for (String spec :
        List.of(
            "amd64/stage3-openrc-23.spec",
            "amd64/stage3-systemd-23.spec",
            "amd64/hardened/stage3-openrc-23.spec",
            "amd64/musl/stage3-openrc-23.spec")) {
      String text = TestData.relengText(spec);
      assertEquals(text, SpecWriter.write(entries(SpecParser.parse(text))), spec);
    }
  }

  @Test
  void stage1CommandBecomesABlock() {
    String text = TestData.relengText("amd64/stage1-openrc-23.spec");
    String expected =
        text.replace("update_seed_command: --update --deep --newuse @world\n", "")
            + "\nupdate_seed_command:\n\t--update\n\t--deep\n\t--newuse\n\t@world\n";
    assertEquals(expected, SpecWriter.write(entries(SpecParser.parse(text))));
  }

  @Test
  void stage4wInCanonicalLayout() {
    String text = TestData.relengText("amd64/stage4w-openrc-23.spec");
    String written = SpecWriter.write(entries(SpecParser.parse(text)));
    // releng's own file, with its trailing scalar moved up to the other scalars
    String expected =
        text.replace("\nstage4/fsscript: @REPO_DIR@/releases/scripts/wsl.sh\n", "")
            .replace(
                "binrepo_path: amd64/binpackages/23.0/x86-64\n",
                "binrepo_path: amd64/binpackages/23.0/x86-64\n"
                    + "stage4/fsscript: @REPO_DIR@/releases/scripts/wsl.sh\n");
    assertEquals(expected, written);
    assertTrue(written.contains("\n\nstage4/use:\n\t-passwdqc\n\tvideo_cards_d3d12\n\n"
        + "stage4/packages:\n\tmedia-libs/mesa\n"));
  }

  @Test
  void installcdRoundTrips() {
    for (String spec :
        List.of("amd64/installcd-stage1.spec", "amd64/installcd-stage2-minimal.spec")) {
      ParsedSpec p = SpecParser.parse(TestData.relengText(spec));
      ParsedSpec again = SpecParser.parse(SpecWriter.write(entries(p)));
      assertEquals(values(p), values(again), spec);
    }
  }

  @Test
  void layout() {
    String text =
        SpecWriter.write(
            List.of(
                Entry.of("stage4/use", "-X", "zfs"),
                Entry.of("subarch", "amd64"),
                Entry.of("stage4/packages", "a/b", "dev-lang/python:3.12", "c/d::repo"),
                Entry.of("stage4/rm"),
                Entry.of("stage4/empty", "/var/tmp", "/tmp"),
                Entry.of("version_stamp", "100%-done")));
    assertEquals(
        "subarch: amd64\n"
            + "stage4/packages: a/b dev-lang/python:3.12 c/d::repo\n"
            + "version_stamp: 100%%-done\n"
            + "\n"
            + "stage4/use:\n"
            + "\t-X\n"
            + "\tzfs\n"
            + "\n"
            + "stage4/empty:\n"
            + "\t/var/tmp\n"
            + "\t/tmp\n",
        text);
  }

  @Test
  void blocksOnlyAndEmpty() {
    assertEquals("", SpecWriter.write(List.of()));
    assertEquals("", SpecWriter.write(List.of(Entry.of("a"))));
    assertEquals("a:\n\tx\n\ty\n\nb:\n\tp\n\tq\n",
        SpecWriter.write(List.of(Entry.of("a", "x", "y"), Entry.of("b", "p", "q"))));
  }

  @Test
  void percentDoubledOnKeyLinesOnly() {
    String text =
        SpecWriter.write(
            List.of(Entry.of("a", "50%"), Entry.of("b", "%(a)s", "%%"), Entry.of("c", "%:", "x%")));
    assertEquals("a: 50%%\nc: %%: x%%\n\nb:\n\t%(a)s\n\t%%\n", text);
    ParsedSpec p = SpecParser.parse(text);
    assertEquals(List.of("50%"), p.get("a").orElseThrow().items());
    assertEquals(List.of("%(a)s", "%%"), p.get("b").orElseThrow().items());
    assertEquals(List.of("%:", "x%"), p.get("c").orElseThrow().items());
  }

  @Test
  void quotesInsideOrOnBlockLinesAreKept() {
    String text =
        SpecWriter.write(List.of(Entry.of("a", "x\"y"), Entry.of("b", "\"p\"", "\"q\"")));
    ParsedSpec p = SpecParser.parse(text);
    assertEquals(List.of("x\"y"), p.get("a").orElseThrow().items());
    assertEquals(List.of("\"p\"", "\"q\""), p.get("b").orElseThrow().items());
  }

  @Test
  void refusals() {
    assertEquals(
        "key 'stage4/packages': item 'a b' contains whitespace U+0020 (space); catalyst splits"
            + " values on whitespace and has no quoting",
        refusal(Entry.of("stage4/packages", "x/y", "a b")));
    assertTrue(refusal(Entry.of("k", "a\tb")).contains("item 'a\\tb' contains whitespace U+0009"));
    assertTrue(refusal(Entry.of("k", "a\nb")).contains("item 'a\\nb' contains whitespace U+000A"));
    assertTrue(refusal(Entry.of("k", "a\u00a0b")).contains("contains whitespace U+00A0"));
    assertTrue(refusal(Entry.of("k", "a\u2028b")).contains("contains whitespace U+2028"));
    assertEquals(
        "key 'stage4/use': item 'foo#bar' contains '#'; catalyst drops everything from '#' on,"
            + " even mid-value",
        refusal(Entry.of("stage4/use", "x", "foo#bar")));
    assertTrue(
        refusal(Entry.of("k", "a\u0001b")).startsWith(
            "key 'k': item 'a\\x01b' contains the control character U+0001"));
    assertTrue(refusal(Entry.of("k", "a\u007fb")).contains("control character U+007F"));
    assertTrue(refusal(Entry.of("k", "a\ud800")).contains("the unpaired surrogate U+D800"));
    assertTrue(refusal(Entry.of("k", "")).startsWith("key 'k': empty item"));
    assertEquals(
        "key 'portage_prefix': the single item 'None' would be read by catalyst as None, not as"
            + " a string",
        refusal(Entry.of("portage_prefix", "None")));
    assertTrue(refusal(Entry.of("k", "NONE")).contains("single item 'NONE'"));
    assertEquals(
        "key 'cflags': item '\"-O2' would lose its double quote, because catalyst strips '\"'"
            + " from both ends of a key-line value",
        refusal(Entry.of("cflags", "\"-O2")));
    assertTrue(refusal(Entry.of("k", "a", "b:c\"")).contains("item 'b:c\"' would lose"));
    assertTrue(refusal(Entry.of("k", "\"")).contains("would lose its double quote"));
  }

  @Test
  void refusedKeys() {
    assertEquals(
        "key 'subarch ' contains whitespace U+0020 (space); catalyst keeps it in the key"
            + " (\"subarch \" is not \"subarch\")",
        refusal(Entry.of("subarch ", "amd64")));
    assertEquals(
        "key 'a:b' contains ':'; catalyst ends the key at the first ':'",
        refusal(Entry.of("a:b", "x")));
    assertTrue(refusal(Entry.of("a#b", "x")).contains("contains '#'"));
    assertEquals("empty spec key", refusal(Entry.of("", "x")));
    assertTrue(refusal(Entry.of("a\u0000", "x")).contains("control character U+0000"));
    assertEquals(
        "key 'a' is given twice; catalyst would keep only the last value",
        refusal(Entry.of("a", "x"), Entry.of("a", "y")));
    assertThrows(NullPointerException.class, () -> Entry.of("a", "x", null));
  }

  @Test
  void noneIsFineInsideALongerList() {
    ParsedSpec p = SpecParser.parse(SpecWriter.write(List.of(Entry.of("a", "none", "x"))));
    assertEquals(List.of("none", "x"), p.get("a").orElseThrow().items());
  }

  /** Round trip: for random valid entries, parsing the written text gives them back exactly. */
  @Test
  void roundTripProperty() {
    Random random = new Random(20261125L);
    String[] pieces = {
      "a", "Z", "0", "9", "/", "-", "_", ".", "+", "@", ":", "::", "%", "%%", "%(a)s", "=", "|",
      ",", "~", "*", "?", "[", "]", "(", ")", "{", "}", "'", "\\", "$", "!", "\"", "^", "<", ">",
      "\u00e9", "\u00df", "\u20ac", "\ud83d\ude00", "\u200b", "\ufeff", "none", "NONE", "-O2",
      "dev-lang/python", "sys-apps/foo", "3.12", "::gentoo", "x86_64", "|default"
    };
    String[] keyPieces = {"a", "b", "k", "/", "_", "-", ".", "stage4", "boot", "kernel", "9", "%"};
    for (int round = 0; round < 3000; round++) {
      Map<String, List<String>> want = new LinkedHashMap<>();
      List<Entry> entries = new ArrayList<>();
      int n = random.nextInt(8);
      for (int i = 0; i < n; i++) {
        String key = word(random, keyPieces, 1 + random.nextInt(4));
        if (entries.stream().anyMatch(e -> e.key().equals(key))) {
          continue;
        }
        List<String> items = new ArrayList<>();
        int count = random.nextInt(10) == 0 ? 0 : 1 + random.nextInt(random.nextBoolean() ? 2 : 7);
        for (int j = 0; j < count; j++) {
          items.add(word(random, pieces, 1 + random.nextInt(4)));
        }
        boolean oneLine = items.size() == 1 || items.stream().anyMatch(s -> s.contains(":"));
        if (items.size() == 1 && items.get(0).equalsIgnoreCase("none")) {
          items.set(0, items.get(0) + "x");
        }
        if (oneLine && !items.isEmpty()) {
          // what the writer refuses: quotes catalyst would strip off a key line
          int last = items.size() - 1;
          if (items.get(0).startsWith("\"")) {
            items.set(0, "q" + items.get(0));
          }
          if (items.get(last).endsWith("\"")) {
            items.set(last, items.get(last) + "q");
          }
        }
        entries.add(new Entry(key, items));
        if (!items.isEmpty()) {
          want.put(key, items);
        }
      }
      String text = SpecWriter.write(entries);
      ParsedSpec parsed = SpecParser.parse(text);
      Map<String, List<String>> got = values(parsed);
      assertEquals(want, got, () -> "round " + PyStr.repr(text));
      List<String> order = new ArrayList<>();
      want.forEach((k, v) -> {
        if (v.size() == 1 || v.stream().anyMatch(s -> s.contains(":"))) {
          order.add(k);
        }
      });
      want.keySet().stream().filter(k -> !order.contains(k)).forEach(order::add);
      assertEquals(order, List.copyOf(got.keySet()), "one-line entries first, then blocks");
      assertEquals(List.of(), parsed.warnings(), text);
      parsed.values().values().forEach(v -> assertTrue(!v.isNone(), text));
      assertTrue(text.isEmpty() || (text.endsWith("\n") && !text.endsWith("\n\n")), text);
      assertTrue(!text.contains("\r"), text);
      assertEquals(text, SpecWriter.write(entries), "deterministic");
    }
  }

  private static String word(Random random, String[] pieces, int parts) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < parts; i++) {
      sb.append(pieces[random.nextInt(pieces.length)]);
    }
    return sb.toString();
  }

  private static Map<String, List<String>> values(ParsedSpec p) {
    Map<String, List<String>> m = new LinkedHashMap<>();
    p.values().forEach((k, v) -> m.put(k, v.items()));
    return m;
  }
}
