package dev.osb.catalyst;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The few Python 3 {@code str} operations catalyst's spec parser relies on, with Python's
 * definitions rather than Java's: {@link #isSpace} is {@code str.isspace()} (which is also what
 * {@code str.strip()}, {@code str.split()} and the regex {@code \s} use), and {@link #repr} is
 * {@code repr()}, needed because {@code %(key)s} of a list value prints the list's repr.
 */
final class PyStr {

  private PyStr() {}

  /**
   * Python's {@code str.isspace()} for one code point (Unicode 14 as in Python 3.11): the ASCII
   * whitespace {@code \t \n \x0b \x0c \r} and space, the separators {@code \x1c-\x1f}, NEL
   * {@code \x85}, NBSP {@code \xa0} and the Unicode space and line/paragraph separators. Java's
   * {@link Character#isWhitespace} differs (it excludes NBSP and U+2007 and U+202F).
   */
  static boolean isSpace(int cp) {
    if (cp <= 0x20) {
      return cp == 0x20 || (cp >= 0x09 && cp <= 0x0d) || (cp >= 0x1c && cp <= 0x1f);
    }
    switch (cp) {
      case 0x85:
      case 0xa0:
      case 0x1680:
      case 0x2028:
      case 0x2029:
      case 0x202f:
      case 0x205f:
      case 0x3000:
        return true;
      default:
        return cp >= 0x2000 && cp <= 0x200a;
    }
  }

  /** The first code point of {@code s} that Python considers whitespace, or -1. */
  static int firstSpace(String s) {
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      if (isSpace(cp)) {
        return cp;
      }
      i += Character.charCount(cp);
    }
    return -1;
  }

  /** {@code s.strip()}: removes leading and trailing Python whitespace. */
  static String strip(String s) {
    int start = 0;
    int end = s.length();
    while (start < end) {
      int cp = s.codePointAt(start);
      if (!isSpace(cp)) {
        break;
      }
      start += Character.charCount(cp);
    }
    while (end > start) {
      int cp = s.codePointBefore(end);
      if (!isSpace(cp)) {
        break;
      }
      end -= Character.charCount(cp);
    }
    return s.substring(start, end);
  }

  /** {@code s.rstrip()}. */
  static String rstrip(String s) {
    int end = s.length();
    while (end > 0) {
      int cp = s.codePointBefore(end);
      if (!isSpace(cp)) {
        break;
      }
      end -= Character.charCount(cp);
    }
    return s.substring(0, end);
  }

  /** {@code s.strip(c)} for one character: removes every leading and trailing {@code c}. */
  static String strip(String s, char c) {
    int start = 0;
    int end = s.length();
    while (start < end && s.charAt(start) == c) {
      start++;
    }
    while (end > start && s.charAt(end - 1) == c) {
      end--;
    }
    return s.substring(start, end);
  }

  /** {@code s.split()}: the runs of non-whitespace, never an empty item. */
  static List<String> split(String s) {
    List<String> out = new ArrayList<>();
    int i = 0;
    int n = s.length();
    while (i < n) {
      while (i < n && isSpace(s.codePointAt(i))) {
        i += Character.charCount(s.codePointAt(i));
      }
      int start = i;
      while (i < n && !isSpace(s.codePointAt(i))) {
        i += Character.charCount(s.codePointAt(i));
      }
      if (i > start) {
        out.add(s.substring(start, i));
      }
    }
    return out;
  }

  /** {@code s.lower()} as far as comparisons with ASCII words are concerned. */
  static String lower(String s) {
    return s.toLowerCase(Locale.ROOT);
  }

  /**
   * {@code str(v)} for the values the spec parser holds: a {@code String} is itself, a list
   * prints as its repr, a map (the dict of values parsed so far) as the dict's repr, and
   * {@code null} as {@code None}.
   */
  static String str(Object v) {
    return v instanceof String ? (String) v : repr(v, false);
  }

  /** {@code repr(v)}: {@code 'text'}, {@code ['a', 'b']}, {@code {'k': 'v'}} or {@code None}. */
  static String repr(Object v) {
    return repr(v, false);
  }

  /** {@code ascii(v)}: {@link #repr} with every non-ASCII character escaped. */
  static String ascii(Object v) {
    return repr(v, true);
  }

  private static String repr(Object v, boolean asciiOnly) {
    if (v == null) {
      return "None";
    }
    if (v instanceof String) {
      return reprString((String) v, asciiOnly);
    }
    StringBuilder sb = new StringBuilder();
    if (v instanceof List) {
      sb.append('[');
      String sep = "";
      for (Object o : (List<?>) v) {
        sb.append(sep).append(repr(o, asciiOnly));
        sep = ", ";
      }
      return sb.append(']').toString();
    }
    if (v instanceof Map) {
      sb.append('{');
      String sep = "";
      for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
        sb.append(sep).append(repr(e.getKey(), asciiOnly)).append(": ");
        sb.append(repr(e.getValue(), asciiOnly));
        sep = ", ";
      }
      return sb.append('}').toString();
    }
    throw new IllegalArgumentException("no Python repr for " + v.getClass().getName());
  }

  /** CPython's {@code unicode_repr}: quote choice, backslash escapes, printable check. */
  private static String reprString(String s, boolean asciiOnly) {
    char quote = s.indexOf('\'') >= 0 && s.indexOf('"') < 0 ? '"' : '\'';
    StringBuilder sb = new StringBuilder(s.length() + 2).append(quote);
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      i += Character.charCount(cp);
      if (cp == quote || cp == '\\') {
        sb.append('\\').appendCodePoint(cp);
      } else if (cp == '\t') {
        sb.append("\\t");
      } else if (cp == '\n') {
        sb.append("\\n");
      } else if (cp == '\r') {
        sb.append("\\r");
      } else if (cp < 0x20 || cp == 0x7f) {
        sb.append(String.format("\\x%02x", cp));
      } else if (cp < 0x7f) {
        sb.appendCodePoint(cp);
      } else if (!asciiOnly && isPrintable(cp)) {
        sb.appendCodePoint(cp);
      } else if (cp <= 0xff) {
        sb.append(String.format("\\x%02x", cp));
      } else if (cp <= 0xffff) {
        sb.append(String.format("\\u%04x", cp));
      } else {
        sb.append(String.format("\\U%08x", cp));
      }
    }
    return sb.append(quote).toString();
  }

  /**
   * Python's {@code str.isprintable()} for one code point: not in the categories Cc, Cf, Cs, Co,
   * Cn, Zl, Zp or Zs (except the space). Java's Unicode tables are one version older than
   * Python 3.11's; the two differ only on characters assigned in Unicode 14.
   */
  static boolean isPrintable(int cp) {
    if (cp == ' ') {
      return true;
    }
    switch (Character.getType(cp)) {
      case Character.CONTROL:
      case Character.FORMAT:
      case Character.SURROGATE:
      case Character.PRIVATE_USE:
      case Character.UNASSIGNED:
      case Character.LINE_SEPARATOR:
      case Character.PARAGRAPH_SEPARATOR:
      case Character.SPACE_SEPARATOR:
        return false;
      default:
        return true;
    }
  }

  /** {@code U+0009 (tab)}-style name of a code point, for error messages. */
  static String describe(int cp) {
    String name;
    switch (cp) {
      case '\t':
        name = " (tab)";
        break;
      case '\n':
        name = " (newline)";
        break;
      case '\r':
        name = " (carriage return)";
        break;
      case ' ':
        name = " (space)";
        break;
      default:
        name = Character.getName(cp) == null ? "" : " (" + Character.getName(cp) + ")";
    }
    return String.format("U+%04X", cp) + name;
  }
}
