package dev.osb.build.standin;

import dev.osb.catalyst.KeyTables;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * TEST STAND-IN, not catalyst: catalyst.conf as catalyst 4 reads it, for {@link CatalystStandIn}.
 * A TOML subset: {@code key = "string" | 'literal' | number | true/false | [array]} (arrays may
 * span lines), {@code #} comments, no tables. Several {@code -c} files merge in order (a later
 * key wins); a key outside {@link KeyTables#CATALYST_CONF_KEYS} is catalyst's critical {@code
 * Unknown option}; string values are {@code %(name)s}-interpolated against the other settings
 * and the defaults; a configuration without {@code options} crashes as catalyst's does.
 */
final class StandInConfig {

  /** A configuration catalyst refuses (exit 1). */
  static final class ConfigError extends Exception {
    private static final long serialVersionUID = 1L;

    ConfigError(String message) {
      super(message);
    }
  }

  /** catalyst/defaults.py confdefaults, the ones the stand-in reads. */
  static Map<String, Object> defaults() {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("binhost", "");
    d.put("compression_mode", "lbzip2");
    d.put("digest_format", "linux");
    d.put("distdir", "/var/cache/distfiles");
    d.put("repo_basedir", "/var/db/repos");
    d.put("repo_name", "gentoo");
    d.put("repos_storedir", "%(storedir)s/repos");
    d.put("sharedir", "/usr/share/catalyst");
    d.put("storedir", "/var/tmp/catalyst");
    d.put("target_distdir", "/var/cache/distfiles");
    d.put("target_pkgdir", "/var/cache/binpkgs");
    d.put("target_logdir", "/var/log/portage");
    return d;
  }

  private StandInConfig() {}

  /** Reads and merges the files, checks keys, interpolates. */
  static Map<String, Object> load(List<Path> files) throws ConfigError {
    Map<String, Object> merged = defaults();
    boolean options = false;
    for (Path f : files) {
      String text;
      try {
        text = Files.readString(f, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new ConfigError("Could not read config file " + f + ": " + e.getMessage());
      }
      Map<String, Object> one = parse(text, f.toString());
      for (String key : one.keySet()) {
        if (!KeyTables.CATALYST_CONF_KEYS.contains(key)) {
          throw new ConfigError("Unknown option '" + key + "' in config file " + f);
        }
      }
      options |= one.containsKey("options");
      merged.putAll(one);
    }
    if (!options) {
      // catalyst's built-in default is a set, and main.py calls .extend() on it
      throw new ConfigError("Traceback (most recent call last): ... AttributeError: 'set' object has no attribute "
          + "'extend' (a catalyst.conf without options crashes catalyst 4; set options = [])");
    }
    Map<String, Object> out = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : merged.entrySet()) {
      out.put(e.getKey(), e.getValue() instanceof String s ? interpolate(s, merged, 0) : e.getValue());
    }
    return out;
  }

  private static final Pattern REF = Pattern.compile("%\\(([^)]+)\\)s|%%");

  static String interpolate(String s, Map<String, Object> settings, int depth) throws ConfigError {
    if (depth > 10) {
      throw new ConfigError("recursive %-interpolation in \"" + s + "\"");
    }
    Matcher m = REF.matcher(s);
    StringBuilder b = new StringBuilder();
    int last = 0;
    while (m.find()) {
      b.append(s, last, m.start());
      if (m.group().equals("%%")) {
        b.append('%');
      } else {
        Object v = settings.get(m.group(1));
        if (v == null) {
          throw new ConfigError("KeyError: '" + m.group(1) + "' while interpolating \"" + s + "\"");
        }
        b.append(v instanceof String vs ? interpolate(vs, settings, depth + 1) : String.valueOf(v));
      }
      last = m.end();
    }
    return b.append(s.substring(last)).toString();
  }

  // ------------------------------------------------------------------ the TOML subset

  static Map<String, Object> parse(String text, String file) throws ConfigError {
    return new Parser(text, file).document();
  }

  private static final class Parser {
    private final String s;
    private final String file;
    private int i;

    Parser(String s, String file) {
      this.s = s;
      this.file = file;
    }

