package dev.osb.imports;

import dev.osb.catalyst.KeyTables;
import dev.osb.catalyst.ParsedSpec;
import dev.osb.catalyst.SpecParser;
import dev.osb.catalyst.SpecSyntaxException;
import dev.osb.catalyst.SpecValue;
import dev.osb.catalyst.Subarches;
import dev.osb.catalyst.TargetKeys;
import dev.osb.imports.ImportNote.Level;
import dev.osb.imports.ImportResult.ImportedFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Turns catalyst specs (one, or a whole chain) and the portage_confdir trees, scripts and kernel
 * configs they name into an os.yaml whose {@code osb:generate} renders specs that catalyst reads
 * as the same keys and values (modulo host paths, which move into the project, and releng's
 * placeholders, which become {@code ${osb.*}}), and portage trees with the same files.
 *
 * <ul>
 *   <li>{@code static ImportResult importSpecs(List<Path> specs, ImportOptions options)}
 *   <li>{@code static List<List<Path>> chains(List<Path> specs)}: splits a set of specs into
 *       chains (each one os.yaml), in the given order
 *   <li>{@code static List<Path> findSpecs(List<Path> filesOrDirectories)}: the {@code *.spec}
 *       files of directories, sorted, and files as they are
 * </ul>
 *
 * <p>The mapping, spec by spec (each spec becomes one entry of {@code builds:}, named after its
 * file; the os.yaml says {@code stages: []}, so OSB builds nothing else):
 *
 * <ul>
 *   <li>{@code target}, {@code rel_type}, {@code version_stamp} to the build's keys; {@code
 *       subarch} and {@code profile} to the top level (the first spec's) or the build's own;
 *       {@code compression_mode} to {@code build.compression} (the most common) or the build's
 *       own; {@code snapshot_treeish} to {@code snapshot.treeish}.
 *   <li>{@code source_subpath}: the output of another of the specs ({@code
 *       <rel_type>/<target>-<subarch>-<version_stamp>}, with or without an extension, as written,
 *       placeholders included) becomes {@code from:} that build; the first other one becomes
 *       {@code seed:} and {@code from: seed}.
 *   <li>{@code portage_confdir}: the tree is copied to {@code portage-extra/<dir name>/} and
 *       becomes {@code builds.<name>.portage.files}; {@code portage_prefix} becomes {@code
 *       builds.<name>.portage_prefix}.
 *   <li>Every other key valid for the target becomes a raw key under {@code
 *       builds.<name>.catalyst}; host paths ({@link KeyTables#isHostPath}) are copied into the
 *       project ({@code scripts/}, {@code kconfig/}, {@code files/}) unless they are catalyst's
 *       own below {@code /usr/share/catalyst/}.
 *   <li>{@code @TIMESTAMP@}, {@code @DATESTAMP@}, {@code @TREEISH@} become {@code
 *       ${osb.timestamp}}, {@code ${osb.datestamp}}, {@code ${osb.treeish}}; {@code @REPO_DIR@}
 *       paths are found through {@link ImportOptions#paths()} and copied.
 *   <li>Catalyst 3's {@code snapshot} and {@code portage_overlay} are migrated with a warning;
 *       {@code pkgcache_path} and {@code kerncache_path} are OSB's (an info note); accounts
 *       ({@code stage4/users}, {@code groups}, {@code ssh_public_keys}), keys not valid for the
 *       target and None values cannot be mapped (an error note with the line).
 * </ul>
 */
public final class SpecImporter {

  /** Extensions catalyst tries for a source_subpath (and that a seed name may carry). */
  static final List<String> EXTENSIONS = List.of(".tar.xz", ".tar.bz2", ".tar.gz", ".tar.zst",
      ".tar.lz4", ".tar", ".squashfs", ".sqfs", ".txz", ".tbz2", ".tgz");

  static final String FILL_IN = "FILL-IN";
  static final String CATALYST_SHAREDIR = "/usr/share/catalyst/";

  private static final Pattern PLACEHOLDER = Pattern.compile("@([A-Z_]+)@");
  private static final Pattern TIMESTAMP = Pattern.compile("\\d{8}T\\d{6}Z");
  private static final Pattern HEX40 = Pattern.compile("[0-9a-fA-F]{40}");
  private static final Map<String, String> STAMPS = Map.of("TIMESTAMP", "${osb.timestamp}",
      "DATESTAMP", "${osb.datestamp}", "TREEISH", "${osb.treeish}");

  /** Keys the importer maps itself; every other key is a raw catalyst key. */
  private static final Set<String> MAPPED = Set.of("subarch", "target", "version_stamp", "rel_type",
      "profile", "snapshot_treeish", "source_subpath", "compression_mode", "portage_confdir",
      "portage_prefix", "pkgcache_path", "kerncache_path", "repos", "keep_repos", "snapshot",
      "portage_overlay");

  private static final Set<String> ACCOUNTS = Set.of("stage4/users", "stage4/groups", "stage4/ssh_public_keys");

  /** Keys catalyst 3 knew and catalyst 4 dropped without a successor. */
  private static final Set<String> CATALYST3_GONE = Set.of("compressor_arch", "compressor_options",
      "stage4/motd", "stage4/modblacklist", "livecd/xinitrc", "livecd/xdm", "livecd/xsession",
      "livecd/splash_theme", "livecd/splash_type", "gamecd/conf", "grp", "grp/use", "netboot2/builddate",
      "portage_overlay_keep", "snapshot_cache");

  private final ImportOptions options;
  private final List<ImportNote> notes = new ArrayList<>();
  private final Map<String, Path> files = new TreeMap<>();
  private final Map<Path, String> copied = new HashMap<>();
  private final Set<String> dests = new HashSet<>();

  private SpecImporter(ImportOptions options) {
    this.options = options;
  }

  /** A spec value as read: items after reverse stamping, the key's line, and its layout. */
  private record Value(List<String> items, int line, boolean keyLine, boolean none) {
    String first() {
      return items.get(0);
    }
  }

  /** One spec being imported. */
  private static final class Spec {
    final Path file;
    final String label;
    final LinkedHashMap<String, Value> values = new LinkedHashMap<>();
    String name;
    Spec parent;
    boolean seedRoot;

    Spec(Path file, String label) {
      this.file = file;
      this.label = label;
    }

    String get(String key) {
      Value v = values.get(key);
      return v == null ? null : String.join(" ", v.items());
    }

    int line(String key) {
      Value v = values.get(key);
      return v == null ? 0 : v.line();
    }

    String target() {
      return get("target");
    }

    /** {@code <rel_type>/<target>-<subarch>-<version_stamp>}, as written. */
    String output() {
      return get("rel_type") + "/" + target() + "-" + get("subarch") + "-" + get("version_stamp");
    }

    String source() {
      String s = get("source_subpath");
      return s == null ? null : stripExtension(s);
    }
  }

  // ================================================================ API

  /**
   * Reads {@code specs} (catalyst spec files, in chain order or not) and returns the os.yaml,
   * the files to copy beside it, and every note. Never throws for bad input: what cannot be
   * read or mapped is an error note.
   */
  public static ImportResult importSpecs(List<Path> specs, ImportOptions options) {
    return new SpecImporter(options).run(specs);
  }

  /**
   * {@code specs} split into chains: specs joined by source_subpath (a spec and everything
   * seeded from it) in one list, lists and specs in the order given. An unreadable spec is a
   * chain of its own.
   */
  public static List<List<Path>> chains(List<Path> specs) {
    SpecImporter quiet = new SpecImporter(ImportOptions.defaults());
    List<Spec> read = new ArrayList<>();
    for (Path p : specs) {
      Spec s = quiet.read(p, p.getFileName().toString());
      read.add(s);
    }
    quiet.link(read.stream().filter(s -> s != null && s.target() != null).toList());
    Map<Spec, List<Path>> byRoot = new LinkedHashMap<>();
    List<List<Path>> out = new ArrayList<>();
    for (int i = 0; i < specs.size(); i++) {
      Spec s = read.get(i);
      if (s == null) {
        out.add(new ArrayList<>(List.of(specs.get(i))));
        continue;
      }
      Spec root = s;
      Set<Spec> seen = new HashSet<>();
      while (root.parent != null && seen.add(root)) {
        root = root.parent;
      }
      List<Path> chain = byRoot.get(root);
      if (chain == null) {
        chain = new ArrayList<>();
        byRoot.put(root, chain);
        out.add(chain);
      }
      chain.add(specs.get(i));
    }
    return out.stream().map(List::copyOf).toList();
  }

  /**
   * The spec files named: a file as it is, a directory as every {@code *.spec} below it,
   * sorted by path (releng's {@code releases/specs/amd64} gives its twelve specs). Throws
   * {@link java.io.UncheckedIOException} for a path that does not exist.
   */
  public static List<Path> findSpecs(List<Path> filesOrDirectories) {
    List<Path> out = new ArrayList<>();
    for (Path p : filesOrDirectories) {
      if (Files.isDirectory(p)) {
        try (Stream<Path> s = Files.walk(p)) {
          out.addAll(s.filter(f -> f.getFileName().toString().endsWith(".spec") && Files.isRegularFile(f))
              .sorted().toList());
        } catch (IOException e) {
          throw new UncheckedIOException("cannot read " + p, e);
        }
      } else if (Files.isRegularFile(p)) {
        out.add(p);
      } else {
        throw new UncheckedIOException(new java.nio.file.NoSuchFileException(p.toString(), null, "no such spec file or directory"));
      }
    }
    return out;
  }

  // ================================================================ reading

  private ImportResult run(List<Path> specPaths) {
    if (specPaths.isEmpty()) {
      note(Level.ERROR, null, 0, "no spec to import");
      return new ImportResult("", List.of(), notes, Map.of());
    }
    Path common = commonDir(specPaths);
    List<Spec> specs = new ArrayList<>();
    for (Path p : specPaths) {
      String label = common == null ? p.getFileName().toString()
          : common.relativize(p.toAbsolutePath().normalize()).toString().replace('\\', '/');
      Spec s = read(p, label);
      if (s == null) {
        continue;
      }
      if (s.target() == null) {
        note(Level.ERROR, s, 0, "no 'target' key: catalyst cannot build this spec; it is not imported");
        continue;
      }
      if (KeyTables.of(s.target()).isEmpty() || s.target().equals("snapshot")) {
        note(Level.ERROR, s, s.line("target"), "unknown target '" + s.target() + "'; the spec is not imported");
        continue;
      }
      specs.add(s);
    }
    if (specs.isEmpty()) {
      return new ImportResult("", List.of(), notes, Map.of());
    }
    autodetectTimestamp(specs);
    names(specs);
    link(specs);
    List<Spec> ordered = order(specs);
    String yaml = emit(ordered);
    Map<Path, String> builds = new LinkedHashMap<>();
    ordered.forEach(s -> builds.put(s.file, s.name));
    return new ImportResult(yaml, files.entrySet().stream()
        .map(e -> new ImportedFile(e.getKey(), e.getValue())).toList(), notes, builds);
  }

  private Spec read(Path file, String label) {
    Spec s = new Spec(file, label);
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException | UncheckedIOException e) {
      note(Level.ERROR, s, 0, "cannot read the spec: " + e.getMessage());
      return null;
    }
    ParsedSpec parsed;
    try {
      parsed = SpecParser.parse(text);
    } catch (SpecSyntaxException e) {
      note(Level.ERROR, s, e.line(), "catalyst cannot parse this spec: " + e.getMessage());
      return null;
    }
    for (String w : parsed.warnings()) {
      Matcher m = Pattern.compile("line (\\d+): (.*)", Pattern.DOTALL).matcher(w);
      if (m.matches()) {
        note(Level.WARNING, s, Integer.parseInt(m.group(1)), "catalyst reads: " + m.group(2));
      }
    }
    List<String> lines = text.lines().toList();
    for (Map.Entry<String, SpecValue> e : parsed.values().entrySet()) {
      SpecValue v = e.getValue();
      List<String> items = v.items().stream().map(this::unstamp).toList();
      boolean keyLine = keyLineHoldsAll(lines, v);
      s.values.put(e.getKey(), new Value(items, v.line(), keyLine, v.isNone()));
    }
    return s;
  }

  /** Whether the spec wrote every item on the key line (the os.yaml then keeps one string). */
  private static boolean keyLineHoldsAll(List<String> lines, SpecValue v) {
    if (v.line() < 1 || v.line() > lines.size()) {
      return false;
    }
    String line = lines.get(v.line() - 1);
    int colon = line.indexOf(':');
    if (colon < 0) {
      return false;
    }
    String rest = line.substring(colon + 1);
    int hash = rest.indexOf('#');
    if (hash >= 0) {
      rest = rest.substring(0, hash);
    }
    rest = rest.strip();
    return !rest.isEmpty() && rest.split("\\s+").length == v.items().size();
  }

  /** A stamped value (catalyst-auto's copy) back to releng's placeholders. */
  private String unstamp(String item) {
    String v = item;
    if (options.repoDir() != null && !options.repoDir().isEmpty()
        && (v.equals(options.repoDir()) || v.startsWith(options.repoDir() + "/"))) {
      v = "@REPO_DIR@" + v.substring(options.repoDir().length());
    }
    if (options.treeish() != null && !options.treeish().isEmpty()) {
      v = v.replace(options.treeish(), "@TREEISH@");
    }
    if (options.timestamp() != null && !options.timestamp().isEmpty()) {
      v = v.replace(options.timestamp(), "@TIMESTAMP@");
    }
    if (options.datestamp() != null && !options.datestamp().isEmpty()) {
      v = v.replace(options.datestamp(), "@DATESTAMP@");
    }
    return v;
  }

  /** Stamped specs without a given timestamp: one timestamp in the version stamps is taken as it. */
  private void autodetectTimestamp(List<Spec> specs) {
    if (options.timestamp() != null) {
      return;
    }
    Set<String> found = new LinkedHashSet<>();
    for (Spec s : specs) {
      String vs = s.get("version_stamp");
      if (vs != null) {
        Matcher m = TIMESTAMP.matcher(vs);
        while (m.find()) {
          found.add(m.group());
        }
      }
    }
    if (found.size() != 1) {
      return;
    }
    String ts = found.iterator().next();
    note(Level.INFO, null, 0, "the specs are stamped: " + ts + " is read as catalyst-auto's @TIMESTAMP@ and "
        + "becomes ${osb.timestamp} (give ImportOptions.timestamp to say otherwise)");
    for (Spec s : specs) {
      s.values.replaceAll((k, v) -> new Value(v.items().stream().map(i -> i.replace(ts, "@TIMESTAMP@")).toList(),
          v.line(), v.keyLine(), v.none()));
    }
  }

  private static Path commonDir(List<Path> specs) {
    Path common = null;
    for (Path p : specs) {
      Path dir = p.toAbsolutePath().normalize().getParent();
      if (dir == null) {
        return null;
      }
      if (common == null) {
        common = dir;
      } else {
        while (common != null && !dir.startsWith(common)) {
          common = common.getParent();
        }
      }
    }
    return common;
  }

  /** Build names from the spec files: {@code musl/stage1-openrc-23.spec} -> musl-stage1-openrc-23. */
  private void names(List<Spec> specs) {
    Set<String> used = new HashSet<>();
    for (Spec s : specs) {
      String base = s.label.endsWith(".spec") ? s.label.substring(0, s.label.length() - 5) : s.label;
      String n = base.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_-]+", "-").replaceAll("^[^a-z0-9]+", "")
          .replaceAll("-+$", "");
      if (n.isEmpty()) {
        n = "build";
      }
      if (n.length() > 58) {
        n = n.substring(0, 58);
      }
      if (List.of("stage1", "stage3", "stage4", "seed").contains(n)) {
        n = n + "-spec";
      }
      String unique = n;
      for (int i = 2; !used.add(unique); i++) {
        unique = n + "-" + i;
      }
      s.name = unique;
    }
  }

  /** Each spec's parent: the spec whose output its source_subpath names. */
  private void link(List<Spec> specs) {
    Map<String, Spec> outputs = new HashMap<>();
    for (Spec s : specs) {
      Spec other = outputs.putIfAbsent(s.output(), s);
      if (other != null) {
        note(Level.ERROR, s, s.line("version_stamp"), "writes the same output as " + other.label + " ("
            + s.output() + "); catalyst would overwrite it");
      }
    }
    for (Spec s : specs) {
      String src = s.source();
      Spec p = src == null ? null : outputs.get(src);
      if (p != null && p != s) {
        s.parent = p;
      }
    }
    // a cycle has no root: cut it at its first spec
    for (Spec s : specs) {
      Set<Spec> seen = new HashSet<>();
      Spec cur = s;
      while (cur != null && seen.add(cur)) {
        cur = cur.parent;
      }
      if (cur != null && cur == s) {
        note(Level.ERROR, s, s.line("source_subpath"), "source_subpath closes a cycle of specs; "
            + "this one is seeded from the seed instead");
        s.parent = null;
      }
    }
  }

  /** Parents before children, otherwise in the given order. */
  private static List<Spec> order(List<Spec> specs) {
    List<Spec> out = new ArrayList<>();
    Set<Spec> done = new HashSet<>();
    while (out.size() < specs.size()) {
      for (Spec s : specs) {
        if (!done.contains(s) && (s.parent == null || done.contains(s.parent))) {
          out.add(s);
          done.add(s);
        }
      }
    }
    return out;
  }

  // ================================================================ the os.yaml

  private String emit(List<Spec> specs) {
    List<Spec> roots = specs.stream().filter(s -> s.parent == null).toList();
    Spec first = roots.get(0);
    first.seedRoot = true;
    for (Spec r : roots.subList(1, roots.size())) {
      note(Level.ERROR, r, r.line("source_subpath"), "starts a second chain (seeded from " + r.get("source_subpath")
          + ", which no imported spec writes): an os.yaml has one seed, so this build is seeded from the first "
          + "chain's seed (" + first.get("source_subpath") + "); import each chain on its own "
          + "(SpecImporter.chains splits a set)");
    }
    String arch = orElse(first.get("subarch"), "amd64");
    String profile = first.get("profile");
    String compression = commonCompression(specs);

    StringBuilder y = new StringBuilder();
    y.append("# Imported by OSB from catalyst specs: ")
        .append(String.join(", ", specs.stream().map(s -> s.label).toList())).append('\n');
    y.append("# Each spec is one entry of 'builds:'; 'stages: []' builds nothing else. Review the\n");
    y.append("# notes the import printed (a seed or treeish to fill in, keys it could not map).\n");
    y.append("osb: 1\n");
    String name = options.name() != null ? options.name() : osName(specs);
    y.append("name: ").append(YamlText.scalar(name)).append('\n');
    y.append("arch: ").append(YamlText.scalar(arch)).append('\n');
    if (profile == null) {
      note(Level.ERROR, first, 0, "no 'profile' key: set the profile in the os.yaml");
      profile = FILL_IN;
    }
    y.append("profile: ").append(YamlText.scalar(stamped(profile, first, "profile"))).append('\n');
    y.append("stages: []\n");
    snapshot(y, specs);
    seed(y, first, arch);
    repos(y, specs);
    y.append("build:\n  compression: ").append(YamlText.scalar(compression)).append('\n');
    y.append("builds:\n");
    for (Spec s : specs) {
      build(y, s, arch, profile, compression);
    }
    notes.add(new ImportNote(Level.INFO, null, 0, "OSB makes the ::gentoo snapshot itself (snapshot.repo at "
        + "snapshot.treeish, verified, as squashfs) and never runs catalyst with autoresume: a finished "
        + "output is reused only when its input fingerprint matches"));
    return y.toString();
  }

  /** The OS name: the specs' common directory (releng: amd64, musl, ...), not a build's name. */
  private String osName(List<Spec> specs) {
    Path common = commonDir(specs.stream().map(x -> x.file).toList());
    String n = common == null || common.getFileName() == null ? "imported"
        : common.getFileName().toString().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_-]+", "-")
            .replaceAll("^[^a-z0-9]+", "").replaceAll("-+$", "");
    if (n.isEmpty() || n.length() > 60) {
      n = "imported";
    }
    String base = n;
    Set<String> taken = new HashSet<>(List.of("stage1", "stage3", "stage4", "seed"));
    specs.forEach(x -> taken.add(x.name));
    for (int i = 2; taken.contains(n); i++) {
      n = base + "-os" + (i == 2 ? "" : "-" + i);
    }
    return n;
  }

  private static String orElse(String v, String d) {
    return v == null ? d : v;
  }

  private String commonCompression(List<Spec> specs) {
    Map<String, Integer> count = new LinkedHashMap<>();
    for (Spec s : specs) {
      String c = s.get("compression_mode");
      if (c != null && KeyTables.yieldsTarball(s.target())) {
        count.merge(c, 1, Integer::sum);
      }
    }
    return count.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse("pixz");
  }

  private void snapshot(StringBuilder y, List<Spec> specs) {
    Set<String> literal = new LinkedHashSet<>();
    boolean placeholder = false;
    for (Spec s : specs) {
      Value old = s.values.get("snapshot");
      if (old != null) {
        note(Level.WARNING, s, old.line(), "catalyst 3 key 'snapshot: " + String.join(" ", old.items())
            + "' (a portage tarball) is migrated: catalyst 4 reads snapshot_treeish, a ::gentoo commit, which "
            + "OSB writes from snapshot.treeish");
        if (!s.values.containsKey("snapshot_treeish")) {
          placeholder = true;
        }
      }
      String t = s.get("snapshot_treeish");
      if (t == null) {
        if (old == null) {
          note(Level.ERROR, s, 0, "no 'snapshot_treeish': OSB writes snapshot.treeish into every spec");
        }
        continue;
      }
      if (t.equals("@TREEISH@")) {
        placeholder = true;
      } else if (HEX40.matcher(t).matches()) {
        literal.add(t.toLowerCase(Locale.ROOT));
      } else {
        note(Level.ERROR, s, s.line("snapshot_treeish"), "snapshot_treeish '" + t + "' is not a commit: OSB pins "
            + "the ::gentoo tree by its full 40-hex commit (snapshot.treeish)");
        placeholder = true;
      }
    }
    String treeish;
    if (literal.size() > 1) {
      note(Level.ERROR, null, 0, "the specs name different snapshot_treeish values " + literal
          + "; an os.yaml pins one ::gentoo commit (the first is used)");
    }
    if (!literal.isEmpty()) {
      treeish = literal.iterator().next();
    } else if (options.treeish() != null && HEX40.matcher(options.treeish()).matches()) {
      treeish = options.treeish().toLowerCase(Locale.ROOT);
    } else {
      treeish = FILL_IN;
      if (placeholder) {
        note(Level.ERROR, null, 0, "the specs say snapshot_treeish: @TREEISH@ (catalyst-auto stamps the "
            + "commit 'catalyst -s stable' fetched): set snapshot.treeish to the full 40-hex ::gentoo commit "
            + "to build from; it is also ${osb.treeish}");
      }
    }
    y.append("snapshot:\n");
    if (treeish.equals(FILL_IN)) {
      y.append("  # FILL IN: the full 40-hex commit of the ::gentoo sync repository (releng: @TREEISH@)\n");
    }
    y.append("  treeish: ").append(YamlText.scalar(treeish)).append('\n');
  }

  private void seed(StringBuilder y, Spec first, String arch) {
    String source = first.get("source_subpath");
    String name = source == null ? "stage3" : source.substring(source.lastIndexOf('/') + 1);
    y.append("seed:\n");
    if (options.seedUrl() != null) {
      y.append("  # releng seeded this chain from ").append(source).append('\n');
      y.append("  url: ").append(YamlText.scalar(options.seedUrl())).append('\n');
      y.append("  sha512: ").append(YamlText.scalar(orElse(options.seedSha512(), FILL_IN))).append('\n');
      if (options.seedSha512() == null) {
        note(Level.ERROR, first, first.line("source_subpath"), "the seed URL is given without its sha512: fill in seed.sha512");
      }
      return;
    }
    String family = Subarches.archOf(arch).orElse(arch);
    String stem = stripExtension(name);
    String url;
    if (stem.endsWith("-latest")) {
      String flavour = stem.substring(0, stem.length() - "-latest".length());
      url = "https://distfiles.gentoo.org/releases/" + family + "/autobuilds/current-" + flavour + "/"
          + flavour + "-" + FILL_IN + ".tar.xz";
      note(Level.ERROR, first, first.line("source_subpath"), "the seed '" + source + "' is a -latest link that "
          + "catalyst-auto maintains in its store; OSB downloads one fixed stage3 and verifies it: fill in "
          + "seed.url (a dated " + flavour + " from distfiles) and seed.sha512 (from the .DIGESTS file beside it)");
    } else {
      url = "https://distfiles.gentoo.org/releases/" + family + "/autobuilds/" + FILL_IN + "/"
          + stem.replace("@TIMESTAMP@", FILL_IN).replace("@DATESTAMP@", FILL_IN) + ".tar.xz";
      note(Level.ERROR, first, first.line("source_subpath"), "the seed '" + source + "' is the output of a build "
          + "that is not among the imported specs: import its spec too, or fill in seed.url and seed.sha512 "
          + "(or seed.file) for a stage to start from");
    }
    y.append("  # FILL IN: releng seeded this chain from ").append(source).append('\n');
    y.append("  url: ").append(YamlText.scalar(url)).append('\n');
    y.append("  sha512: ").append(FILL_IN).append('\n');
  }

  private void repos(StringBuilder y, List<Spec> specs) {
    Map<String, Path> repos = new LinkedHashMap<>();
    Set<String> keep = new LinkedHashSet<>();
    Map<Spec, List<String>> perSpec = new LinkedHashMap<>();
    for (Spec s : specs) {
      List<String> names = new ArrayList<>();
      for (String key : List.of("repos", "portage_overlay")) {
        Value v = s.values.get(key);
        if (v == null) {
          continue;
        }
        if (key.equals("portage_overlay")) {
          note(Level.WARNING, s, v.line(), "catalyst 3 key 'portage_overlay' is migrated to catalyst 4's repos "
              + "(OSB's top-level repos:)");
        }
        for (String item : v.items()) {
          Path local = local(item, s);
          if (local == null || !Files.isDirectory(local)) {
            note(Level.ERROR, s, v.line(), key + ": '" + item + "' is not a directory on this machine"
                + (local == null ? "" : " (" + local + ")") + "; copy the ebuild repository into the project and "
                + "list it under repos: { name: ..., path: ... }" + (item.endsWith(".sqfs") ? " (OSB takes repository "
                + "directories, not squashfs images)" : ""));
            continue;
          }
          String repoName;
          try {
            repoName = Files.readString(local.resolve("profiles/repo_name")).trim();
          } catch (IOException e) {
            note(Level.ERROR, s, v.line(), key + ": '" + item + "' has no profiles/repo_name");
            continue;
          }
          repos.putIfAbsent(repoName, local);
          names.add(repoName);
        }
      }
      Value k = s.values.get("keep_repos");
      if (k != null) {
        keep.addAll(k.items());
      }
      perSpec.put(s, names);
    }
    if (repos.isEmpty()) {
      return;
    }
    for (Map.Entry<Spec, List<String>> e : perSpec.entrySet()) {
      Spec s = e.getKey();
      boolean later = !List.of("stage1", "stage2", "stage3").contains(s.target())
          || orElse(s.get("profile"), "").contains(":");
      List<String> gets = later ? new ArrayList<>(repos.keySet()) : List.of();
      if (!e.getValue().equals(gets)) {
        int line = s.values.containsKey("repos") ? s.line("repos") : s.line("portage_overlay");
        note(Level.WARNING, s, line, "OSB gives every build after stage3 (and an earlier one whose profile is "
            + "in an overlay) all of the os.yaml's repos (" + String.join(" ", repos.keySet()) + "), others none; "
            + "this spec had " + (e.getValue().isEmpty() ? "none" : String.join(" ", e.getValue())));
      }
    }
    y.append("repos:\n");
    for (Map.Entry<String, Path> r : repos.entrySet()) {
      String dest = copy(r.getValue(), "overlays", r.getKey());
      y.append("  - name: ").append(YamlText.scalar(r.getKey())).append('\n');
      y.append("    path: ").append(YamlText.scalar(dest)).append('\n');
      if (keep.contains(r.getKey())) {
        y.append("    keep: true\n");
      }
    }
  }

  // ================================================================ one build

  private void build(StringBuilder y, Spec s, String arch, String profile, String compression) {
    String target = s.target();
    TargetKeys table = KeyTables.of(target).orElseThrow();
    y.append("  # ").append(s.label).append('\n');
    y.append("  ").append(YamlText.key(s.name)).append(":\n");
    y.append("    target: ").append(YamlText.scalar(target)).append('\n');
    if (s.parent != null) {
      y.append("    from: ").append(YamlText.scalar(s.parent.name)).append('\n');
    } else {
      y.append("    from: seed").append(s.get("source_subpath") == null ? "" : "    # source_subpath: "
          + s.get("source_subpath")).append('\n');
    }
    if (s.get("source_subpath") == null) {
      note(Level.ERROR, s, 0, "no 'source_subpath': catalyst requires one; the build is seeded from the seed");
    }
    String sub = s.get("subarch");
    if (sub == null) {
      note(Level.ERROR, s, 0, "no 'subarch': catalyst requires one; the os.yaml's arch (" + arch + ") is used");
    } else if (!sub.equals(arch)) {
      y.append("    arch: ").append(YamlText.scalar(sub)).append('\n');
    }
    String p = s.get("profile");
    if (p != null && !p.equals(profile)) {
      y.append("    profile: ").append(YamlText.scalar(stamped(p, s, "profile"))).append('\n');
    } else if (p == null) {
      note(Level.ERROR, s, 0, "no 'profile': catalyst requires one; the os.yaml's profile is used");
    }
    Value confdir = s.values.get("portage_confdir");
    String tree = null;
    if (confdir != null) {
      tree = portageTree(s, confdir);
      y.append("    portage:\n      files: ").append(YamlText.scalar(tree)).append('\n');
    } else if (target.equals("stage1")) {
      note(Level.INFO, s, s.line("target"), "OSB gives every stage1 a portage tree with the app-alternatives "
          + "pins (bugs.gentoo.org 907192) below its portage_prefix; this spec has no portage_confdir");
    }
    Value prefix = s.values.get("portage_prefix");
    if (prefix != null) {
      if (tree != null || target.equals("stage1")) {
        y.append("    portage_prefix: ").append(YamlText.scalar(prefix.first())).append('\n');
      } else {
        note(Level.INFO, s, prefix.line(), "portage_prefix without a portage_confdir has no effect; not imported");
      }
    }
    for (String k : List.of("rel_type", "version_stamp")) {
      String v = s.get(k);
      if (v == null) {
        note(Level.ERROR, s, 0, "no '" + k + "': catalyst requires one; OSB's default is used");
      } else {
        y.append("    ").append(k).append(": ").append(YamlText.scalar(stamped(v, s, k))).append('\n');
      }
    }
    String c = s.get("compression_mode");
    if (c != null && !c.equals(compression)) {
      y.append("    compression: ").append(YamlText.scalar(c)).append('\n');
    } else if (c == null && KeyTables.yieldsTarball(target)) {
      note(Level.INFO, s, 0, "no compression_mode: catalyst took catalyst.conf's (lbzip2 unless set there); "
          + "OSB writes one into every spec: lbzip2 for this build");
      if (!compression.equals("lbzip2")) {
        y.append("    compression: lbzip2\n");
      }
    }
    for (String k : List.of("pkgcache_path", "kerncache_path")) {
      if (s.values.containsKey(k)) {
        note(Level.INFO, s, s.line(k), k + " is OSB's: it keys the " + (k.startsWith("pkg") ? "package" : "kernel")
            + " cache by what makes builds differ (profile, chost, flags, options) below its store; '"
            + s.get(k) + "' is not kept");
      }
    }

    // the raw keys
    List<String> kernels = s.values.containsKey("boot/kernel") ? s.values.get("boot/kernel").items() : List.of();
    List<String> raw = new ArrayList<>();
    for (Map.Entry<String, Value> e : s.values.entrySet()) {
      String key = e.getKey();
      Value v = e.getValue();
      if (MAPPED.contains(key)) {
        continue;
      }
      if (ACCOUNTS.contains(key)) {
        note(Level.ERROR, s, v.line(), key + " is not imported: OSB makes accounts in the generated fsscript of "
            + "its own stage4 (users:, with groups and ssh_authorized_keys), never with catalyst's account keys, "
            + "which run after the fsscript, cannot set a shell or password, and crash on name=groups in "
            + "catalyst 4.1; build this stage4 as the OS's stage4 and list the accounts under users:");
        continue;
      }
      if (CATALYST3_GONE.contains(key)) {
        note(Level.ERROR, s, v.line(), "'" + key + "' is a catalyst 3 key that catalyst 4 no longer has; not "
            + "imported (catalyst 4 would stop on it)");
        continue;
      }
      if (!table.isValid(key, kernels)) {
        note(Level.ERROR, s, v.line(), "'" + key + "' is not a catalyst 4 key for target " + target
            + " (catalyst would stop on it); not imported");
        continue;
      }
      if (v.none()) {
        note(Level.ERROR, s, v.line(), "'" + key + ": " + v.first() + "' reads as None in catalyst; an os.yaml "
            + "cannot write None, so the key is not imported");
        continue;
      }
      List<String> items = new ArrayList<>();
      boolean bad = false;
      for (String item : v.items()) {
        if (item.contains("\"")) {
          note(Level.ERROR, s, v.line(), "'" + key + "': the item " + item + " holds a double quote, which an "
              + "os.yaml raw key cannot write; not imported");
          bad = true;
          break;
        }
        if (KeyTables.isHostPath(key)) {
          items.add(hostPath(s, key, item, v.line()));
        } else {
          items.add(stamped(item, s, key));
        }
      }
      if (bad) {
        continue;
      }
      raw.add(rawLine(key, items, v.keyLine() && items.size() > 1));
    }
    if (target.equals("stage4")) {
      note(Level.INFO, s, s.line("target"), "a stage4 under builds: runs as written. OSB's own stage4 "
          + "(stages: [..., stage4], with packages:, users:, services:) differs on purpose: stage4/packages "
          + "starts with --update --deep --newuse, accounts, services on systemd and the shipped make.conf "
          + "come from a generated fsscript, /etc/resolv.conf is removed, and it runs with sticky-config");
    }
    if (!raw.isEmpty()) {
      y.append("    catalyst:\n");
      raw.forEach(y::append);
    }
  }

  /** One raw key: a single item or the spec's one-line list as a string, else a block list. */
  private static String rawLine(String key, List<String> items, boolean oneLine) {
    StringBuilder b = new StringBuilder("      ").append(YamlText.key(key)).append(':');
    if (items.size() == 1 || oneLine) {
      return b.append(' ').append(YamlText.scalar(String.join(" ", items))).append('\n').toString();
    }
    b.append('\n');
    for (String item : items) {
      b.append("        - ").append(YamlText.scalar(item)).append('\n');
    }
    return b.toString();
  }

  /**
   * A value with releng's placeholders as {@code ${osb.*}} references; a literal {@code ${} is
   * escaped; another placeholder stays as written, with a warning.
   */
  private String stamped(String value, Spec s, String key) {
    String v = value.replace("${", "$${");
    Matcher m = PLACEHOLDER.matcher(v);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String ref = STAMPS.get(m.group(1));
      if (ref == null) {
        note(Level.WARNING, s, s.line(key), "'" + key + "': the placeholder " + m.group() + " has no os.yaml "
            + "counterpart here; kept as written");
        ref = m.group();
      }
      m.appendReplacement(out, Matcher.quoteReplacement(ref));
    }
    m.appendTail(out);
    return out.toString();
  }

  // ================================================================ files

  /** Where a spec's host path is on this machine, or null. */
  private Path local(String value, Spec s) {
    String best = null;
    for (String prefix : options.paths().keySet()) {
      if ((value.equals(prefix) || value.startsWith(prefix + "/")) && (best == null || prefix.length() > best.length())) {
        best = prefix;
      }
    }
    if (best != null) {
      String rest = value.substring(best.length());
      rest = rest.startsWith("/") ? rest.substring(1) : rest;
      Path base = options.paths().get(best);
      return rest.isEmpty() ? base : base.resolve(rest);
    }
    if (value.equals("@REPO_DIR@") || value.startsWith("@REPO_DIR@/")) {
      Path repo = repoDir(s.file);
      String rest = value.substring("@REPO_DIR@".length());
      rest = rest.startsWith("/") ? rest.substring(1) : rest;
      return repo == null ? null : rest.isEmpty() ? repo : repo.resolve(rest);
    }
    if (value.startsWith("/")) {
      return Path.of(value);
    }
    if (value.contains("@")) {
      return null;
    }
    // catalyst resolves a relative path against its working directory; the spec's is a good guess
    return s.file.toAbsolutePath().getParent().resolve(value);
  }

  /** The releng checkout a spec lies in: the directory above {@code releases/specs/}. */
  private static Path repoDir(Path spec) {
    for (Path d = spec.toAbsolutePath().normalize().getParent(); d != null; d = d.getParent()) {
      if (d.getFileName() != null && d.getFileName().toString().equals("specs") && d.getParent() != null
          && d.getParent().getFileName() != null && d.getParent().getFileName().toString().equals("releases")) {
        return d.getParent().getParent();
      }
    }
    return null;
  }

  private String portageTree(Spec s, Value confdir) {
    String item = confdir.first();
    Path local = local(item, s);
    String base = item.substring(item.lastIndexOf('/') + 1);
    String stem = s.file.getFileName().toString().replaceFirst("\\.spec$", "");
    if (base.equals(stem)) {
      base = s.name; // a tree of its own, named after the spec (OSB's /osb/input/portage/<id>)
    }
    if (local == null || !Files.isDirectory(local)) {
      String dest = reserve("portage-extra", base);
      note(Level.ERROR, s, confdir.line(), "portage_confdir '" + item + "' is not a directory on this machine"
          + (local == null ? "" : " (" + local + ")") + "; copy its tree to " + dest + "/ (or map the path with "
          + "ImportOptions.withPath)");
      return dest;
    }
    for (String owned : List.of("make.conf", "make.profile", "repos.conf")) {
      if (Files.exists(local.resolve(owned), java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
        note(Level.WARNING, s, confdir.line(), "portage_confdir '" + item + "' holds " + owned + ", which is not "
            + "imported: " + (owned.equals("make.conf") ? "catalyst writes make.conf itself (OSB's make: keys "
            + "set the shipped one)" : owned.equals("make.profile") ? "the profile key sets it" : "OSB's repos: "
            + "writes it"));
      }
    }
    return copy(local, "portage-extra", base);
  }

  private String hostPath(Spec s, String key, String item, int line) {
    if (item.startsWith(CATALYST_SHAREDIR)) {
      return item;
    }
    String dir = key.endsWith("/fsscript") ? "scripts" : key.endsWith("/config") ? "kconfig" : "files";
    Path local = local(item, s);
    String base = item.substring(item.lastIndexOf('/') + 1);
    if (local == null || !Files.exists(local)) {
      String dest = reserve(dir, base);
      note(Level.ERROR, s, line, "'" + key + "': " + item + " is not on this machine" + (local == null ? ""
          : " (" + local + ")") + "; copy it into the project as " + dest + " (or map the path with "
          + "ImportOptions.withPath)");
      return dest;
    }
    return copy(local, dir, base);
  }

  /** Copies a file or directory below {@code dir}, once per source; returns its project path. */
  private String copy(Path local, String dir, String name) {
    Path key = local.toAbsolutePath().normalize();
    String known = copied.get(key);
    if (known != null) {
      return known;
    }
    String dest = reserve(dir, name);
    copied.put(key, dest);
    if (Files.isDirectory(local)) {
      try (Stream<Path> walk = Files.walk(local)) {
        for (Path f : walk.sorted().toList()) {
          String rel = local.relativize(f).toString().replace('\\', '/');
          if (dir.equals("portage-extra") && (rel.equals("make.conf") || rel.startsWith("make.profile")
              || rel.startsWith("repos.conf"))) {
            continue;
          }
          if (Files.isRegularFile(f)) {
            files.put(dest + "/" + rel, f);
          } else if (Files.isDirectory(f) && isEmptyDir(f)) {
            // an empty directory is kept (an overlay may create one), as a directory entry
            files.put(rel.isEmpty() ? dest : dest + "/" + rel, f);
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + local, e);
      }
    } else {
      files.put(dest, local);
    }
    return dest;
  }

  private static boolean isEmptyDir(Path d) {
    try (Stream<Path> l = Files.list(d)) {
      return l.findAny().isEmpty();
    } catch (IOException e) {
      return false;
    }
  }

  /** A fresh project path {@code dir/name} (name made safe, numbered when taken). */
  private String reserve(String dir, String name) {
    String safe = name.replaceAll("[^A-Za-z0-9._+-]+", "-").replaceAll("^[.-]+", "");
    if (safe.isEmpty()) {
      safe = "file";
    }
    String dest = dir + "/" + safe;
    for (int i = 2; !dests.add(dest); i++) {
      dest = dir + "/" + safe + "-" + i;
    }
    return dest;
  }

  static String stripExtension(String path) {
    for (String ext : EXTENSIONS) {
      if (path.endsWith(ext)) {
        return path.substring(0, path.length() - ext.length());
      }
    }
    return path;
  }

  private void note(Level level, Spec s, int line, String message) {
    notes.add(new ImportNote(level, s == null ? null : s.file, line, message));
  }
}
