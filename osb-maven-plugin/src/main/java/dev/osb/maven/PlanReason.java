package dev.osb.maven;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * osb:plan's pure parts: why a build would run, and a command line as one shell-quoted line.
 * The Store records only a finished output's fingerprint (not its input list), so a changed
 * input is reported as the change of fingerprint.
 */
final class PlanReason {

  private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_@%+=:,./-]+");

  private PlanReason() {}

  /**
   * Why a build would run, or empty when it is up to date.
   *
   * @param outputExists whether the build's output is in the store
   * @param recorded the fingerprint recorded for that output, if any (64 hex digits)
   * @param current the fingerprint computed now (64 hex digits)
   * @param runningParent the build's parent when that parent will run, else null
   */
  static Optional<String> reason(boolean outputExists, Optional<String> recorded, String current,
      String runningParent) {
    if (!outputExists || recorded.isEmpty()) {
      return Optional.of("no finished output in the store");
    }
    if (runningParent != null) {
      return Optional.of("its parent " + runningParent + " will run");
    }
    if (!recorded.get().equals(current)) {
      return Optional.of("its inputs changed (fingerprint " + short8(recorded.get()) + " -> " + short8(current) + ")");
    }
    return Optional.empty();
  }

  /** The first 8 characters of a fingerprint. */
  static String short8(String hex) {
    return hex.length() <= 8 ? hex : hex.substring(0, 8);
  }

  /** An argv as one line a POSIX shell reads back into the same words. */
  static String shellLine(List<String> argv) {
    StringBuilder s = new StringBuilder();
    for (String a : argv) {
      if (s.length() > 0) {
        s.append(' ');
      }
      s.append(quote(a));
    }
    return s.toString();
  }

  /**
   * One word: as is when it holds only characters no shell treats specially, single-quoted
   * otherwise, and in bash's {@code $'...'} form when it holds a line break or another control
   * character, so a multi-line script stays on one line.
   */
  static String quote(String word) {
    if (!word.isEmpty() && SAFE.matcher(word).matches()) {
      return word;
    }
    if (word.chars().noneMatch(c -> c < 0x20 || c == 0x7f)) {
      return "'" + word.replace("'", "'\\''") + "'";
    }
    StringBuilder s = new StringBuilder("$'");
    for (char c : word.toCharArray()) {
      switch (c) {
        case '\\' -> s.append("\\\\");
        case '\'' -> s.append("\\'");
        case '\n' -> s.append("\\n");
        case '\t' -> s.append("\\t");
        default -> {
          if (c < 0x20 || c == 0x7f) {
            s.append(String.format("\\x%02x", (int) c));
          } else {
            s.append(c);
          }
        }
      }
    }
    return s.append('\'').toString();
  }
}
