package dev.osb.templates;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * TOML for catalyst.conf: literals written in Java (templates only print them), and a reader
 * of the top-level keys of a rendered file, to hold it to {@code KeyTables.CATALYST_CONF_KEYS}.
 */
public final class Toml {

  private Toml() {}

  /** A TOML basic string: {@code "..."} with {@code \ "} and control characters escaped. */
  public static String string(String value) {
    StringBuilder b = new StringBuilder("\"");
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\b' -> b.append("\\b");
        case '\t' -> b.append("\\t");
        case '\n' -> b.append("\\n");
        case '\f' -> b.append("\\f");
        case '\r' -> b.append("\\r");
        default -> {
          if (c < 0x20 || c == 0x7f) {
            b.append(String.format(java.util.Locale.ROOT, "\\u%04X", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.append('"').toString();
  }

  /**
   * A string catalyst reads as {@code value}: catalyst {@code %}-formats string values against
   * the other settings ({@code "%(storedir)s/logs"}), so {@code %} is written {@code %%}.
   */
  public static String catalystString(String value) {
    return string(value.replace("%", "%%"));
  }

  /** A one-line array of basic strings; {@code []} when empty. */
  public static String array(List<String> values) {
    List<String> items = new ArrayList<>();
    values.forEach(v -> items.add(string(v)));
    return "[" + String.join(", ", items) + "]";
  }

  /** A TOML float, always with a fraction ({@code 4.0}, {@code 3.5}); refuses NaN and infinities. */
  public static String decimal(double value) {
    if (Double.isNaN(value) || Double.isInfinite(value)) {
      throw new IllegalArgumentException("not a finite number: " + value);
    }
    String s = BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    return s.contains(".") ? s : s + ".0";
  }

  /**
   * The top-level keys of a TOML document, in order. Handles comments, bare and quoted keys,
   * basic and literal strings (also multi-line) and arrays over several lines. Refuses (with an
   * IllegalArgumentException) what catalyst.conf never needs and this reader does not follow:
   * tables, dotted keys, inline tables, and text it cannot read.
   */
  public static List<String> topLevelKeys(String text) {
    return new KeyReader(text).read();
  }

  private static final class KeyReader {
    private final String s;
    private int i;
    private int line = 1;

    KeyReader(String s) {
      this.s = s;
    }

    List<String> read() {
      List<String> keys = new ArrayList<>();
      while (true) {
        skipBlankAndComments(true);
        if (i >= s.length()) {
          return keys;
        }
        char c = s.charAt(i);
        if (c == '[') {
          throw fail("tables are not used in catalyst.conf");
        }
        String key = key();
        skipSpaces();
        if (i < s.length() && s.charAt(i) == '.') {
          throw fail("dotted key '" + key + ".' is not used in catalyst.conf");
        }
        if (i >= s.length() || s.charAt(i) != '=') {
          throw fail("expected '=' after key '" + key + "'");
        }
        i++;
        skipSpaces();
        value(0);
        skipSpaces();
        if (i < s.length() && s.charAt(i) == '#') {
          skipComment();
        }
        if (i < s.length() && s.charAt(i) != '\n' && !s.startsWith("\r\n", i)) {
          throw fail("expected the end of the line after the value of '" + key + "'");
        }
        keys.add(key);
      }
    }

    private String key() {
      char c = s.charAt(i);
      if (c == '"' || c == '\'') {
        return stringValue();
      }
      int start = i;
      while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) && s.charAt(i) < 0x80
          || s.charAt(i) == '_' || s.charAt(i) == '-')) {
        i++;
      }
      if (start == i) {
        throw fail("expected a key");
      }
      return s.substring(start, i);
    }

    private void value(int depth) {
      if (i >= s.length()) {
        throw fail("missing value");
      }
      char c = s.charAt(i);
      if (c == '"' || c == '\'') {
        stringValue();
      } else if (c == '[') {
        i++;
        while (true) {
          skipBlankAndComments(true);
          if (i >= s.length()) {
            throw fail("unterminated array");
          }
          if (s.charAt(i) == ']') {
            i++;
            return;
          }
          value(depth + 1);
          skipBlankAndComments(true);
          if (i < s.length() && s.charAt(i) == ',') {
            i++;
          } else if (i < s.length() && s.charAt(i) == ']') {
            i++;
            return;
          } else {
            throw fail("expected ',' or ']' in an array");
          }
        }
      } else if (c == '{') {
        throw fail("inline tables are not used in catalyst.conf");
      } else {
        int start = i;
        while (i < s.length() && "\n\r#,] \t".indexOf(s.charAt(i)) < 0) {
          i++;
        }
        if (start == i) {
          throw fail("missing value");
        }
      }
    }

    /** A basic or literal string, single- or multi-line; returns its raw inner text. */
    private String stringValue() {
      char q = s.charAt(i);
      String triple = String.valueOf(q).repeat(3);
      boolean multi = s.startsWith(triple, i);
      i += multi ? 3 : 1;
      int start = i;
      while (i < s.length()) {
        char c = s.charAt(i);
        if (c == '\\' && q == '"') {
          i += 2;
          continue;
        }
        if (c == '\n') {
          if (!multi) {
            throw fail("newline in a string");
          }
          line++;
        }
        if (multi ? s.startsWith(triple, i) : c == q) {
          String inner = s.substring(start, i);
          i += multi ? 3 : 1;
          return inner;
        }
        i++;
      }
      throw fail("unterminated string");
    }

    private void skipSpaces() {
      while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
        i++;
      }
    }

    private void skipComment() {
      while (i < s.length() && s.charAt(i) != '\n') {
        i++;
      }
    }

    private void skipBlankAndComments(boolean newlines) {
      while (i < s.length()) {
        char c = s.charAt(i);
        if (c == ' ' || c == '\t' || c == '\r') {
          i++;
        } else if (c == '\n' && newlines) {
          line++;
          i++;
        } else if (c == '#') {
          skipComment();
        } else {
          return;
        }
      }
    }

    private IllegalArgumentException fail(String what) {
      return new IllegalArgumentException("line " + line + ": " + what);
    }
  }
}
