package dev.osb.catalyst;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The Java parser against recorded output of catalyst's own Python parser (see
 * {@code src/test/resources/catalyst/README.md}): byte-for-byte equal dumps, warnings and errors.
 */
class CatalystDifferentialTest {

  @TestFactory
  Stream<DynamicTest> relengSpecsParseExactlyAsCatalystDoes() {
    return TestData.relengSpecs().stream()
        .map(
            spec ->
                DynamicTest.dynamicTest(
                    spec,
                    () ->
                        assertEquals(
                            TestData.read(
                                TestData.resource("catalyst-dumps/releng/" + spec + ".dump")),
                            TestData.likeCatalyst(TestData.relengText(spec)),
                            spec)));
  }

  @Test
  void fuzzCorpusMatchesCatalyst() {
    List<String> lines =
        TestData.read(TestData.resource("catalyst-dumps/fuzz-corpus.txt")).lines().toList();
    Base64.Decoder b64 = Base64.getDecoder();
    List<String> failures = new ArrayList<>();
    int cases = 0;
    int errors = 0;
    for (int i = 0; i < lines.size(); i++) {
      if (!lines.get(i).startsWith("spec ")) {
        continue;
      }
      String spec = new String(b64.decode(lines.get(i).substring(5)), StandardCharsets.UTF_8);
      String want = new String(b64.decode(lines.get(i + 1).substring(5)), StandardCharsets.UTF_8);
      cases++;
      if (want.startsWith("ERROR")) {
        errors++;
      }
      String got = TestData.likeCatalyst(spec);
      if (!got.equals(want)) {
        failures.add(
            "case " + cases + " " + PyStr.repr(spec) + "\n want " + PyStr.repr(want)
                + "\n got  " + PyStr.repr(got));
      }
    }
    assertEquals(600, cases, "corpus size");
    assertTrue(errors > 100 && errors < 400, "corpus has both outcomes: " + errors + " errors");
    assertEquals(List.of(), failures);
  }
}
