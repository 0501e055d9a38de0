package dev.osb.build;

import java.util.Objects;
import java.util.function.Consumer;

/**
 * Where the build engine reports what it is doing, one complete line at a time: download
 * progress, retries, waits for a lock. Lines are plain text with no carriage returns or cursor
 * control, so a batch-mode log (CI) reads cleanly. Implementations must be thread-safe when one
 * instance is shared by threads ({@code mvn -T}).
 */
@FunctionalInterface
public interface Progress {

  /** Reports one line (no line terminator). */
  void line(String text);

  /** Discards every line. */
  Progress NONE = text -> {};

  /** Lines go to {@code sink} (the Mojo passes its Log's info method). */
  static Progress of(Consumer<String> sink) {
    Objects.requireNonNull(sink, "sink");
    return sink::accept;
  }
}
