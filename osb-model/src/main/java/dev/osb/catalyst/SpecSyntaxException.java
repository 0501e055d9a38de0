package dev.osb.catalyst;

/**
 * A spec that catalyst's own parser would crash on. Catalyst raises a bare Python exception
 * (with a traceback and no line number) when the {@code %}-formatting of a key-line value fails:
 * a lone {@code %} ({@code ValueError: incomplete format}), {@code %(name)s} for a key not parsed
 * yet ({@code KeyError: 'name'}), {@code 50% off} ({@code TypeError: %o format: ...}). This
 * exception carries the 1-based line, the key being parsed, and the Python error text.
 */
public final class SpecSyntaxException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final int line;
  private final String key;
  private final String pythonError;

  SpecSyntaxException(int line, String key, String pythonError, String hint) {
    super(
        "line "
            + line
            + ": value of key "
            + PyStr.repr(key)
            + " makes catalyst's spec parser raise "
            + pythonError
            + " ("
            + hint
            + ")");
    this.line = line;
    this.key = key;
    this.pythonError = pythonError;
  }

  /** The 1-based line of the offending key line. */
  public int line() {
    return line;
  }

  /** The key whose value failed, exactly as written before the {@code :}. */
  public String key() {
    return key;
  }

  /** What catalyst would raise, as Python prints it: {@code ValueError: incomplete format}. */
  public String pythonError() {
    return pythonError;
  }
}
