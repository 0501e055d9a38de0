package dev.osb.catalyst;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The parser semantics of catalyst.md section 2 (every case marked verified there) and the other
 * corners of {@code ParserBase.parse()}. Expected values were checked against catalyst's own
 * config.py under Python 3.11.
 */
class SpecParserTest {

  private static SpecValue value(ParsedSpec p, String key) {
    return p.get(key)
        .orElseThrow(() -> new AssertionError("no key " + PyStr.repr(key) + " in\n" + p));
  }

  @Test
  void spaceBeforeColonStaysInTheKey() {
    ParsedSpec p = SpecParser.parse("subarch : amd64\n");
    assertEquals(List.of("subarch "), List.copyOf(p.values().keySet()));
    assertEquals(List.of("amd64"), value(p, "subarch ").items());
    assertTrue(p.get("subarch").isEmpty());
  }

  @Test
  void quotesAreNotQuoting() {
    ParsedSpec p = SpecParser.parse("cflags: \"-O2 -pipe\"\nx: -O2 \"-pipe\"\n");
    assertEquals(List.of("-O2", "-pipe"), value(p, "cflags").items());
    assertEquals(List.of("-O2", "\"-pipe"), value(p, "x").items());
    assertEquals("['-O2', '\"-pipe']", value(p, "x").toString());
  }

  @Test
  void everyLeadingAndTrailingQuoteIsStripped() {
    ParsedSpec p = SpecParser.parse("a: \"\"x y\"\"\nb:\n\t\"q\"\n");
    assertEquals(List.of("x", "y"), value(p, "a").items());
    assertEquals(List.of("\"q\""), value(p, "b").items(), "continuation lines keep quotes");
  }

  @Test
  void aValueOfOnlyAQuoteIsEmpty() {
    ParsedSpec p = SpecParser.parse("a: \"\nb: x\n");
    assertTrue(p.get("a").isEmpty());
    assertEquals(List.of("line 1: No value set for key \"a\"; deleting"), p.warnings());
  }

  @Test
  void lonePercentRaisesValueError() {
    SpecSyntaxException e =
        assertThrows(SpecSyntaxException.class, () -> SpecParser.parse("a: 1\nb: 50%\n"));
    assertEquals(2, e.line());
    assertEquals("b", e.key());
    assertEquals("ValueError: incomplete format", e.pythonError());
    assertTrue(e.getMessage().startsWith("line 2: "), e.getMessage());
    assertTrue(e.getMessage().contains("%%"), e.getMessage());
  }

  @Test
  void percentFormattingOtherFailures() {
    assertEquals(
        "KeyError: 'b'",
        assertThrows(SpecSyntaxException.class, () -> SpecParser.parse("a: %(b)s\n"))
            .pythonError());
    assertEquals(
        "TypeError: %o format: an integer is required, not dict",
        assertThrows(SpecSyntaxException.class, () -> SpecParser.parse("a: 50% off\n"))
            .pythonError());
  }

  @Test
  void doubledPercentIsALiteralPercent() {
    assertEquals(List.of("50%"), value(SpecParser.parse("a: 50%%\n"), "a").items());
  }

  @Test
  void continuationLinesAreNotFormatted() {
    ParsedSpec p = SpecParser.parse("a:\n\t50%\n\t%(x)s\n");
    assertEquals(List.of("50%", "%(x)s"), value(p, "a").items());
  }

  @Test
  void substitutionOfEarlierKeys() {
    ParsedSpec p = SpecParser.parse("subarch: amd64\nversion_stamp: %(subarch)s-x\n");
    assertEquals(List.of("amd64-x"), value(p, "version_stamp").items());
  }

  @Test
  void substitutionOfAListPrintsItsRepr() {
    ParsedSpec p = SpecParser.parse("cflags: -O2 -pipe\nx: %(cflags)s\n");
    assertEquals(List.of("['-O2',", "'-pipe']"), value(p, "x").items());
  }

  @Test
  void substitutionOfAKeyWithoutItemsPrintsEmptyList() {
    ParsedSpec p = SpecParser.parse("a:\nb: %(a)s\n");
    assertEquals(List.of("[]"), value(p, "b").items());
    assertTrue(p.get("a").isEmpty());
  }

