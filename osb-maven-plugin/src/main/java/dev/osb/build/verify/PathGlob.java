package dev.osb.build.verify;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * An absolute path glob as the shell (the fsscript's {@code for f in GLOB}) and catalyst's
 * {@code stage4/rm} (Python's glob) expand it: {@code *} and {@code ?} match within one path
 * segment, {@code [...]} is a character class ({@code [!...]} or {@code [^...]} negated), and a
 * segment starting with {@code .} is matched only by a pattern segment starting with a literal
 * {@code .} (no dotglob). A trailing {@code /} is ignored.
 */
public final class PathGlob {

  private final String glob;
  private final List<Segment> segments;

  private record Segment(Pattern regex, boolean literalDot, boolean literal) {}

  private PathGlob(String glob, List<Segment> segments) {
    this.glob = glob;
    this.segments = segments;
  }

  public static PathGlob compile(String glob) {
    List<Segment> segs = new ArrayList<>();
    for (String s : glob.split("/")) {
      if (s.isEmpty() || s.equals(".")) {
        continue;
      }
      segs.add(new Segment(Pattern.compile(regex(s)), s.startsWith("."), isLiteral(s)));
    }
    return new PathGlob(glob, List.copyOf(segs));
  }

  /** True when the glob has no wildcard: it names one path. */
  public boolean isLiteral() {
    return segments.stream().allMatch(Segment::literal);
  }

  /** Whether the absolute, normalised {@code path} matches the whole glob. */
  public boolean matches(String path) {
    String[] parts = TarReader.normalize(path).substring(1).split("/");
    if (path.equals("/") || TarReader.normalize(path).equals("/")) {
      return segments.isEmpty();
    }
    if (parts.length != segments.size()) {
      return false;
    }
    for (int i = 0; i < parts.length; i++) {
      Segment s = segments.get(i);
      if (parts[i].startsWith(".") && !s.literalDot()) {
        return false;
      }
      if (!s.regex().matcher(parts[i]).matches()) {
        return false;
      }
    }
    return true;
  }

  /** Whether {@code path} or one of its parent directories matches. */
  public boolean matchesSelfOrParent(String path) {
    String p = TarReader.normalize(path);
    while (true) {
      if (matches(p)) {
        return true;
      }
      int slash = p.lastIndexOf('/');
      if (slash <= 0) {
        return false;
      }
      p = p.substring(0, slash);
    }
  }

  @Override
  public String toString() {
    return glob;
  }

  private static boolean isLiteral(String s) {
    return s.indexOf('*') < 0 && s.indexOf('?') < 0 && s.indexOf('[') < 0;
  }

  private static String regex(String s) {
    StringBuilder r = new StringBuilder();
    int n = s.length();
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      switch (c) {
        case '*' -> r.append("[^/]*");
        case '?' -> r.append("[^/]");
        case '[' -> {
          int j = i + 1;
          boolean negate = false;
          if (j < n && (s.charAt(j) == '!' || s.charAt(j) == '^')) {
            negate = true;
            j++;
          }
          int start = j;
          if (j < n && s.charAt(j) == ']') {
            j++; // a leading ] is a member
          }
          while (j < n && s.charAt(j) != ']') {
            j++;
          }
          if (j >= n) {
            r.append(Pattern.quote("[")); // no closing ]: a literal [
            continue;
          }
          StringBuilder cls = new StringBuilder("[").append(negate ? "^/" : "");
          for (int k = start; k < j; k++) {
            char m = s.charAt(k);
            if (m == '-' && k > start && k < j - 1) {
              cls.append('-');
            } else if (Character.isLetterOrDigit(m)) {
              cls.append(m);
            } else {
              cls.append('\\').append(m);
            }
          }
          r.append(cls.append(']'));
          i = j;
        }
        default -> r.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return r.toString();
  }
}
