package dev.osb.templates;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Golden files: the expected rendered tree of a test project under
 * src/test/resources/golden/NAME/. Run the tests with {@code -Dosb.golden.update=true} to rewrite
 * them from the current output (then review the diff in git).
 */
final class Golden {

  static final String UPDATE = "osb.golden.update";
  static final String REFRESH = "refresh with: mvn -B -pl osb-model,templates -am test -Dtest=GoldenTest"
      + " -Dsurefire.failIfNoSpecifiedTests=false -D" + UPDATE + "=true"
      + " (then review the changes under templates/src/test/resources/golden/ with git diff)";

  private Golden() {}

  static boolean updating() {
    return Boolean.getBoolean(UPDATE);
  }

  /**
   * Compares (or, when updating, rewrites) every file of {@code rendered} that {@code covered}
   * accepts against {@code dir}; returns the failures, empty when all match.
   */
  static List<String> check(Rendered rendered, Path dir, Predicate<String> covered) throws IOException {
    return check(rendered, dir, covered, updating());
  }

  /** As {@link #check(Rendered, Path, Predicate)}, rewriting the files when {@code update}. */
  static List<String> check(Rendered rendered, Path dir, Predicate<String> covered, boolean update)
      throws IOException {
    TreeSet<String> expected = new TreeSet<>();
    if (Files.isDirectory(dir)) {
      try (Stream<Path> s = Files.walk(dir)) {
        s.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString().replace('\\', '/'))
            .filter(covered).forEach(expected::add);
      }
    }
    List<String> failures = new ArrayList<>();
    if (update) {
      for (String p : expected) {
        if (!rendered.contains(p)) {
          Files.delete(dir.resolve(p));
        }
      }
      for (String p : rendered.paths()) {
        if (covered.test(p)) {
          Path f = dir.resolve(p);
          Files.createDirectories(f.getParent());
          Files.write(f, rendered.bytes(p));
        }
      }
      return failures;
    }
    for (String p : rendered.paths()) {
      if (!covered.test(p)) {
        continue;
      }
      if (!expected.contains(p)) {
        failures.add("new file " + p + " has no golden " + dir.resolve(p));
        continue;
      }
      String want = Files.readString(dir.resolve(p), StandardCharsets.UTF_8);
      String got = rendered.text(p);
      if (!want.equals(got)) {
        failures.add("--- golden " + dir.resolve(p) + "\n+++ rendered " + p + "\n" + diff(want, got));
      }
    }
    for (String p : expected) {
      if (!rendered.contains(p)) {
        failures.add("golden " + dir.resolve(p) + " is no longer rendered");
      }
    }
    return failures;
  }

  /** A unified-style line diff (LCS), whole files, good enough for small text files. */
  static String diff(String a, String b) {
    List<String> x = lines(a);
    List<String> y = lines(b);
    int[][] lcs = new int[x.size() + 1][y.size() + 1];
    for (int i = x.size() - 1; i >= 0; i--) {
      for (int j = y.size() - 1; j >= 0; j--) {
        lcs[i][j] = x.get(i).equals(y.get(j)) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
      }
    }
    StringBuilder out = new StringBuilder();
    int i = 0;
    int j = 0;
    while (i < x.size() || j < y.size()) {
      if (i < x.size() && j < y.size() && x.get(i).equals(y.get(j))) {
        out.append("  ").append(x.get(i)).append('\n');
        i++;
        j++;
      } else if (i < x.size() && (j == y.size() || lcs[i + 1][j] >= lcs[i][j + 1])) {
        out.append("- ").append(x.get(i)).append('\n');
        i++;
      } else {
        out.append("+ ").append(y.get(j)).append('\n');
        j++;
      }
    }
    return out.toString();
  }

  /** Lines with a visible end: a missing final newline or a CR shows in the diff. */
  private static List<String> lines(String s) {
    List<String> l = new ArrayList<>();
    int start = 0;
    while (start < s.length()) {
      int nl = s.indexOf('\n', start);
      if (nl < 0) {
        l.add(s.substring(start) + "\\ no newline at end of file");
        break;
      }
      l.add(s.substring(start, nl).replace("\r", "\\r"));
      start = nl + 1;
    }
    return l;
  }
}
