package dev.osb.imports;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Writes the YAML the importer emits: block style, two-space indents, each string plain when
 * OSB's YAML reader (1.2 core schema) reads it back as that very string, double-quoted
 * otherwise. Plain is also avoided where a YAML 1.1 reader or a person could take it for
 * something else ({@code yes}, {@code 0440}, a leading {@code -}).
 */
final class YamlText {

  private YamlText() {}

  private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_/.][A-Za-z0-9_/.+=@,|~%:()-]*");
  private static final Pattern WORD = Pattern.compile("(?i)true|false|yes|no|on|off|null|y|n|~");
  private static final Pattern NUMBER =
      Pattern.compile("[-+]?(?:[0-9][0-9_]*(?:\\.[0-9_]*)?|\\.[0-9]+)(?:[eE][-+]?[0-9]+)?|0x[0-9a-fA-F_]+|0o[0-7_]+|0b[01_]+|\\.(?:inf|nan)");

  /** {@code s} as a YAML scalar. */
  static String scalar(String s) {
    if (PLAIN.matcher(s).matches() && !WORD.matcher(s).matches() && !NUMBER.matcher(s).matches()
        && !s.endsWith(":") && !s.contains(": ") && !s.startsWith(".")) {
      return s;
    }
    return quoted(s);
  }

  /** A map key: plain when it is a plain scalar, else quoted. */
  static String key(String s) {
    return scalar(s);
  }

  static String quoted(String s) {
    StringBuilder sb = new StringBuilder("\"");
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\t' -> sb.append("\\t");
        default -> {
          if (c < 0x20 || c == 0x7f) {
            sb.append(String.format("\\x%02x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    return sb.append('"').toString();
  }

  /** {@code [a, b]} for a short list of plain items, else null (write a block list). */
  static String flow(List<String> items) {
    if (items.isEmpty()) {
      return "[]";
    }
    StringBuilder sb = new StringBuilder("[");
    for (String item : items) {
      String v = scalar(item);
      if (v.contains(":") || v.contains(",") || v.contains("[") || v.contains("]") || v.contains("{") || v.contains("}")) {
        return null;
      }
      if (sb.length() > 1) {
        sb.append(", ");
      }
      sb.append(v);
    }
    sb.append(']');
    return sb.length() > 90 ? null : sb.toString();
  }
}
