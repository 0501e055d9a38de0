package dev.osb.imports;

import dev.osb.load.Location;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Objects;

/**
 * One thing the import reports, located at the spec line it is about (line 0: the spec as a
 * whole, or the import as a whole when {@code file} is null).
 *
 * @param level {@code ERROR}: the os.yaml needs a change before it validates or says what the
 *     spec said (a seed to fill in, a key with no mapping, a file not found); {@code WARNING}:
 *     mapped, but changed (a catalyst 3 key migrated); {@code INFO}: what OSB does differently on
 *     purpose, or how a value was read
 * @param file the spec, or null
 * @param line 1-based, or 0
 * @param message what happened, naming the key and value
 */
public record ImportNote(Level level, Path file, int line, String message) {

  /** How much the user has to do about a note. */
  public enum Level {
    ERROR,
    WARNING,
    INFO
  }

  /** Notes by file (import-wide first), line, then level. */
  public static final Comparator<ImportNote> ORDER =
      Comparator.comparing((ImportNote n) -> n.file() == null ? "" : n.file().toString())
          .thenComparingInt(ImportNote::line)
          .thenComparing(ImportNote::level);

  public ImportNote {
    Objects.requireNonNull(level, "level");
    Objects.requireNonNull(message, "message");
  }

  public boolean isError() {
    return level == Level.ERROR;
  }

  /** The location as a {@link Location} (column 1), or null for an import-wide note. */
  public Location location() {
    return file == null ? null : new Location(file, Math.max(line, 1), 1);
  }

  /**
   * {@code stage1-openrc-23.spec:7: error: ...}, the file relative to {@code base}; {@code
   * warning:} and {@code info:} likewise; an import-wide note has no location.
   */
  public String format(Path base) {
    StringBuilder sb = new StringBuilder();
    if (file != null) {
      Path shown = file;
      if (base != null) {
        Path abs = file.toAbsolutePath().normalize();
        Path b = base.toAbsolutePath().normalize();
        if (abs.startsWith(b) && !abs.equals(b)) {
          shown = b.relativize(abs);
        }
      }
      sb.append(shown.toString().replace('\\', '/'));
      if (line > 0) {
        sb.append(':').append(line);
      }
      sb.append(": ");
    }
    sb.append(level.name().toLowerCase(java.util.Locale.ROOT)).append(": ").append(message);
    return sb.toString();
  }

  @Override
  public String toString() {
    return format(null);
  }
}
