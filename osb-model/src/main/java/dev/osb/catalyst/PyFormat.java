package dev.osb.catalyst;

import java.util.Map;

/**
 * Python 3's {@code format % mapping} (CPython {@code PyUnicode_Format}), which catalyst
 * applies to every key-line value against the dict of the keys parsed so far.
 *
 * <p>Mirrored exactly, including the surprising parts: {@code %%} is a literal {@code %} only
 * when the two are adjacent ({@code %5%} and {@code %(k)%} are errors); a specifier without a
 * {@code (key)} takes the whole dict as its argument, so {@code %s} prints the dict's repr and a
 * second one raises {@code TypeError: not enough arguments}; {@code %(k)s} of a list value prints
 * {@code ['a', 'b']}; flags, width and precision apply to {@code s}, {@code r}, {@code a} and
 * {@code c}; the numeric conversions always fail because no value is a number. The dict values
 * are {@code String} (one item) or {@code List<String>} (none or several items), as in catalyst.
 *
 * <p>The one deliberate difference: a padding run longer than {@value #MAX_PAD} spaces is
 * shortened to that length. Python would allocate up to its full width; the parser only ever
 * splits the result on whitespace, and any run of one or more spaces splits the same.
 */
final class PyFormat {

  /** Longest padding run produced; see the class comment. */
  static final int MAX_PAD = 4096;

  private static final long PY_SSIZE_T_MAX = Long.MAX_VALUE;
  private static final long INT_MAX = Integer.MAX_VALUE;

  /** A Python exception: its type name ({@code ValueError}, ...) and {@code str(exc)}. */
  static final class PyError extends Exception {
    private static final long serialVersionUID = 1L;
    final String type;
    final String text;

    PyError(String type, String text) {
      super(type + ": " + text);
      this.type = type;
      this.text = text;
    }
  }

  private final int[] fmt;
  private final Map<String, Object> dict;
  private Object args;
  private int argidx = -2;
  private int pos;
  private final StringBuilder out = new StringBuilder();

  private PyFormat(String fmt, Map<String, Object> dict) {
    this.fmt = fmt.codePoints().toArray();
    this.dict = dict;
    this.args = dict;
  }

  /** {@code fmt % dict}, or the Python exception it raises. */
  static String format(String fmt, Map<String, Object> dict) throws PyError {
    return new PyFormat(fmt, dict).run();
  }

  private String run() throws PyError {
    int n = fmt.length;
    while (pos < n) {
      int c = fmt[pos];
      if (c != '%') {
        out.appendCodePoint(c);
        pos++;
        continue;
      }
      pos++;
      if (pos < n && fmt[pos] == '%') {
        out.append('%');
        pos++;
        continue;
      }
      formatOne();
    }
    return out.toString();
  }

  /** CPython {@code getnextarg} for a single (non-tuple) argument. */
  private Object nextArg() throws PyError {
    if (argidx < -1) {
      argidx++;
      return args;
    }
    throw new PyError("TypeError", "not enough arguments for format string");
  }

  private int read() {
    return pos < fmt.length ? fmt[pos++] : -1;
  }

  private static PyError incomplete() {
    return new PyError("ValueError", "incomplete format");
  }

  /** Parses and formats one specifier; {@code pos} is just after its {@code %}. */
  private void formatOne() throws PyError {
    int n = fmt.length;
    if (pos < n && fmt[pos] == '(') {
      pos++;
      int keyStart = pos;
      int depth = 1;
      while (depth > 0 && pos < n) {
        int ch = fmt[pos++];
        if (ch == ')') {
          depth--;
        } else if (ch == '(') {
          depth++;
        }
      }
      if (depth > 0) {
        throw new PyError("ValueError", "incomplete format key");
      }
      String key = new String(fmt, keyStart, pos - 1 - keyStart);
      if (!dict.containsKey(key)) {
        throw new PyError("KeyError", PyStr.repr(key));
      }
      args = dict.get(key);
      argidx = -2;
    }
    boolean left = false;
    int ch;
    while (true) {
      ch = read();
      if (ch == '-') {
        left = true;
      } else if (ch != '+' && ch != ' ' && ch != '#' && ch != '0') {
        break;
      }
    }
    long width = -1;
    if (ch == '*') {
      nextArg();
      throw new PyError("TypeError", "* wants int");
    } else if (ch >= '0' && ch <= '9') {
      width = ch - '0';
      while ((ch = read()) >= '0' && ch <= '9') {
        if (width > (PY_SSIZE_T_MAX - (ch - '0')) / 10) {
          throw new PyError("ValueError", "width too big");
        }
        width = width * 10 + (ch - '0');
      }
    }
    long prec = -1;
    if (ch == '.') {
      prec = 0;
      ch = read();
      if (ch == '*') {
        nextArg();
        throw new PyError("TypeError", "* wants int");
      } else if (ch >= '0' && ch <= '9') {
        prec = ch - '0';
        while ((ch = read()) >= '0' && ch <= '9') {
          if (prec > (INT_MAX - (ch - '0')) / 10) {
            throw new PyError("ValueError", "precision too big");
          }
          prec = prec * 10 + (ch - '0');
        }
      }
    }
    if (ch == 'h' || ch == 'l' || ch == 'L') {
      ch = read();
    }
    if (ch == -1) {
      throw incomplete();
    }
    Object v = nextArg();
    String s;
    switch (ch) {
      case 's':
        s = truncate(PyStr.str(v), prec);
        break;
      case 'r':
        s = truncate(PyStr.repr(v), prec);
        break;
      case 'a':
        s = truncate(PyStr.ascii(v), prec);
        break;
      case 'c':
        if (!(v instanceof String) || ((String) v).codePointCount(0, ((String) v).length()) != 1) {
          throw new PyError("TypeError", "%c requires int or char");
        }
        s = (String) v;
        break;
      case 'd':
      case 'i':
      case 'u':
        throw new PyError(
            "TypeError",
            "%" + (char) ch + " format: a real number is required, not " + typeName(v));
      case 'o':
      case 'x':
      case 'X':
        throw new PyError(
            "TypeError", "%" + (char) ch + " format: an integer is required, not " + typeName(v));
      case 'e':
      case 'E':
      case 'f':
      case 'F':
      case 'g':
      case 'G':
        throw new PyError("TypeError", "must be real number, not " + typeName(v));
      default:
        throw new PyError(
            "ValueError",
            String.format(
                "unsupported format character '%c' (0x%x) at index %d",
                ch >= 31 && ch <= 126 ? (char) ch : '?',
                ch,
                pos - 1));
    }
    int len = s.codePointCount(0, s.length());
    int pad = width > len ? (int) Math.min(width - len, MAX_PAD) : 0;
    if (!left) {
      out.append(" ".repeat(pad));
    }
    out.append(s);
    if (left) {
      out.append(" ".repeat(pad));
    }
  }

  private static String truncate(String s, long prec) {
    if (prec < 0 || prec >= s.codePointCount(0, s.length())) {
      return s;
    }
    return s.substring(0, s.offsetByCodePoints(0, (int) prec));
  }

  private static String typeName(Object v) {
    if (v instanceof String) {
      return "str";
    }
    return v instanceof Map ? "dict" : "list";
  }
}