  @Test
  void bareConversionFormatsTheWholeDict() {
    ParsedSpec p = SpecParser.parse("a: 1\nx: %s\n");
    assertEquals(List.of("{'a':", "'1'}"), value(p, "x").items());
  }

  @Test
  void aKeyCanReferToItsOwnEarlierValue() {
    assertEquals(List.of("x-y"), value(SpecParser.parse("a: x\na: %(a)s-y\n"), "a").items());
  }

  @Test
  void continuationLineWithColonStartsABogusKey() {
    ParsedSpec p =
        SpecParser.parse("stage4/packages:\n\tapp-misc/foo\n\tdev-lang/python:3.12\n\tbar/baz\n");
    assertEquals(List.of("app-misc/foo"), value(p, "stage4/packages").items());
    assertEquals(List.of("3.12", "bar/baz"), value(p, "dev-lang/python").items());
    assertEquals(3, value(p, "dev-lang/python").line());
    assertTrue(
        p.warnings().get(0).startsWith("line 3: indented line contains ':' and starts a new key"
            + " \"dev-lang/python\", so the list of \"stage4/packages\" does not continue here"),
        p.warnings().toString());
  }

  @Test
  void continuationWithColonAsFirstItemDeletesTheRealKey() {
    ParsedSpec p = SpecParser.parse("stage4/packages:\n\tdev-lang/python:3.12\n");
    assertTrue(p.get("stage4/packages").isEmpty());
    assertEquals(List.of("3.12"), value(p, "dev-lang/python").items());
    assertTrue(
        p.warnings().contains("line 1: No value set for key \"stage4/packages\"; deleting"),
        p.warnings().toString());
  }

  @Test
  void colonItemsOnTheKeyLineAreFine() {
    ParsedSpec p =
        SpecParser.parse("stage4/packages: a/b dev-lang/python:3.12 foo/bar::repo\n");
    assertEquals(
        List.of("a/b", "dev-lang/python:3.12", "foo/bar::repo"),
        value(p, "stage4/packages").items());
    assertEquals(List.of(), p.warnings());
  }

  @Test
  void keyWithoutValueIsDeletedWithAWarning() {
    ParsedSpec p = SpecParser.parse("a:\nb: x\n");
    assertEquals(List.of("b"), List.copyOf(p.values().keySet()));
    assertEquals(List.of("line 1: No value set for key \"a\"; deleting"), p.warnings());
  }

  @Test
  void noneInAnyCaseBecomesNone() {
    ParsedSpec p = SpecParser.parse("a: none\nb: NoNe\nc: none none\nd: nonex\n");
    assertTrue(value(p, "a").isNone());
    assertTrue(value(p, "b").isNone());
    assertEquals(List.of("NoNe"), value(p, "b").items());
    assertEquals("None", value(p, "b").toString());
    assertFalse(value(p, "c").isNone(), "only a single none");
    assertTrue(value(p, "c").isList());
    assertFalse(value(p, "d").isNone());
  }

  @Test
  void duplicateKeyLastWinsFirstPositionKept() {
    ParsedSpec p = SpecParser.parse("a: 1\nb: 2\na: 3\n");
    assertEquals("a = '3'\nb = '2'\n", p.dump());
    assertEquals(3, value(p, "a").line());
  }

  @Test
  void duplicateKeyEmptyLastDeletesTheKey() {
    ParsedSpec p = SpecParser.parse("a: 1\nb: 2\na:\n");
    assertEquals("b = '2'\n", p.dump());
    assertEquals(List.of("line 3: No value set for key \"a\"; deleting"), p.warnings());
  }

  @Test
  void hashTruncatesEvenMidValue() {
    ParsedSpec p = SpecParser.parse("a: x#y z\nb: \"# not a comment\"\nc: p # q\n");
    assertEquals(List.of("x"), value(p, "a").items());
    assertTrue(p.get("b").isEmpty());
    assertEquals(List.of("p"), value(p, "c").items());
  }

