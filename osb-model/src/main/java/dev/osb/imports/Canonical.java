package dev.osb.imports;

import dev.osb.catalyst.KeyTables;
import dev.osb.catalyst.ParsedSpec;
import dev.osb.catalyst.SpecValue;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The canonical form two specs are compared in: what catalyst reads (the parsed key/values),
 * with what legitimately differs between a hand-written spec and OSB's rendering of its import
 * mapped to one form. The README's migration guide lists the same rules. The round-trip tests
 * compare in this form; a user can do the same for a spec and the one OSB renders for it.
 *
 * <ul>
 *   <li>{@code static Map<String, List<String>> of(ParsedSpec spec, String seed, Map<String,
 *       byte[]> tree, Function<String, Path> local)}
 *   <li>{@code static Map<String, byte[]> tree(Path dir)}: a portage tree's files
 *   <li>{@code static List<String> treeDifferences(Map original, Map planned)}
 * </ul>
 *
 * <p>The rules:
 *
 * <ul>
 *   <li>{@code source_subpath}: without an extension (catalyst tries the extensions itself);
 *       the chain's seed (a store path on each side) is {@code <seed>}.
 *   <li>{@code portage_confdir}: {@code <confdir>}; the trees are compared file by file
 *       ({@link #tree}).
 *   <li>{@code portage_prefix}: dropped when no file of the tree lies below {@code
 *       <dir>/<prefix>/} of a directory catalyst cleans (the prefix then cleans nothing).
 *   <li>Host paths ({@link KeyTables#isHostPath}): catalyst's own files below {@code
 *       /usr/share/catalyst/} as written, any other as {@code sha256:<digest>} of the file (or,
 *       for a directory, of its sorted files and their contents), found through {@code local}.
 *   <li>{@code compression_mode}: dropped for targets that pack no tarball (livecd-stage2,
 *       diskimage-stage2, netboot), where catalyst never reads it.
 *   <li>{@code pkgcache_path}, {@code kerncache_path}: dropped; OSB keys its caches itself.
 * </ul>
 */
public final class Canonical {

  /** The directories catalyst cleans below the portage_prefix. */
  public static final List<String> CLEANED = dev.osb.catalyst.KeyTables.PREFIX_CLEANED_DIRS;

  private Canonical() {}

  /**
   * @param seed the source_subpath of the chain's seed on this side (without extension)
   * @param tree the portage tree's files by path (for portage_prefix)
   * @param local where a host path of this side is on this machine
   */
  public static Map<String, List<String>> of(ParsedSpec p, String seed, Map<String, byte[]> tree,
      Function<String, Path> local) {
    Map<String, List<String>> out = new TreeMap<>();
    String target = p.get("target").map(v -> v.items().get(0)).orElse("");
    for (Map.Entry<String, SpecValue> e : p.values().entrySet()) {
      String key = e.getKey();
      List<String> items = e.getValue().isNone() ? List.of("None") : e.getValue().items();
      switch (key) {
        case "pkgcache_path", "kerncache_path" -> {
          continue;
        }
        case "source_subpath" -> {
          String s = SpecImporter.stripExtension(items.get(0));
          items = List.of(s.equals(SpecImporter.stripExtension(seed)) ? "<seed>" : s);
        }
        case "portage_confdir" -> items = List.of("<confdir>");
        case "portage_prefix" -> {
          String prefix = items.get(0);
          boolean used = tree.keySet().stream().anyMatch(f -> CLEANED.stream().anyMatch(d -> f.startsWith(d + "/" + prefix + "/")));
          if (!used) {
            continue;
          }
        }
        case "compression_mode" -> {
          if (!KeyTables.yieldsTarball(target)) {
            continue;
          }
        }
        default -> {
          if (KeyTables.isHostPath(key)) {
            List<String> mapped = new ArrayList<>();
            for (String item : items) {
              mapped.add(item.startsWith("/usr/share/catalyst/") ? item : digest(local.apply(item), item));
            }
            items = mapped;
          }
        }
      }
      out.put(key, items);
    }
    return out;
  }

  /** A portage tree by path: the files below {@code dir}. */
  public static Map<String, byte[]> tree(Path dir) {
    Map<String, byte[]> out = new TreeMap<>();
    if (dir == null || !Files.isDirectory(dir)) {
      return out;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path f : s.filter(Files::isRegularFile).sorted().toList()) {
        out.put(dir.relativize(f).toString().replace('\\', '/'), Files.readAllBytes(f));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  /**
   * The differences between an original tree and the one OSB plans: a file of the original
   * missing or different; a file only OSB writes that holds more than comments (OSB always
   * writes its fixed-name files, such as package.use/osb, even empty).
   */
  public static List<String> treeDifferences(Map<String, byte[]> original, Map<String, byte[]> planned) {
    List<String> diffs = new ArrayList<>();
    for (Map.Entry<String, byte[]> e : original.entrySet()) {
      byte[] p = planned.get(e.getKey());
      if (p == null) {
        diffs.add("missing " + e.getKey());
      } else if (!java.util.Arrays.equals(p, e.getValue())) {
        diffs.add("differs " + e.getKey());
      }
    }
    for (Map.Entry<String, byte[]> e : planned.entrySet()) {
      if (!original.containsKey(e.getKey())) {
        String text = new String(e.getValue(), StandardCharsets.UTF_8);
        boolean onlyComments = text.lines().allMatch(l -> l.isBlank() || l.strip().startsWith("#"));
        if (!onlyComments) {
          diffs.add("extra " + e.getKey());
        }
      }
    }
    return diffs;
  }

  private static String digest(Path p, String item) {
    if (p == null || !Files.exists(p)) {
      return "missing:" + item;
    }
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      if (Files.isDirectory(p)) {
        for (Map.Entry<String, byte[]> e : tree(p).entrySet()) {
          md.update(e.getKey().getBytes(StandardCharsets.UTF_8));
          md.update((byte) 0);
          md.update(e.getValue());
        }
      } else {
        md.update(Files.readAllBytes(p));
      }
      return "sha256:" + HexFormat.of().formatHex(md.digest());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
