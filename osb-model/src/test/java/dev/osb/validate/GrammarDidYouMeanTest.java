package dev.osb.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GrammarDidYouMeanTest {

  static final List<String> TOP_KEYS = List.of("osb", "name", "description", "extends", "arch", "profile", "init",
      "stages", "snapshot", "seed", "make", "use", "packages", "unmerge", "portage", "repos", "kernel", "system", "users",
      "services", "files", "scripts", "binpkgs", "variants", "builds", "build");

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(nullValues = "NONE", value = {
      "nmae, name",            // transposition
      "Name, name",            // case-insensitive, returns the candidate's spelling
      "NAME, name",
      "pakages, packages",     // deletion
      "packagess, packages",   // insertion
      "kernal, kernel",        // substitution
      "arhc, arch",
      "servces, services",
      "varaints, variants",
      "descripton, description",
      "desc, description",     // unique shortest prefix when nothing is close
      "snap, snapshot",
      "bild, build",           // build and builds are both 1 away: the closer (build: 1) wins
      "biuld, build",
      "osbb, osb",
      "zzzzzz, NONE",
      "x, NONE",
      "pkgs, NONE",
      "de, NONE",              // prefixes need 3 characters
  })
  void suggestsTopLevelKeys(String bad, String expected) {
    assertEquals(Optional.ofNullable(expected), Grammar.didYouMean(bad, TOP_KEYS));
  }

  @Test
  void tiesGoToTheAlphabeticallyFirstCandidate() {
    assertEquals(Optional.of("aa"), Grammar.didYouMean("ab", List.of("ac", "aa")));
    assertEquals(Optional.of("aa"), Grammar.didYouMean("ab", List.of("aa", "ac")));
    assertEquals(Optional.of("packages"), Grammar.didYouMean("pack", List.of("package_env", "packages")));
  }

  @Test
  void thresholdGrowsWithLengthUpToFour() {
    // len 3..5 -> 1 edit, 6..8 -> 2, 9..11 -> 3, 12+ -> 4
    assertEquals(Optional.empty(), Grammar.didYouMean("abxd", List.of("abyz")));
    assertEquals(Optional.of("abcdef"), Grammar.didYouMean("abcdxy", List.of("abcdef")));
    assertEquals(Optional.empty(), Grammar.didYouMean("abcxy", List.of("abcde")));
    assertEquals(Optional.of("abcdefghi"), Grammar.didYouMean("abcdefxyz", List.of("abcdefghi")));
    assertEquals(Optional.of("abcdefghijkl"), Grammar.didYouMean("abcdefghwxyz", List.of("abcdefghijkl")));
    assertEquals(Optional.empty(), Grammar.didYouMean("abcdefghijvwxyz", List.of("abcdefghijklmno")));
    assertEquals(Optional.of("accept_keywords"), Grammar.didYouMean("acept_keywrds", List.of("accept_keywords", "accept_license")));
    assertEquals(Optional.of("accept_keywords"), Grammar.didYouMean("ACCEPT-KEYWORDS", List.of("accept_keywords")));
    assertEquals(Optional.empty(), Grammar.didYouMean("xxxxxxxxxxxxxxx", List.of("accept_keywords")));
  }

  @Test
  void oneLetterNeverCorrectsToAnother() {
    assertEquals(Optional.empty(), Grammar.didYouMean("x", List.of("y", "z")));
    assertEquals(Optional.of("ab"), Grammar.didYouMean("a", List.of("ab")));
  }

  @Test
  void toleratesNullsAndHugeInputs() {
    assertEquals(Optional.empty(), Grammar.didYouMean(null, TOP_KEYS));
    assertEquals(Optional.empty(), Grammar.didYouMean("name", null));
    assertEquals(Optional.empty(), Grammar.didYouMean("", TOP_KEYS));
    assertEquals(Optional.empty(), Grammar.didYouMean("name", List.of()));
    List<String> withNull = new ArrayList<>(Arrays.asList(null, "", "name"));
    assertEquals(Optional.of("name"), Grammar.didYouMean("nam", withNull));
    assertEquals(Optional.empty(), Grammar.didYouMean("n".repeat(100_000), TOP_KEYS));
    assertEquals(Optional.empty(), Grammar.didYouMean("name", List.of("n".repeat(100_000))));
  }

  @Test
  void exactMatchIsReturned() {
    assertEquals(Optional.of("name"), Grammar.didYouMean("name", TOP_KEYS));
  }
}
