package dev.osb.templates;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The whole rendered output tree of one plan: relative path to file bytes (UTF-8, LF), sorted
 * by path. Immutable; {@link #bytes(String)} hands out copies.
 *
 * <p>Paths are relative, use {@code /}, and have no empty, {@code .} or {@code ..} segment, so
 * a writer can never be led outside its output directory.
 */
public final class Rendered {

  private final SortedMap<String, byte[]> files;

  private Rendered(SortedMap<String, byte[]> files) {
    this.files = files;
  }

  /** A copy of {@code files}; every path is checked with {@link #checkPath(String)}. */
  public static Rendered of(Map<String, byte[]> files) {
    Builder b = new Builder();
    files.forEach(b::add);
    return b.build();
  }

  /** The relative paths, sorted. */
  public Set<String> paths() {
    return Collections.unmodifiableSet(files.keySet());
  }

  public int size() {
    return files.size();
  }

  public boolean contains(String path) {
    return files.containsKey(path);
  }

  /** A copy of the bytes of {@code path}, or null when it is not rendered. */
  public byte[] bytes(String path) {
    byte[] b = files.get(path);
    return b == null ? null : b.clone();
  }

  /** The file as UTF-8 text, or null when it is not rendered. */
  public String text(String path) {
    byte[] b = files.get(path);
    return b == null ? null : new String(b, StandardCharsets.UTF_8);
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof Rendered r) || !r.files.keySet().equals(files.keySet())) {
      return false;
    }
    for (Map.Entry<String, byte[]> e : files.entrySet()) {
      if (!Arrays.equals(e.getValue(), r.files.get(e.getKey()))) {
        return false;
      }
    }
    return true;
  }

  @Override
  public int hashCode() {
    int h = 0;
    for (Map.Entry<String, byte[]> e : files.entrySet()) {
      h = 31 * h + e.getKey().hashCode();
      h = 31 * h + Arrays.hashCode(e.getValue());
    }
    return h;
  }

  @Override
  public String toString() {
    return "Rendered" + files.keySet();
  }

  /**
   * Refuses a path that is empty, absolute, uses {@code \}, has an empty, {@code .} or {@code ..}
   * segment, or holds a control character.
   */
  public static String checkPath(String path) {
    if (path == null || path.isEmpty()) {
      throw new IllegalArgumentException("empty output path");
    }
    if (path.startsWith("/") || path.indexOf('\\') >= 0) {
      throw new IllegalArgumentException("output path '" + path + "' must be relative and use '/'");
    }
    for (int i = 0; i < path.length(); i++) {
      if (Character.isISOControl(path.charAt(i))) {
        throw new IllegalArgumentException("output path '" + path.replaceAll("\\p{Cntrl}", "?")
            + "' contains a control character");
      }
    }
    for (String segment : path.split("/", -1)) {
      if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
        throw new IllegalArgumentException("output path '" + path + "' has an empty, '.' or '..' segment");
      }
    }
    return path;
  }

  /** Collects files; refuses a path given twice (two outputs would overwrite each other). */
  public static final class Builder {

    private final TreeMap<String, byte[]> files = new TreeMap<>();

    public Builder add(String path, byte[] bytes) {
      checkPath(path);
      if (bytes == null) {
        throw new IllegalArgumentException("no content for output path '" + path + "'");
      }
      if (files.putIfAbsent(path, bytes.clone()) != null) {
        throw new IllegalArgumentException("two outputs have the same path '" + path + "'");
      }
      return this;
    }

    public Builder add(String path, String text) {
      return add(path, text.getBytes(StandardCharsets.UTF_8));
    }

    /** The files; refuses a path that is also a directory of another path. */
    public Rendered build() {
      for (String path : files.keySet()) {
        String under = files.ceilingKey(path + "/");
        if (under != null && under.startsWith(path + "/")) {
          throw new IllegalArgumentException("output path '" + path + "' is a file, but '" + under
              + "' needs it to be a directory");
        }
      }
      return new Rendered(Collections.unmodifiableSortedMap(new TreeMap<>(files)));
    }
  }
}
