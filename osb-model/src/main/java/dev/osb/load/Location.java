package dev.osb.load;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where a value was written: a file and a 1-based line and column. Every value of the
 * effective configuration keeps the location that set it, so every problem and every
 * {@code osb:explain} line can point at it.
 */
public record Location(Path file, int line, int column) {

  public Location {
    Objects.requireNonNull(file, "file");
  }

  /** A location for a whole file (line 1, column 1). */
  public static Location of(Path file) {
    return new Location(file, 1, 1);
  }

  /** {@code file:line:column}, with the file shown relative to {@code base} when it lies below it. */
  public String format(Path base) {
    return display(file, base) + ":" + line + ":" + column;
  }

  static String display(Path file, Path base) {
    if (base != null) {
      Path abs = file.toAbsolutePath().normalize();
      Path b = base.toAbsolutePath().normalize();
      if (abs.startsWith(b) && !abs.equals(b)) {
        return b.relativize(abs).toString().replace('\\', '/');
      }
    }
    return file.toString().replace('\\', '/');
  }

  @Override
  public String toString() {
    return format(null);
  }
}
