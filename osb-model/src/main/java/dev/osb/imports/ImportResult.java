package dev.osb.imports;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * What an import gives: the os.yaml text, the files to copy into the project beside it (portage
 * trees as {@code portage-extra/<name>/...}, scripts, kernel configs, overlays), and every note.
 * Nothing is written until {@link #writeTo(Path, boolean)}.
 *
 * @param osYaml the os.yaml, UTF-8 text with LF line ends
 * @param files the project files, by path relative to the os.yaml's directory, sorted
 * @param notes errors, warnings and infos, sorted by spec and line
 * @param builds each imported spec (as given) and the name of the build it became under
 *     {@code builds:}, in build order
 */
public record ImportResult(String osYaml, List<ImportedFile> files, List<ImportNote> notes,
    Map<Path, String> builds) {

  /**
   * A file the os.yaml names, copied from {@code source}; an empty directory when {@code source}
   * is one (an overlay may hold empty directories).
   *
   * @param path relative to the project (the os.yaml's directory), {@code /}-separated
   * @param source the local file it is a copy of
   */
  public record ImportedFile(String path, Path source) {}

  public ImportResult {
    files = List.copyOf(files);
    notes = notes.stream().sorted(ImportNote.ORDER).toList();
    builds = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(builds));
  }

  public boolean hasErrors() {
    return notes.stream().anyMatch(ImportNote::isError);
  }

  public List<ImportNote> errors() {
    return notes.stream().filter(ImportNote::isError).toList();
  }

  /**
   * Writes {@code os.yaml} and every file below {@code dir}, creating directories. A file that
   * exists with other content is refused (an {@link IOException} naming it, before anything is
   * written) unless {@code overwrite}; one with the same content is left alone.
   *
   * @return the paths written, os.yaml first
   */
  public List<Path> writeTo(Path dir, boolean overwrite) throws IOException {
    byte[] yaml = osYaml.getBytes(StandardCharsets.UTF_8);
    List<Path> targets = new ArrayList<>();
    List<byte[]> contents = new ArrayList<>();
    targets.add(dir.resolve("os.yaml"));
    contents.add(yaml);
    for (ImportedFile f : files) {
      Path target = dir.resolve(f.path()).normalize();
      if (!target.startsWith(dir.normalize())) {
        throw new IOException("refusing to write " + f.path() + " outside " + dir);
      }
      targets.add(target);
      contents.add(Files.isDirectory(f.source()) ? null : Files.readAllBytes(f.source()));
    }
    if (!overwrite) {
      for (int i = 0; i < targets.size(); i++) {
        Path t = targets.get(i);
        if (contents.get(i) == null) {
          if (Files.exists(t) && !Files.isDirectory(t)) {
            throw new IOException(t + " exists and is not a directory; remove it or import with overwrite");
          }
          continue;
        }
        if (Files.exists(t) && (Files.isDirectory(t) || !Arrays.equals(Files.readAllBytes(t), contents.get(i)))) {
          throw new IOException(t + " exists with other content; remove it or import with overwrite");
        }
      }
    }
    List<Path> written = new ArrayList<>();
    for (int i = 0; i < targets.size(); i++) {
      Path t = targets.get(i);
      if (contents.get(i) == null) {
        if (!Files.isDirectory(t)) {
          Files.createDirectories(t);
          written.add(t);
        }
        continue;
      }
      if (Files.isRegularFile(t) && Arrays.equals(Files.readAllBytes(t), contents.get(i))) {
        continue;
      }
      Files.createDirectories(t.getParent());
      Files.write(t, contents.get(i));
      written.add(t);
    }
    return written;
  }
}