  @Test
  void indentationDoesNotMatterAndBlankLinesDoNotEndLists() {
    ParsedSpec p = SpecParser.parse("a:\n\tx\n    y\nz\n\n# comment\n\n  \t\nw v\n");
    assertEquals(List.of("x", "y", "z", "w", "v"), value(p, "a").items());
    assertTrue(value(p, "a").isList());
    assertEquals(1, value(p, "a").line());
  }

  @Test
  void lineEndingsLikePythonReadlines() {
    ParsedSpec p = SpecParser.parse("a: 1\rb: 2\r\n\tc\r");
    assertEquals("a = '1'\nb = ['2', 'c']\n", p.dump());
  }

  @Test
  void pythonWhitespaceIsNotJavaWhitespace() {
    // NBSP and U+2007 are whitespace to Python but not to Character.isWhitespace
    ParsedSpec p = SpecParser.parse("a:\u00a0x\u2007y\u3000\n");
    assertEquals(List.of("x", "y"), value(p, "a").items());
    // the zero-width space is not whitespace to Python
    assertEquals(List.of("x\u200by"), value(SpecParser.parse("a: x\u200by\n"), "a").items());
  }

  @Test
  void textBeforeTheFirstKeyStartsAKey() {
    ParsedSpec p = SpecParser.parse("foo bar baz\nmore\nsubarch: amd64\n");
    assertEquals("foo = ['bar', 'baz', 'more']\nsubarch = 'amd64'\n", p.dump());
    ParsedSpec single = SpecParser.parse("foo\nsubarch: amd64\n");
    assertEquals("subarch = 'amd64'\n", single.dump());
    assertEquals(List.of("line 1: No value set for key \"foo\"; deleting"), single.warnings());
  }

  @Test
  void byteOrderMarkBecomesPartOfTheFirstKey() {
    ParsedSpec p = SpecParser.parse("\ufeffsubarch: amd64\n");
    assertTrue(p.get("subarch").isEmpty());
    assertTrue(p.get("\ufeffsubarch").isPresent());
  }

  @Test
  void emptyKey() {
    assertEquals(List.of("x"), value(SpecParser.parse(": x\n"), "").items());
  }

  @Test
  void scalarsAndListsAndLines() {
    ParsedSpec p = SpecParser.parse("\n\na: x\n\nb:\n\tp\n\tq\n");
    SpecValue a = value(p, "a");
    SpecValue b = value(p, "b");
    assertFalse(a.isList());
    assertEquals(3, a.line());
    assertTrue(b.isList());
    assertEquals(5, b.line());
    assertEquals("'x'", a.toString());
    assertEquals("['p', 'q']", b.toString());
  }

  @Test
  void emptyText() {
    assertTrue(SpecParser.parse("").values().isEmpty());
    assertTrue(SpecParser.parse("\n\n# only a comment\n").values().isEmpty());
  }

  @Test
  void reprQuotingLikePython() {
    ParsedSpec p = SpecParser.parse("a: it's\nb: x\"y'z\nc: back\\slash \u00e9\u0001\n");
    assertEquals("\"it's\"", value(p, "a").toString());
    assertEquals("'x\"y\\'z'", value(p, "b").toString());
    assertEquals("['back\\\\slash', '\u00e9\\x01']", value(p, "c").toString());
  }

  @Test
  void valuesAreUnmodifiable() {
    ParsedSpec p = SpecParser.parse("a: x y\n");
    assertThrows(UnsupportedOperationException.class, () -> p.values().remove("a"));
    assertThrows(UnsupportedOperationException.class, () -> value(p, "a").items().add("z"));
  }

  @Test
  void parseFileIsStrictUtf8(@TempDir Path dir) throws IOException {
    Path good = dir.resolve("good.spec");
    Files.writeString(good, "subarch: amd64\ntarget: stage4\n");
    assertEquals("subarch = 'amd64'\ntarget = 'stage4'\n", SpecParser.parse(good).dump());
    Path bad = dir.resolve("bad.spec");
    Files.write(bad, new byte[] {'a', ':', ' ', (byte) 0xff, '\n'});
    assertThrows(MalformedInputException.class, () -> SpecParser.parse(bad));
  }
}
