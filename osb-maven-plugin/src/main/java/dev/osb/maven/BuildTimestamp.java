package dev.osb.maven;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import org.apache.maven.plugin.MojoFailureException;

/**
 * The build's timestamp ({@code ${osb.timestamp}}): {@code project.build.outputTimestamp} read
 * the way Maven's own archiver reads it (epoch seconds, or an ISO-8601 date-time with offset;
 * one character means unset), else the time the Maven session started.
 */
final class BuildTimestamp {

  static final String PROPERTY = "project.build.outputTimestamp";

  private static final Instant MIN = Instant.parse("1980-01-01T00:00:02Z");
  private static final Instant MAX = Instant.parse("2099-12-31T23:59:59Z");

  private BuildTimestamp() {}

  /**
   * @param value the property's value, or null when unset
   * @param sessionStart used when the property is unset
   */
  static Instant resolve(String value, Instant sessionStart) throws MojoFailureException {
    Instant fallback = sessionStart.truncatedTo(ChronoUnit.SECONDS);
    if (value == null || value.isEmpty()) {
      return fallback;
    }
    if (value.chars().allMatch(c -> c >= '0' && c <= '9')) {
      if (value.length() > 18) {
        throw invalid(value, "too large for epoch seconds");
      }
      return Instant.ofEpochSecond(Long.parseLong(value));
    }
    if (value.length() < 2) {
      return fallback;
    }
    Instant when;
    try {
      when = OffsetDateTime.parse(value)
          .withOffsetSameInstant(ZoneOffset.UTC)
          .truncatedTo(ChronoUnit.SECONDS)
          .toInstant();
    } catch (DateTimeParseException e) {
      throw invalid(value, "not an ISO-8601 date-time such as 2026-11-25T00:00:00Z, nor epoch seconds");
    }
    if (when.isBefore(MIN) || when.isAfter(MAX)) {
      throw invalid(value, "outside " + MIN + " .. " + MAX);
    }
    return when;
  }

  private static MojoFailureException invalid(String value, String why) {
    return new MojoFailureException("<" + PROPERTY + "> '" + value + "' is " + why
        + "; fix the property in the POM (it also sets ${osb.timestamp})");
  }
}