    Map<String, Object> document() throws ConfigError {
      Map<String, Object> m = new LinkedHashMap<>();
      while (true) {
        skipBlankLines();
        if (i >= s.length()) {
          return m;
        }
        if (s.charAt(i) == '[') {
          throw error("tables are not part of catalyst.conf");
        }
        String key = key();
        skipSpaces();
        expect('=');
        skipSpaces();
        Object v = value();
        skipSpaces();
        if (i < s.length() && s.charAt(i) == '#') {
          skipComment();
        }
        if (i < s.length() && s.charAt(i) != '\n' && s.charAt(i) != '\r') {
          throw error("expected the end of the line after the value of " + key);
        }
        if (m.put(key, v) != null) {
          throw error("duplicate key " + key);
        }
      }
    }

    private String key() throws ConfigError {
      if (s.charAt(i) == '"') {
        return basicString();
      }
      int start = i;
      while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_' || s.charAt(i) == '-')) {
        i++;
      }
      if (start == i) {
        throw error("expected a key");
      }
      return s.substring(start, i);
    }

    private Object value() throws ConfigError {
      if (i >= s.length()) {
        throw error("expected a value");
      }
      char c = s.charAt(i);
      if (c == '"') {
        return basicString();
      }
      if (c == '\'') {
        int end = s.indexOf('\'', i + 1);
        if (end < 0 || s.substring(i, end).contains("\n")) {
          throw error("unterminated literal string");
        }
        String v = s.substring(i + 1, end);
        i = end + 1;
        return v;
      }
      if (c == '[') {
        i++;
        List<Object> list = new ArrayList<>();
        while (true) {
          skipWhitespaceAndComments();
          if (i < s.length() && s.charAt(i) == ']') {
            i++;
            return list;
          }
          list.add(value());
          skipWhitespaceAndComments();
          if (i < s.length() && s.charAt(i) == ',') {
            i++;
          } else if (i < s.length() && s.charAt(i) == ']') {
            i++;
            return list;
          } else {
            throw error("expected , or ] in an array");
          }
        }
      }
      int start = i;
      while (i < s.length() && "+-0123456789._eEtrufalsTRUFALS".indexOf(s.charAt(i)) >= 0) {
        i++;
      }
      String word = s.substring(start, i);
      if (word.equals("true") || word.equals("false")) {
        return Boolean.valueOf(word);
      }
      String n = word.replace("_", "");
      try {
        if (n.matches("[+-]?[0-9]+")) {
          return Long.parseLong(n);
        }
        if (n.matches("[+-]?[0-9]+(\\.[0-9]+)?([eE][+-]?[0-9]+)?")) {
          return Double.parseDouble(n);
        }
      } catch (NumberFormatException e) {
        // below
      }
      throw error("unsupported value '" + word + "' (the stand-in reads strings, numbers, booleans, arrays)");
    }

    private String basicString() throws ConfigError {
      i++;
      StringBuilder b = new StringBuilder();
      while (i < s.length()) {
        char c = s.charAt(i++);
        if (c == '"') {
          return b.toString();
        }
        if (c == '\n') {
          break;
        }
        if (c == '\\' && i < s.length()) {
          char e = s.charAt(i++);
          switch (e) {
            case 'n' -> b.append('\n');
            case 't' -> b.append('\t');
            case '"' -> b.append('"');
            case '\\' -> b.append('\\');
            case 'u' -> {
              b.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
              i += 4;
            }
            default -> throw error("unsupported escape \\" + e);
          }
        } else {
          b.append(c);
        }
      }
      throw error("unterminated string");
    }

    private void expect(char c) throws ConfigError {
      if (i >= s.length() || s.charAt(i) != c) {
        throw error("expected '" + c + "'");
      }
      i++;
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

    private void skipBlankLines() {
      skipWhitespaceAndComments();
    }

    private void skipWhitespaceAndComments() {
      while (i < s.length()) {
        char c = s.charAt(i);
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
          i++;
        } else if (c == '#') {
          skipComment();
        } else {
          return;
        }
      }
    }

    private ConfigError error(String what) {
      int line = 1;
      for (int k = 0; k < Math.min(i, s.length()); k++) {
        if (s.charAt(k) == '\n') {
          line++;
        }
      }
      return new ConfigError("cannot parse config file " + file + " (line " + line + "): " + what);
    }
  }
}
