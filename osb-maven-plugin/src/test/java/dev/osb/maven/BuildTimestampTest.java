package dev.osb.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.Test;

class BuildTimestampTest {

  private static final Instant START = Instant.parse("2030-01-02T03:04:05.678Z");

  @Test
  void isoInstant() throws MojoFailureException {
    assertEquals(Instant.parse("2026-11-25T00:00:00Z"),
        BuildTimestamp.resolve("2026-11-25T00:00:00Z", START));
  }

  @Test
  void isoWithOffsetIsConvertedToUtcAndTruncated() throws MojoFailureException {
    assertEquals(Instant.parse("2019-10-05T14:37:42Z"),
        BuildTimestamp.resolve("2019-10-05T20:37:42.999+06:00", START));
  }

  @Test
  void epochSeconds() throws MojoFailureException {
    assertEquals(Instant.parse("2026-11-25T00:00:00Z"), BuildTimestamp.resolve("1795564800", START));
  }

  @Test
  void unsetOrOneCharacterMeansTheSessionStart() throws MojoFailureException {
    Instant truncated = Instant.parse("2030-01-02T03:04:05Z");
    assertEquals(truncated, BuildTimestamp.resolve(null, START));
    assertEquals(truncated, BuildTimestamp.resolve("", START));
    assertEquals(truncated, BuildTimestamp.resolve("a", START));
  }

  @Test
  void garbageFailsNamingTheProperty() {
    MojoFailureException e = assertThrows(MojoFailureException.class,
        () -> BuildTimestamp.resolve("last tuesday", START));
    assertTrue(e.getMessage().contains("<project.build.outputTimestamp> 'last tuesday'"), e.getMessage());
  }

  @Test
  void outOfZipRangeFails() {
    MojoFailureException e = assertThrows(MojoFailureException.class,
        () -> BuildTimestamp.resolve("1970-01-01T00:00:00Z", START));
    assertTrue(e.getMessage().contains("outside"), e.getMessage());
  }

  @Test
  void hugeEpochFailsInsteadOfOverflowing() {
    assertThrows(MojoFailureException.class,
        () -> BuildTimestamp.resolve("99999999999999999999999", START));
  }
}
