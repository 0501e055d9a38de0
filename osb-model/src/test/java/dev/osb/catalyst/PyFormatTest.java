package dev.osb.catalyst;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code fmt % dict} against results recorded from Python 3.11, with dict {@code {'a': 'x', 'b':
 * ['p', 'q'], 'e': []}}. The expected column is the result, or {@code !Type: message}.
 */
class PyFormatTest {

  private static final Map<String, Object> DICT = new LinkedHashMap<>();

  static {
    DICT.put("a", "x");
    DICT.put("b", List.of("p", "q"));
    DICT.put("e", List.of());
  }

  private static String run(String fmt) {
    try {
      return PyFormat.format(fmt, DICT);
    } catch (PyFormat.PyError e) {
      return "!" + e.getMessage();
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '~',
      quoteCharacter = '`',
      value = {
        "%(a)s ~ x",
        "%(b)s ~ ['p', 'q']",
        "%(e)s ~ []",
        "%s ~ {'a': 'x', 'b': ['p', 'q'], 'e': []}",
        "%r ~ {'a': 'x', 'b': ['p', 'q'], 'e': []}",
        "%s %s ~ !TypeError: not enough arguments for format string",
        "%(a)s %s ~ !TypeError: not enough arguments for format string",
        "%s %(a)s ~ {'a': 'x', 'b': ['p', 'q'], 'e': []} x",
        "%(a)% ~ !ValueError: unsupported format character '%' (0x25) at index 4",
        "%-% ~ !ValueError: unsupported format character '%' (0x25) at index 2",
        "%(a)5s| ~ `    x|`",
        "%(a)-5s| ~ `x    |`",
        "%(a)05s| ~ `    x|`",
        "%(a).0s| ~ |",
        "%(a)r ~ 'x'",
        "%(b)r ~ ['p', 'q']",
        "%(a)a ~ 'x'",
        "%(a)c ~ x",
        "%(a)-5c| ~ `x    |`",
        "%(a).0c| ~ x|",
        "%(b)c ~ !TypeError: %c requires int or char",
        "%(a)d ~ !TypeError: %d format: a real number is required, not str",
        "%i ~ !TypeError: %i format: a real number is required, not dict",
        "%(a)x ~ !TypeError: %x format: an integer is required, not str",
        "%(b)f ~ !TypeError: must be real number, not list",
        "%(zz)s ~ !KeyError: 'zz'",
        "%()s ~ !KeyError: ''",
        "%(a(b)c)s ~ !KeyError: 'a(b)c'",
        "% ~ !ValueError: incomplete format",
        "a% ~ !ValueError: incomplete format",
        "%(a ~ !ValueError: incomplete format key",
        "%(a) ~ !ValueError: incomplete format",
        "%0 ~ !ValueError: incomplete format",
        "%. ~ !ValueError: incomplete format",
        "%.5 ~ !ValueError: incomplete format",
        "%(a)h ~ !ValueError: incomplete format",
        "%(a)s% ~ !ValueError: incomplete format",
        "%z ~ !ValueError: unsupported format character 'z' (0x7a) at index 1",
        "%\u00fc ~ !ValueError: unsupported format character '?' (0xfc) at index 1",
        "%(a)s %z ~ !TypeError: not enough arguments for format string",
        "% d ~ !TypeError: %d format: a real number is required, not dict",
        "50% off ~ !TypeError: %o format: an integer is required, not dict",
        "%(a)ls ~ x",
        "%(a)Ls ~ x",
        "%(a)*s ~ !TypeError: * wants int",
        "%*s ~ !TypeError: * wants int",
        "%(a).*s ~ !TypeError: * wants int",
        "%(a)99999999999999999999s ~ !ValueError: width too big",
        "%(a).99999999999999999s ~ !ValueError: precision too big",
        "%(a)-3.1r| ~ `'  |`",
        "%% ~ %",
        "%(a)s%(a)s ~ xx",
        "%(a)s%(b)s ~ x['p', 'q']",
        "%.3s ~ {'a",
        "%10.2s ~ `        {'`",
        "%(a)#s%(a)+s%(a) s ~ xxx",
      })
  void matchesPython(String fmt, String expected) {
    assertEquals(expected, run(fmt));
  }

  @Test
  void unicodeLikePython() throws PyFormat.PyError {
    Map<String, Object> d = Map.of("u", "\u00fc\ud83d\ude00", "v", "\u0001\u200b'\"\\");
    assertEquals("\u00fc\ud83d\ude00", PyFormat.format("%(u)s", d));
    assertEquals("'\u00fc\ud83d\ude00'", PyFormat.format("%(u)r", d));
    assertEquals("'\\xfc\\U0001f600'", PyFormat.format("%(u)a", d));
    assertEquals("\u00fc", PyFormat.format("%(u).1s", d), "precision counts code points");
    assertEquals("'\\x01\\u200b\\'\"\\\\'", PyFormat.format("%(v)r", d));
  }

  @Test
  void hugeWidthsPadWithATokenEquivalentRun() throws PyFormat.PyError {
    String s = PyFormat.format("%(a)2147483648s|", DICT);
    assertEquals(PyFormat.MAX_PAD + 2, s.length());
    assertEquals(List.of("x|"), PyStr.split(s));
  }
}
