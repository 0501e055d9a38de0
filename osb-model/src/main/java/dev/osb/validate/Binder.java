package dev.osb.validate;

import dev.osb.catalyst.KeyTables;
import dev.osb.catalyst.Subarches;
import dev.osb.load.Inputs;
import dev.osb.load.Location;
import dev.osb.load.MapNode;
import dev.osb.load.Merge;
import dev.osb.load.Node;
import dev.osb.load.ScalarNode;
import dev.osb.model.Binpkgs;
import dev.osb.model.BuildSettings;
import dev.osb.model.BuildSpec;
import dev.osb.model.Files;
import dev.osb.model.Init;
import dev.osb.model.Kernel;
import dev.osb.model.Libc;
import dev.osb.model.Make;
import dev.osb.model.OsConfig;
import dev.osb.model.PackageSpec;
import dev.osb.model.Portage;
import dev.osb.model.PortageSettings;
import dev.osb.model.Repo;
import dev.osb.model.Scripts;
import dev.osb.model.Seed;
import dev.osb.model.Services;
import dev.osb.model.Snapshot;
import dev.osb.model.Stage;
import dev.osb.model.SystemSettings;
import dev.osb.model.User;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Binds the merged, interpolated tree to an {@link OsConfig}, checking every rule of the
 * os.yaml v1 language on the way. All problems are collected (never thrown), each with the
 * location of the value that caused it, so one run reports everything.
 */
final class Binder {

  /** make.conf variables that have their own key (or that catalyst owns). */
  private static final Map<String, String> OWNED_VARS = Map.ofEntries(
      Map.entry("COMMON_FLAGS", "make.common_flags"), Map.entry("CFLAGS", "make.common_flags"),
      Map.entry("CXXFLAGS", "make.common_flags"), Map.entry("FCFLAGS", "make.common_flags"),
      Map.entry("FFLAGS", "make.common_flags"), Map.entry("CHOST", "make.chost"),
      Map.entry("MAKEOPTS", "make.makeopts"), Map.entry("FEATURES", "make.features"),
      Map.entry("ACCEPT_LICENSE", "make.accept_license"), Map.entry("USE", "use"));

  /** Compression modes whose output is a tarball. */
  static final List<String> COMPRESSIONS = List.of("pixz", "xz", "lbzip2", "bzip2", "gzip", "tar");

  static final List<String> CACHES = List.of("pkgcache", "kerncache", "seedcache");

  /** Spec keys OSB computes itself; a raw catalyst key may not set them. */
  static final Map<String, String> OWNED_SPEC_KEYS = Map.ofEntries(
      Map.entry("subarch", "builds.<name>.arch"), Map.entry("target", "builds.<name>.target"),
      Map.entry("version_stamp", "builds.<name>.version_stamp"),
      Map.entry("rel_type", "builds.<name>.rel_type"), Map.entry("profile", "builds.<name>.profile"),
      Map.entry("snapshot_treeish", "snapshot.treeish"), Map.entry("source_subpath", "builds.<name>.from"),
      Map.entry("portage_confdir", "builds.<name>.portage"),
      Map.entry("portage_prefix", "builds.<name>.portage_prefix"),
      Map.entry("compression_mode", "builds.<name>.compression"),
      Map.entry("pkgcache_path", "build.cache"), Map.entry("kerncache_path", "build.cache"),
      Map.entry("repos", "repos"), Map.entry("keep_repos", "repos[].keep"),
      Map.entry("stage4/users", "users"), Map.entry("stage4/groups", "users[].groups"),
      Map.entry("stage4/ssh_public_keys", "users[].ssh_authorized_keys"));

  private static final Pattern ARTIFACT =
      Pattern.compile("[A-Za-z0-9_.-]+:[A-Za-z0-9_.-]+:[A-Za-z0-9_.+-]+(:[A-Za-z0-9_.-]+)?");
  private static final Pattern REL_TYPE = Pattern.compile("[A-Za-z0-9_.+-]+");
  private static final Pattern PORTAGE_PREFIX = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.+-]{0,63}");

  /** Where catalyst's own files live; a raw host path below it is catalyst's and not checked. */
  static final String CATALYST_SHAREDIR = "/usr/share/catalyst/";

  /** Top-level keys that only act on the stage4 (and its variants). */
  static final List<String> STAGE4_ONLY = List.of("use", "packages", "unmerge", "portage", "kernel",
      "system", "users", "services", "files", "scripts");
  private static final Pattern DISTCC_HOST = Pattern.compile("[A-Za-z0-9_.:/,@\\[\\]-]+");
  private static final Pattern SEED_NAME =
      Pattern.compile("(stage[134])-([a-z0-9_]+)-(.+?)-(\\d{8}T\\d{6}Z|\\d{8}|latest)(\\..+)?");

  private final Reader r;
  private final Set<Problem> problems;
  private final Inputs inputs;
  /** The os.yaml being bound (absolute, normalised), to tell its own values from inherited ones. */
  private Path osYaml;

  private Binder(Set<Problem> problems, Inputs inputs) {
    this.problems = problems;
    this.inputs = inputs;
    this.r = new Reader(problems, inputs.projectRoot());
  }

  static OsConfig bind(MapNode tree, Path osYaml, Inputs inputs, List<Problem> out) {
    Set<Problem> problems = new LinkedHashSet<>(out);
    Binder b = new Binder(problems, inputs);
    OsConfig config = b.top(tree, osYaml);
    out.clear();
    out.addAll(problems);
    return config;
  }

  // ================================================================ top level

  private OsConfig top(MapNode root, Path osYaml) {
    this.osYaml = osYaml.toAbsolutePath().normalize();
    r.checkKeys(root, "", "");
    Node osb = root.get("osb").orElse(null);
    if (osb == null || osb.isReset()) {
      r.error(root.has("osb") ? root.entries().get("osb").keyLocation() : new Location(osYaml, 1, 1),
          "missing required key 'osb'",
          "start the file with 'osb: 1' (the os.yaml language version)");
    } else {
      Integer v = r.integer(osb, "osb", 0, Integer.MAX_VALUE);
      if (v != null && v != 1) {
        r.error(osb, "os.yaml version " + v + " is not supported; this OSB reads version 1",
            "write 'osb: 1' or use the OSB release that reads version " + v);
      }
    }
    OsConfig base = config(root, "default", null);
    Map<String, OsConfig> variants = variants(root, base);
    Map<String, BuildSpec> builds = builds(root, base, variants);
    if (base == null) {
      return null; // its problems are reported; variants and builds were checked all the same
    }
    if (base.stages().isEmpty()) {
      noMainChain(root, variants, builds);
    }
    return withChildren(base, variants, builds);
  }

  /**
   * {@code stages: []}: no stage1, stage3 or stage4 of the OS itself, only {@code builds:} (a
   * releng-style chain, or imported specs). Keys that only act on the stage4 are errors then.
   */
  private void noMainChain(MapNode root, Map<String, OsConfig> variants, Map<String, BuildSpec> builds) {
    MapNode.Entry stagesEntry = root.entries().get("stages");
    if (builds.isEmpty() && !root.has("builds")) {
      r.error(stagesEntry.value(), "'stages: []' builds no stage of the OS itself, and there are no builds",
          "list catalyst builds under 'builds:' (the first one 'from: seed'), or remove 'stages: []' to build the stage4");
    }
    for (String k : STAGE4_ONLY) {
      MapNode.Entry e = root.entries().get(k);
      if (e != null && !e.value().isReset()) {
        r.error(e.keyLocation(), "'" + k + "' has no effect: 'stages: []' builds no stage4",
            "build the stage4 (stages: [stage4]), or give the build that needs it catalyst keys under builds.<name>.catalyst");
      }
    }
    MapNode.Entry v = root.entries().get("variants");
    if (v != null && !variants.isEmpty()) {
      r.error(v.keyLocation(), "variants build on the stage4, but 'stages: []' builds none",
          "add stage4 to stages, or make them builds with target: stage4");
    }
  }

  private static OsConfig withChildren(OsConfig c, Map<String, OsConfig> variants,
      Map<String, BuildSpec> builds) {
    return new OsConfig(c.osb(), c.name(), c.description(), c.arch(), c.profile(), c.init(),
        c.libc(), c.stages(), c.snapshot(), c.seed(), c.make(), c.use(), c.packages(),
        c.unmerge(), c.portage(), c.repos(), c.kernel(), c.system(), c.users(), c.services(),
        c.files(), c.scripts(), c.binpkgs(), variants, builds, c.build());
  }

  /**
   * The settings shared by the main OS and each variant. {@code parent} is null for the main
   * OS; for a variant the chain-wide keys are taken from it.
   */
  private OsConfig config(MapNode m, String defaultName, OsConfig parent) {
    String name = parent == null ? orDefault(r.string(r.get(m, "name"), "name", Grammar::osName), defaultName)
        : defaultName;
    String description = r.string(r.get(m, "description"), "description", Binder::singleLine);

    String arch;
    List<Stage> stages;
    Snapshot snapshot;
    Seed seed;
    BuildSettings build;
    if (parent == null) {
      arch = arch(m);
      stages = stages(m);
      snapshot = snapshot(m);
      build = buildSettings(m);
    } else {
      arch = parent.arch();
      stages = parent.stages();
      snapshot = parent.snapshot();
      build = parent.build();
    }
    Node profileNode = r.require(m, "profile", "",
        "name the Gentoo profile, e.g. profile: default/linux/amd64/23.0");
    String profile = r.string(profileNode, "profile", Grammar::profile);
    if (profile != null && arch != null) {
      checkProfileArch(profileNode, profile, arch);
    }
    Make make = make(m);
    Init init = init(m, profile);
    Libc libc = profile == null ? Libc.GLIBC : Libc.of(profile, make.chost());
    if (profile != null && make.chost() != null) {
      boolean muslChost = make.chost().endsWith("musl");
      boolean muslProfile = Libc.of(profile, null) == Libc.MUSL;
      if (muslChost != muslProfile) {
        r.error(r.get(r.map(r.get(m, "make"), "make", null), "chost"),
            "make.chost '" + make.chost() + "' does not fit profile '" + profile + "'",
            muslProfile ? "a musl profile needs a *-musl chost" : "a *-musl chost needs a musl profile");
      }
    }
    if (parent == null) {
      seed = seed(m, init, libc, profile, arch);
      if (!stages.contains(Stage.STAGE1)) {
        MapNode mk = r.map(r.get(m, "make"), "make", null);
        for (String k : List.of("common_flags", "chost")) {
          Node n = r.get(mk, k);
          if (n != null && (k.equals("chost") ? make.chost() : make.commonFlags()) != null) {
            r.warning(n, "make." + k + " takes effect only when stages include stage1; without it, it is "
                + "written only to the shipped make.conf and packages keep the seed's " + (k.equals("chost") ? "CHOST" : "CFLAGS"),
                "add 'stages: [stage1, stage3, stage4]' to build with it");
          }
        }
      }
    } else {
      seed = parent.seed();
      Node at = r.get(m, "profile");
      if (init != null && init != parent.init()) {
        r.error(at, "the variant's profile uses " + init.id() + ", but it builds on the parent's "
            + parent.init().id() + " stage4", "a variant keeps the init system; use 'builds:' for another chain");
      }
      if (profile != null && libc != parent.libc()) {
        r.error(at, "the variant's profile uses " + libc.id() + ", but it builds on the parent's "
            + parent.libc().id() + " stage4", "a variant keeps the C library; use 'builds:' for another chain");
      }
      MapNode mk = r.map(r.get(m, "make"), "make", null);
      for (String k : List.of("common_flags", "chost")) {
        Node n = r.get(mk, k);
        if (n != null && n.location() != null && !sameAsParent(n, k, parent)) {
          r.warning(n, "make." + k + " in a variant only changes the shipped make.conf; packages "
              + "keep the parent's", "set it at the top level with stage1 in 'stages'");
        }
      }
    }
    List<String> use = use(m);
    Portage portage = portage(r.get(m, "portage"), "portage");
    List<PackageSpec> packages = packages(m, portage);
    List<String> unmerge = r.uniqueStrings(r.get(m, "unmerge"), "unmerge", Grammar::atom);
    for (String atom : unmerge) {
      String key = Atom.parse(atom).key();
      if (packages.stream().anyMatch(p -> p.key().equals(key))) {
        r.error(itemNode(r.get(m, "unmerge"), atom), "package '" + key + "' is both in packages and in unmerge",
            "keep one: unmerge removes what packages installs");
      }
    }
    List<Repo> repos = repos(m);
    if (profile != null && profile.contains(":")) {
      String repo = profile.substring(0, profile.indexOf(':'));
      if (!repo.equals("gentoo") && repos.stream().noneMatch(x -> x.name().equals(repo))
          && !r.reported(profileNode)) {
        r.error(profileNode, "profile '" + profile + "' names the repository '" + repo + "', which is not in repos",
            "add { name: " + repo + ", path: ... } to repos");
      }
    }
    Kernel kernel = kernel(m);
    SystemSettings system = system(m, libc);
    List<User> users = users(m);
    Services services = services(m, init);
    Files files = files(m);
    Scripts scripts = scripts(m);
    Binpkgs binpkgs = binpkgs(m);
    if (build != null && kernel != null && build.cache().contains("kerncache") && kernel.isDist()) {
      r.warning(r.get(r.map(r.get(m, "build"), "build", null), "cache"),
          "kerncache has no effect with the dist kernel " + kernel.packageAtom(),
          "catalyst's kerncache only works for genkernel (*-sources) builds");
    }
    if (profile == null || arch == null || snapshot == null || seed == null || build == null
        || init == null) {
      return null;
    }
    return new OsConfig(1, name, description, arch, profile, init, libc, stages, snapshot, seed,
        make, use, packages, unmerge, portage, repos, kernel, system, users, services, files,
        scripts, binpkgs, Map.of(), Map.of(), build);
  }

  private static boolean sameAsParent(Node n, String key, OsConfig parent) {
    String v = n instanceof ScalarNode s ? s.text() : null;
    return java.util.Objects.equals(v, key.equals("chost") ? parent.make().chost() : parent.make().commonFlags());
  }

  private static <T> T orDefault(T v, T d) {
    return v == null ? d : v;
  }

  static String singleLine(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) < 0x20 || s.charAt(i) == 0x7f) {
        return "control characters (such as a newline) are not allowed";
      }
    }
    return s.length() > 200 ? "longer than 200 characters" : null;
  }

  // ================================================================ chain-wide keys

  private String arch(MapNode m) {
    Node n = r.get(m, "arch");
    if (n == null) {
      return "amd64";
    }
    return subarch(n, "arch");
  }

  /** A catalyst subarch, or null with a problem. */
  private String subarch(Node n, String what) {
    ScalarNode s = r.scalar(n, what);
    if (s == null) {
      return null;
    }
    if (!Subarches.isKnown(s.text())) {
      r.error(n, "unknown arch '" + Reader.show(s) + "': catalyst knows no such subarch",
          Grammar.didYouMean(s.text(), Subarches.all()).map(x -> "did you mean '" + x + "'?")
              .orElse("known: " + String.join(" ", Subarches.all())));
      return null;
    }
    return s.text();
  }

  private void checkProfileArch(Node at, String profile, String subarch) {
    String path = profile.substring(profile.indexOf(':') + 1);
    String[] seg = path.split("/");
    String family = Subarches.archOf(subarch).orElse(null);
    if (seg.length >= 3 && seg[0].equals("default") && seg[1].equals("linux") && family != null
        && !seg[2].equals(family)) {
      r.error(at, "profile '" + profile + "' is for " + seg[2] + ", but arch '" + subarch
          + "' builds " + family, "use a default/linux/" + family + "/... profile or change arch");
    }
  }

  private List<Stage> stages(MapNode m) {
    if (m.get("stages").orElse(null) instanceof dev.osb.load.SeqNode q && q.items().isEmpty()) {
      return List.of(); // no main chain: only builds (checked in top)
    }
    Node n = r.get(m, "stages");
    if (n == null) {
      return List.of(Stage.STAGE4);
    }
    List<Stage> out = new ArrayList<>();
    for (Node item : r.items(n, "stages")) {
      String id = r.choice(item, "stage", List.of("stage1", "stage3", "stage4"));
      if (id == null) {
        continue;
      }
      Stage s = Stage.of(id).orElseThrow();
      if (out.contains(s)) {
        r.error(item, "stage '" + id + "' is listed twice", "list each stage once");
      } else if (!out.isEmpty() && out.get(out.size() - 1).compareTo(s) > 0) {
        r.error(item, "stages must be in build order (stage1, stage3, stage4)", null);
      } else {
        out.add(s);
      }
    }
    if (out.isEmpty()) {
      return List.of(Stage.STAGE4);
    }
    if (out.get(out.size() - 1) != Stage.STAGE4) {
      r.error(n, "stages must end with stage4 (the OS OSB ships)",
          "for extra stage1/stage3 builds use 'builds:'");
    }
    if (out.contains(Stage.STAGE1) && !out.contains(Stage.STAGE3)) {
      r.error(n, "stage1 needs stage3 after it (catalyst builds stage3 from stage1)",
          "write stages: [stage1, stage3, stage4]");
    }
    return out;
  }

  private Snapshot snapshot(MapNode m) {
    MapNode s = r.map(r.require(m, "snapshot", "",
        "pin the ::gentoo tree: snapshot: { treeish: <40-hex commit> }"), "snapshot", "snapshot");
    if (s == null) {
      return null;
    }
    String treeish = r.string(r.require(s, "treeish", "snapshot",
        "the full 40-hex commit of the ::gentoo sync repository"), "snapshot.treeish", Grammar::gitCommit);
    Node repoNode = r.get(s, "repo");
    String repo = repoNode == null ? Snapshot.DEFAULT_REPO : r.string(repoNode, "snapshot.repo", Grammar::snapshotRepoUrl);
    return treeish == null || repo == null ? null : new Snapshot(treeish.toLowerCase(Locale.ROOT), repo);
  }

  private Seed seed(MapNode m, Init init, Libc libc, String profile, String arch) {
    if (!inputs.providedSeeds().isEmpty()) {
      return providedSeed(m);
    }
    MapNode s = r.map(r.require(m, "seed", "",
        "name the stage3 to start from: seed: { url: https://..., sha512: ... }; or, in a Maven project, declare "
            + "the stage4 to build on as a <dependency> with <type>stage4</type> and <scope>provided</scope>"),
        "seed", "seed");
    if (s == null) {
      return null;
    }
    Node url = r.get(s, "url");
    Node file = r.get(s, "file");
    Node artifact = r.get(s, "artifact");
    int forms = (url == null ? 0 : 1) + (file == null ? 0 : 1) + (artifact == null ? 0 : 1);
    if (forms != 1) {
      r.error(s, forms == 0 ? "seed needs one of 'url', 'file' or 'artifact'"
          : "seed takes exactly one of 'url', 'file' or 'artifact'", null);
      return null;
    }
    Seed seed;
    Node named;
    if (url != null) {
      String u = r.string(url, "seed.url", Grammar::httpsUrl);
      String sha = r.string(r.require(s, "sha512", "seed",
          "a downloaded seed is verified: add its sha512 (from the .DIGESTS file next to it)"),
          "seed.sha512", Grammar::sha512);
      if (u == null || sha == null) {
        return null;
      }
      seed = new Seed(Seed.Kind.URL, u, sha.toLowerCase(Locale.ROOT), null, null, url.location());
      named = url;
    } else if (file != null) {
      Path p = r.path(file, "seed.file", false);
      Node sha = r.get(s, "sha512");
      String digest = sha == null ? null : r.string(sha, "seed.sha512", Grammar::sha512);
      if (p == null) {
        return null;
      }
      seed = new Seed(Seed.Kind.FILE, null, digest == null ? null : digest.toLowerCase(Locale.ROOT), p, null,
          file.location());
      named = file;
    } else {
      String a = r.string(artifact, "seed.artifact", v -> ARTIFACT.matcher(v).matches() ? null
          : "write groupId:artifactId:version[:classifier] (an external stage4; in a reactor use a <dependency> of type stage4)");
      if (a == null) {
        return null;
      }
      if (r.get(s, "sha512") != null) {
        r.error(r.get(s, "sha512"), "seed.sha512 is only for seed.url and seed.file",
            "Maven verifies artifacts itself; remove it");
      }
      String[] c = a.split(":");
      String project = c[0] + ":" + c[1];
      if (inputs.reactorProjects().contains(project)) {
        r.error(artifact, "seed.artifact '" + a + "' names " + project + ", a project of this Maven reactor, "
            + "which Maven would not build before this one",
            "declare it as a <dependency> with <type>stage4</type> and <scope>provided</scope>, and remove seed");
        return null;
      }
      // an artifact's flavour cannot be read from a file name: it is the stage4 of another OS
      return new Seed(Seed.Kind.ARTIFACT, null, null, null, a, artifact.location());
    }
    checkFlavour(named, seed.fileName(), init, libc, profile, arch);
    return seed;
  }

  /**
   * The seed the build tool provides (a POM dependency of type stage4, scope provided): the
   * os.yaml then names none, and only one may be provided. Its flavour is that of the stage4 it
   * is, which no file name tells.
   */
  private Seed providedSeed(MapNode m) {
    List<Inputs.ProvidedSeed> provided = inputs.providedSeeds();
    Inputs.ProvidedSeed first = provided.get(0);
    boolean ok = true;
    if (provided.size() > 1) {
      List<String> all = new ArrayList<>();
      for (Inputs.ProvidedSeed p : provided) {
        all.add(p.coordinates() + " (" + p.declaredAt().format(inputs.projectRoot()) + ")");
      }
      r.error(provided.get(1).declaredAt(), "more than one <dependency> of type stage4 with scope provided: "
          + String.join(", ", all) + "; the seed is one stage4",
          "keep the <dependency> of the stage4 to build on and remove the others, or give them another scope");
      ok = false;
    }
    MapNode.Entry declared = m.entries().get("seed");
    if (declared != null && !declared.value().isReset()) {
      Location at = declared.keyLocation();
      boolean inherited = osYaml != null && !at.file().toAbsolutePath().normalize().equals(osYaml);
      r.error(at, "seed is set, but the POM provides the seed too: the <dependency> " + first.coordinates()
          + " of type stage4 with scope provided (" + first.declaredAt().format(inputs.projectRoot()) + ")",
          "remove one: " + (inherited
              ? "write 'seed: null' in " + shown(osYaml) + " to drop the inherited seed and build on the dependency"
              : "remove seed to build on the dependency")
              + ", or remove the <dependency> to build on this seed");
      ok = false;
    }
    for (Inputs.ProvidedSeed p : provided) {
      if (!ARTIFACT.matcher(p.coordinates()).matches()) {
        r.error(p.declaredAt(), "the stage4 <dependency> '" + p.coordinates() + "' is not "
            + "groupId:artifactId:version[:classifier] with one fixed version",
            "give the <dependency> the exact <version> of the stage4 to build on, not a range");
        ok = false;
      }
    }
    return ok ? new Seed(Seed.Kind.PROVIDED, null, null, null, first.coordinates(), first.declaredAt()) : null;
  }

  /** A file as messages show it: relative to the project root when below it. */
  private String shown(Path file) {
    Path root = inputs.projectRoot().toAbsolutePath().normalize();
    return file.startsWith(root) && !file.equals(root) ? root.relativize(file).toString() : file.toString();
  }

  /** The seed's file name says what it is: stage3-amd64-systemd-..., stage3-amd64-musl-... */
  private void checkFlavour(Node at, String fileName, Init init, Libc libc, String profile, String arch) {
    if (init == null || profile == null || arch == null) {
      return;
    }
    var matcher = SEED_NAME.matcher(fileName);
    if (!matcher.matches()) {
      r.warning(at, "cannot tell the seed's flavour from its file name '" + fileName + "'",
          "official seeds are named stage3-<arch>-<flavour>-<timestamp>.tar.xz; OSB then checks it fits the profile");
      return;
    }
    Set<String> flavour = Set.of(matcher.group(3).split("-"));
    String seedArch = matcher.group(2);
    String family = Subarches.archOf(arch).orElse(null);
    if (family != null && !seedArch.equals(family) && !seedArch.equals(arch)) {
      r.error(at, "the seed '" + fileName + "' is for " + seedArch + ", but arch is " + arch,
          "use " + (family.matches("[aeiou].*") ? "an " : "a ") + family + " seed");
    }
    boolean systemdSeed = flavour.contains("systemd");
    if (systemdSeed != (init == Init.SYSTEMD)) {
      r.error(at, "the seed '" + fileName + "' is " + (systemdSeed ? "a systemd" : "an OpenRC")
          + " stage3, but the OS uses " + init.id(),
          "use a stage3-*-" + (init == Init.SYSTEMD ? "systemd" : "openrc") + " seed, or change the profile");
    }
    // the profile decides the seed's libc; a chost that disagrees is reported on its own
    Libc profileLibc = Libc.of(profile, null);
    boolean muslSeed = flavour.contains("musl");
    if (muslSeed != (profileLibc == Libc.MUSL)) {
      r.error(at, "the seed '" + fileName + "' is " + (muslSeed ? "a musl" : "a glibc")
          + " stage3, but the profile uses " + profileLibc.id(), "use a seed of the profile's libc");
    }
    String path = profile.substring(profile.indexOf(':') + 1);
    for (String feature : List.of("hardened", "llvm")) {
      boolean inSeed = flavour.contains(feature);
      boolean inProfile = List.of(path.split("/")).contains(feature);
      if (inSeed != inProfile) {
        r.error(at, "the seed '" + fileName + "' is " + (inSeed ? "" : "not ") + "a " + feature
            + " stage3, but profile '" + profile + "' is " + (inProfile ? "" : "not ") + feature,
            "use a seed that matches the profile");
      }
    }
  }

  private Init init(MapNode m, String profile) {
    Node n = r.get(m, "init");
    if (profile == null) {
      if (n != null) {
        r.choice(n, "init", List.of("openrc", "systemd"));
      }
      return null;
    }
    Init derived = Init.ofProfile(profile);
    if (n == null) {
      return derived;
    }
    String v = r.choice(n, "init", List.of("openrc", "systemd"));
    if (v == null) {
      return null;
    }
    Init init = v.equals("systemd") ? Init.SYSTEMD : Init.OPENRC;
    if (init != derived) {
      r.error(n, "init is " + init.id() + " but profile '" + profile + "' is "
          + (derived == Init.SYSTEMD ? "a systemd" : "an OpenRC") + " profile",
          derived == Init.SYSTEMD ? "drop '/systemd' from the profile, or set init: systemd"
              : "use the profile's /systemd variant (e.g. " + profile + "/systemd), or drop 'init'");
      return null;
    }
    return init;
  }

  // ================================================================ make, use, packages

  private Make make(MapNode root) {
    MapNode m = r.map(r.get(root, "make"), "make", "make");
    if (m == null) {
      return Make.empty();
    }
    String commonFlags = r.string(r.get(m, "common_flags"), "make.common_flags", Grammar::compilerFlags);
    String chost = r.string(r.get(m, "chost"), "make.chost", Grammar::chost);
    String makeopts = r.string(r.get(m, "makeopts"), "make.makeopts", Grammar::makeopts);
    List<String> features = r.uniqueStrings(r.get(m, "features"), "make.features", Grammar::feature);
    String acceptLicense = r.string(r.get(m, "accept_license"), "make.accept_license",
        v -> tokens(v, Grammar::license));
    Map<String, String> vars = new LinkedHashMap<>();
    MapNode vm = r.map(r.get(m, "vars"), "make.vars", null);
    if (vm != null) {
      for (MapNode.Entry e : vm.entries().values()) {
        String reason = Grammar.makeVarName(e.key());
        if (reason != null) {
          r.error(e.keyLocation(), "invalid make.conf variable name '" + Reader.visible(e.key()) + "': " + reason, null);
          continue;
        }
        if (OWNED_VARS.containsKey(e.key())) {
          r.error(e.keyLocation(), "make.vars." + e.key() + " is set through '" + OWNED_VARS.get(e.key()) + "'",
              "move the value to " + OWNED_VARS.get(e.key()));
          continue;
        }
        boolean useExpand = dev.osb.model.UseExpand.contains(e.key());
        String v = r.string(e.value(), "make.vars." + e.key(), useExpand
            ? x -> tokens(x, Grammar::useExpandValue) : Grammar::makeVarValue);
        if (v != null) {
          vars.put(e.key(), v);
        }
      }
    }
    return new Make(commonFlags, chost, makeopts, features, acceptLicense, vars);
  }

  /** Checks each whitespace-separated token of a value with a grammar rule. */
  static String tokens(String v, java.util.function.Function<String, String> rule) {
    if (v.isBlank()) {
      return "is empty";
    }
    for (String t : v.trim().split("[ ]+")) {
      String reason = rule.apply(t);
      if (reason != null) {
        return "'" + Reader.visible(t) + "': " + reason;
      }
    }
    return null;
  }

  private List<String> use(MapNode m) {
    Node n = r.get(m, "use");
    List<String> use = r.uniqueStrings(n, "use", v -> v.equals("-*")
        ? "'-*' in global USE drops every USE flag the profile sets; turn off single flags with '-flag'"
        : Grammar.useToggle(v));
    if (use.size() == 1 && use.get(0).equalsIgnoreCase("none")) {
      r.error(n, "a USE list of only 'none' reads as None to catalyst", "remove it or add a real flag");
    }
    return use;
  }

  private List<PackageSpec> packages(MapNode m, Portage portage) {
    List<PackageSpec> out = new ArrayList<>();
    Map<String, Node> seen = new HashMap<>();
    for (Node item : r.items(r.get(m, "packages"), "packages")) {
      ScalarNode atomNode;
      MapNode settings = null;
      if (item instanceof MapNode im) {
        if (im.entries().size() != 1) {
          r.error(item, "a package with settings is one key, the atom: '- app-editors/vim: { use: [-X] }'",
              "write each package as its own list item");
          continue;
        }
        MapNode.Entry e = im.entries().values().iterator().next();
        atomNode = new ScalarNode(e.key(), ScalarNode.Tag.STR, e.keyLocation());
        settings = r.map(e.value(), "packages." + e.key(), "packages[]");
      } else {
        atomNode = r.scalar(item, "packages item");
        if (atomNode == null) {
          continue;
        }
      }
      String atom = r.string(atomNode, "package atom", Grammar::atom);
      if (atom == null) {
        continue;
      }
      Atom parsed = Atom.parse(atom);
      String dupKey = parsed.key() + (parsed.slot() == null ? "" : ":" + parsed.slot());
      Node first = seen.putIfAbsent(dupKey, atomNode);
      if (first != null) {
        r.error(atomNode, "duplicate package '" + atom + "' (first at " + first.location().format(inputs.projectRoot()) + ")",
            "list each package once; settings go on one entry");
        continue;
      }
      List<String> use = List.of();
      List<String> keywords = List.of();
      List<String> license = List.of();
      List<String> env = List.of();
      if (settings != null) {
        use = r.uniqueStrings(r.get(settings, "use"), "packages." + atom + ".use", Grammar::useToggle);
        keywords = r.uniqueStrings(r.get(settings, "keywords"), "packages." + atom + ".keywords", Grammar::keyword);
        license = r.uniqueStrings(r.get(settings, "license"), "packages." + atom + ".license", Grammar::license);
        Node envNode = r.get(settings, "env");
        env = r.uniqueStrings(envNode, "packages." + atom + ".env", Grammar::envFileName);
        checkEnvNames(envNode, env, portage);
      }
      out.add(new PackageSpec(atom, parsed.key(), use, keywords, license, env, atomNode.location()));
    }
    return out;
  }

  private void checkEnvNames(Node listNode, List<String> names, Portage portage) {
    for (String name : names) {
      if (!portage.shipped().envFiles().containsKey(name)) {
        r.error(itemNode(listNode, name), "env file '" + name + "' is not defined",
            portage.buildOnly().envFiles().containsKey(name)
                ? "a shipped package.env entry cannot use a build-only env file; move it to portage.env_files"
                : "define it under portage.env_files." + name + " (variables for /etc/portage/env/" + name + ")");
      }
    }
  }

  /** The first value below {@code node} whose text is {@code text}, for a precise location; else the node. */
  private static Node itemNode(Node node, String text) {
    Node found = find(node, text);
    return found != null ? found : node;
  }

  private static Node find(Node node, String text) {
    if (node instanceof ScalarNode s) {
      return s.text().equals(text) ? s : null;
    }
    List<Node> children = node instanceof dev.osb.load.SeqNode q ? q.items()
        : node instanceof MapNode m ? m.entries().values().stream().map(MapNode.Entry::value).toList()
        : List.of();
    for (Node c : children) {
      Node f = find(c, text);
      if (f != null) {
        return f;
      }
    }
    return null;
  }

  // ================================================================ portage

  private Portage portage(Node n, String what) {
    MapNode m = r.map(n, what, "portage");
    if (m == null) {
      return Portage.empty();
    }
    PortageSettings shipped = settings(m, what);
    PortageSettings buildOnly = PortageSettings.empty();
    Node bo = r.get(m, "build_only");
    if (bo != null) {
      MapNode bm = r.map(bo, what + ".build_only", null);
      if (bm != null) {
        for (MapNode.Entry e : bm.entries().values()) {
          if (e.key().equals("license")) {
            r.error(e.keyLocation(), what + ".build_only.license would ship: catalyst does not clean "
                + "package.license", "move it to " + what + ".license");
          } else if (e.key().equals("files") || e.key().equals("build_only")) {
            r.error(e.keyLocation(), "'" + e.key() + "' cannot be build-only",
                "build_only holds use, accept_keywords, mask, unmask, env and env_files, the "
                    + "portage directories catalyst cleans");
          }
        }
        r.checkKeys(new MapNode(withoutKeys(bm, "license", "files", "build_only"), bm.location()),
            "portage.build_only", what + ".build_only");
        buildOnly = settings(bm, what + ".build_only");
      }
    }
    Path files = null;
    Node f = r.get(m, "files");
    if (f != null) {
      files = r.path(f, what + ".files", true);
      if (files != null) {
        for (String forbidden : List.of("make.conf", "make.profile", "repos.conf")) {
          if (java.nio.file.Files.exists(files.resolve(forbidden), java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            r.error(f, what + ".files contains " + forbidden + ", which OSB and catalyst own",
                forbidden.equals("make.conf") ? "use the 'make' keys" : forbidden.equals("make.profile")
                    ? "use 'profile'" : "use 'repos'");
          }
        }
      }
    }
    for (String name : shipped.env().values().stream().flatMap(List::stream).distinct().toList()) {
      if (!shipped.envFiles().containsKey(name)) {
        r.error(itemNode(r.get(m, "env"), name), "env file '" + name + "' is not defined",
            buildOnly.envFiles().containsKey(name)
                ? "a shipped package.env entry cannot use a build-only env file; move it to " + what + ".env_files"
                : "define it under " + what + ".env_files." + name);
      }
    }
    for (String name : buildOnly.env().values().stream().flatMap(List::stream).distinct().toList()) {
      if (!buildOnly.envFiles().containsKey(name) && !shipped.envFiles().containsKey(name)) {
        r.error(r.get(r.map(bo, "", null), "env"), "env file '" + name + "' is not defined",
            "define it under " + what + ".build_only.env_files." + name);
      }
    }
    return new Portage(shipped, buildOnly, files);
  }

  private static Map<String, MapNode.Entry> withoutKeys(MapNode m, String... keys) {
    Map<String, MapNode.Entry> out = new LinkedHashMap<>(m.entries());
    for (String k : keys) {
      out.remove(k);
    }
    return out;
  }

  private PortageSettings settings(MapNode m, String what) {
    return new PortageSettings(
        atomMap(r.get(m, "use"), what + ".use", Grammar::useToggle),
        atomMap(r.get(m, "accept_keywords"), what + ".accept_keywords", Grammar::keyword),
        m.has("license") && !what.endsWith("build_only")
            ? atomMap(r.get(m, "license"), what + ".license", Grammar::license) : Map.of(),
        r.uniqueStrings(r.get(m, "mask"), what + ".mask", Grammar::atomPattern),
        r.uniqueStrings(r.get(m, "unmask"), what + ".unmask", Grammar::atomPattern),
        atomMap(r.get(m, "env"), what + ".env", Grammar::envFileName),
        envFiles(r.get(m, "env_files"), what + ".env_files"));
  }

  /** {@code atom-pattern: [values]}; a null or empty value resets an inherited entry. */
  private Map<String, List<String>> atomMap(Node n, String what,
      java.util.function.Function<String, String> rule) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    MapNode m = r.map(n, what, null);
    if (m == null) {
      return out;
    }
    for (MapNode.Entry e : m.entries().values()) {
      String reason = Grammar.atomPattern(e.key());
      if (reason != null) {
        r.error(e.keyLocation(), "invalid package atom '" + Reader.visible(e.key()) + "' in " + what + ": " + reason, null);
        continue;
      }
      Node v = e.value();
      if (v.isReset()) {
        continue; // null or [] resets an inherited entry
      }
      if (v instanceof ScalarNode s) {
        r.error(v, what + "." + e.key() + " must be a list, not " + v.describe(),
            "write a list: [" + Reader.show(s) + "]");
        continue;
      }
      List<String> values = r.uniqueStrings(v, what + "." + e.key(), rule);
      if (!values.isEmpty()) {
        out.put(e.key(), values);
      }
    }
    return out;
  }

  private Map<String, Map<String, String>> envFiles(Node n, String what) {
    Map<String, Map<String, String>> out = new LinkedHashMap<>();
    MapNode m = r.map(n, what, null);
    if (m == null) {
      return out;
    }
    for (MapNode.Entry e : m.entries().values()) {
      String reason = Grammar.envFileName(e.key());
      if (reason != null) {
        r.error(e.keyLocation(), "invalid env file name '" + Reader.visible(e.key()) + "': " + reason, null);
        continue;
      }
      MapNode vars = r.map(e.value(), what + "." + e.key(), null);
      if (vars == null) {
        continue; // null resets an inherited env file
      }
      Map<String, String> values = new LinkedHashMap<>();
      for (MapNode.Entry v : vars.entries().values()) {
        String nameReason = Grammar.envVarName(v.key());
        if (nameReason != null) {
          r.error(v.keyLocation(), "invalid variable name '" + Reader.visible(v.key()) + "' in " + what + "." + e.key() + ": " + nameReason, null);
          continue;
        }
        String value = r.string(v.value(), what + "." + e.key() + "." + v.key(), Grammar::envVarValue);
        if (value != null) {
          values.put(v.key(), value);
        }
      }
      out.put(e.key(), values);
    }
    return out;
  }

  // ================================================================ repos, kernel

  private List<Repo> repos(MapNode m) {
    List<Repo> out = new ArrayList<>();
    Map<String, Node> seen = new HashMap<>();
    for (Node item : r.items(r.get(m, "repos"), "repos")) {
      MapNode rm = r.map(item, "repos item", "repos[]");
      if (rm == null) {
        continue;
      }
      Node nameNode = r.require(rm, "name", "repos[]", "the repository name, as in its profiles/repo_name");
      String name = r.string(nameNode, "repos.name", Grammar::repoName);
      if (name == null) {
        continue;
      }
      if (name.equals("gentoo")) {
        r.error(nameNode, "'gentoo' is the snapshot itself", "pin it with snapshot.treeish");
        continue;
      }
      Node first = seen.putIfAbsent(name, nameNode);
      if (first != null) {
        r.error(nameNode, "duplicate repository '" + name + "'", "list each repository once");
        continue;
      }
      boolean keep = orDefault(r.bool(r.get(rm, "keep"), "repos." + name + ".keep"), false);
      Node pathNode = r.get(rm, "path");
      Node uriNode = r.get(rm, "uri");
      if ((pathNode == null) == (uriNode == null)) {
        r.error(rm, "repository '" + name + "' needs exactly one of 'path' or 'uri'",
            "path: overlays/" + name + " for one in the project, or sync: git, uri: https://..., commit: <40 hex>");
        continue;
      }
      if (pathNode != null) {
        for (String k : List.of("sync", "commit")) {
          if (r.get(rm, k) != null) {
            r.error(r.get(rm, k), "'" + k + "' is only for git repositories (with 'uri')", "remove it");
          }
        }
        Path p = r.path(pathNode, "repos." + name + ".path", true);
        if (p == null) {
          continue;
        }
        Path repoName = p.resolve("profiles/repo_name");
        String actual = null;
        try {
          actual = java.nio.file.Files.readString(repoName).trim();
        } catch (java.io.IOException e) {
          r.error(pathNode, "repository '" + name + "' has no profiles/repo_name",
              "an ebuild repository names itself in profiles/repo_name");
          continue;
        }
        if (!actual.equals(name)) {
          r.error(nameNode, "repository name '" + name + "' differs from its profiles/repo_name '"
              + Reader.visible(actual) + "'", "write name: " + Reader.visible(actual));
          continue;
        }
        out.add(new Repo(name, p, null, null, null, keep, rm.location()));
      } else {
        String sync = r.choice(r.require(rm, "sync", "repos." + name, "write sync: git"), "repos." + name + ".sync", List.of("git"));
        String uri = r.string(uriNode, "repos." + name + ".uri", Grammar::gitUrl);
        String commit = r.string(r.require(rm, "commit", "repos." + name,
            "pin the repository: commit: <40-hex commit>"), "repos." + name + ".commit", Grammar::gitCommit);
        if (sync != null && uri != null && commit != null) {
          out.add(new Repo(name, null, sync, uri, commit.toLowerCase(Locale.ROOT), keep, rm.location()));
        }
      }
    }
    return out;
  }

  private Kernel kernel(MapNode root) {
    MapNode m = r.map(r.get(root, "kernel"), "kernel", "kernel");
    if (m == null) {
      return null;
    }
    Node nameNode = r.get(m, "name");
    String name = nameNode == null ? "gentoo" : r.string(nameNode, "kernel.name", Grammar::kernelName);
    if (name != null && name.equalsIgnoreCase("none")) {
      r.error(nameNode, "kernel name 'none' reads as None to catalyst", "use another name, e.g. gentoo");
      name = null;
    }
    Node pkgNode = r.require(m, "package", "kernel",
        "name the kernel package, e.g. sys-kernel/gentoo-kernel-bin");
    String pkg = r.string(pkgNode, "kernel.package", Grammar::atom);
    String key = null;
    if (pkg != null) {
      key = Atom.parse(pkg).key();
      if (!Kernel.DIST.contains(key) && !(key.startsWith("sys-kernel/") && Kernel.isSources(key))) {
        r.error(pkgNode, "kernel.package '" + pkg + "' is not a kernel OSB can install",
            "use a dist kernel (" + String.join(", ", new java.util.TreeSet<>(Kernel.DIST))
                + ") or a sys-kernel/*-sources package with kernel.config");
        pkg = null;
      }
    }
    boolean sources = key != null && Kernel.isSources(key);
    Node configNode = r.get(m, "config");
    Path config = configNode == null ? null : r.path(configNode, "kernel.config", false);
    if (pkg != null && configNode != null && key.endsWith("-bin")) {
      r.error(configNode, "a prebuilt kernel (" + pkg + ") cannot take a config",
          "use sys-kernel/gentoo-kernel (config via USE=savedconfig) or a *-sources package (genkernel)");
    }
    if (pkg != null && sources && configNode == null) {
      r.error(pkgNode, "a *-sources kernel needs kernel.config (a full .config for genkernel)",
          "add config: kernel/config-<version>, or use sys-kernel/gentoo-kernel-bin");
    }
    Node dracutNode = r.get(m, "dracut_args");
    List<String> dracut = r.strings(dracutNode, "kernel.dracut_args", Grammar::dracutArg);
    if (!dracut.isEmpty() && pkg != null && sources) {
      r.error(dracutNode, "kernel.dracut_args apply to dist kernels; genkernel builds the "
          + "initramfs of a *-sources kernel", "remove kernel.dracut_args");
    }
    if (!dracut.isEmpty() && pkg != null && !sources) {
      try {
        dev.osb.model.DracutArgs.toConf(dracut);
      } catch (IllegalArgumentException e) {
        r.error(dracutNode, "kernel.dracut_args: " + e.getMessage(),
            "a dist kernel's initramfs is built by installkernel from /etc/dracut.conf.d");
      }
    }
    List<String> modules = r.uniqueStrings(r.get(m, "modules"), "kernel.modules", Grammar::atom);
    Node optionsNode = r.get(m, "emerge_options");
    List<String> options = r.strings(optionsNode, "kernel.emerge_options", Grammar::emergeOption);
    if (!options.isEmpty() && pkg != null && (!sources || modules.isEmpty())) {
      r.warning(optionsNode, "kernel.emerge_options have no effect here: they are passed when "
          + "catalyst emerges kernel.modules for a *-sources kernel (boot/kernel/<name>/packages)",
          sources ? "add kernel.modules, or remove the options" : "remove them; a dist kernel's modules are ordinary packages");
    }
    if (name == null || pkg == null) {
      return null;
    }
    return new Kernel(name, pkg, key, config, dracut, modules, options);
  }

  // ================================================================ system, users, services

  private SystemSettings system(MapNode root, Libc libc) {
    MapNode m = r.map(r.get(root, "system"), "system", "system");
    if (m == null) {
      return SystemSettings.empty();
    }
    String hostname = r.string(r.get(m, "hostname"), "system.hostname", Grammar::hostname);
    String timezone = r.string(r.get(m, "timezone"), "system.timezone", Grammar::timezone);
    Node locNode = r.get(m, "locales");
    List<String> locales = r.uniqueStrings(locNode, "system.locales", Grammar::locale);
    if (libc == Libc.MUSL && !locales.isEmpty()) {
      r.error(locNode, "musl has no locale.gen, so system.locales cannot be generated",
          "remove system.locales (musl ships C.UTF-8)");
    }
    String keymap = r.string(r.get(m, "keymap"), "system.keymap", Grammar::keymap);
    return new SystemSettings(hostname, timezone, locales, keymap);
  }

  private List<User> users(MapNode root) {
    List<User> out = new ArrayList<>();
    Map<String, Node> names = new HashMap<>();
    Map<Integer, String> uids = new HashMap<>();
    for (Node item : r.items(r.get(root, "users"), "users")) {
      MapNode m = r.map(item, "users item", "users[]");
      if (m == null) {
        continue;
      }
      Node nameNode = r.require(m, "name", "users[]", "the login name");
      String name = r.string(nameNode, "user name", Grammar::userName);
      if (name == null) {
        continue;
      }
      Node first = names.putIfAbsent(name, nameNode);
      if (first != null) {
        r.error(nameNode, "duplicate user '" + name + "' (first at " + first.location().format(inputs.projectRoot()) + ")",
            "list each user once");
        continue;
      }
      String w = "users." + name;
      Node uidNode = r.get(m, "uid");
      Integer uid = r.integer(uidNode, w + ".uid", 0, 65533);
      if (uid != null) {
        if (name.equals("root") != (uid == 0)) {
          r.error(uidNode, name.equals("root") ? "root's uid is 0" : "uid 0 is root's",
              "remove the uid or change it");
        } else if (uids.containsKey(uid)) {
          r.error(uidNode, "uid " + uid + " is already used by user '" + uids.get(uid) + "'", "give each user its own uid");
        } else {
          uids.put(uid, name);
        }
      }
      List<String> groups = r.uniqueStrings(r.get(m, "groups"), w + ".groups", Grammar::groupName);
      String shell = r.string(r.get(m, "shell"), w + ".shell", Grammar::absolutePath);
      String home = r.string(r.get(m, "home"), w + ".home", Grammar::absolutePath);
      String comment = r.string(r.get(m, "comment"), w + ".comment", Binder::gecos);
      Node hashNode = r.get(m, "password_hash");
      String hash = null;
      String secret = null;
      if (hashNode != null) {
        ScalarNode hs = r.scalar(hashNode, w + ".password_hash");
        if (hs != null) {
          String reason = Grammar.cryptHash(hs.text());
          if (reason != null) {
            r.error(hashNode, "invalid " + w + ".password_hash" + (hs.isSecret() ? " (from " + hs.display() + ")" : "")
                + ": " + reason, null);
          } else {
            hash = hs.text();
            secret = hs.isSecret() ? hs.secrets().iterator().next() : null;
          }
        }
      }
      List<String> keys = r.uniqueStrings(r.get(m, "ssh_authorized_keys"), w + ".ssh_authorized_keys",
          Grammar::sshPublicKey);
      out.add(new User(name, uid, groups, shell, home, comment, hash, secret, keys, m.location()));
    }
    return out;
  }

  static String gecos(String v) {
    String s = singleLine(v);
    if (s != null) {
      return s;
    }
    for (char c : v.toCharArray()) {
      if (c == ':' || c == ',' || c == '\'' || c == '"' || c == '\\' || c == '`' || c == '$') {
        return "'" + c + "' is not allowed in an account comment";
      }
    }
    return null;
  }

  private Services services(MapNode root, Init init) {
    MapNode m = r.map(r.get(root, "services"), "services", "services");
    if (m == null) {
      return Services.empty();
    }
    List<Services.Service> enable = serviceList(r.get(m, "enable"), "services.enable", init);
    List<Services.Service> disable = serviceList(r.get(m, "disable"), "services.disable", init);
    Node maskNode = r.get(m, "mask");
    List<String> mask = r.uniqueStrings(maskNode, "services.mask", Grammar::serviceName);
    if (!mask.isEmpty() && init == Init.OPENRC) {
      r.error(maskNode, "services.mask needs systemd; OpenRC cannot mask a service",
          "use services.disable on OpenRC");
    }
    Set<String> enabled = new java.util.HashSet<>();
    enable.forEach(s -> enabled.add(s.name()));
    for (Services.Service s : disable) {
      if (enabled.contains(s.name())) {
        r.error(itemNode(r.get(m, "disable"), s.name()), "service '" + s.name() + "' is both enabled and disabled", "keep one");
      }
    }
    for (String s : mask) {
      if (enabled.contains(s)) {
        r.error(itemNode(maskNode, s), "service '" + s + "' is both enabled and masked", "keep one");
      }
    }
    return new Services(enable, disable, mask);
  }

  private List<Services.Service> serviceList(Node n, String what, Init init) {
    List<Services.Service> out = new ArrayList<>();
    Set<String> seen = new java.util.HashSet<>();
    for (Node item : r.items(n, what)) {
      String name;
      String runlevel = null;
      Node runlevelNode = null;
      if (item instanceof MapNode im) {
        MapNode sm = r.map(im, what + " item", "services.enable[]");
        name = r.string(r.require(sm, "name", what, "the service name"), what + " name", Grammar::serviceName);
        runlevelNode = r.get(sm, "runlevel");
        runlevel = r.string(runlevelNode, what + " runlevel", Grammar::runlevel);
      } else {
        name = r.string(item, what + " item", Grammar::serviceName);
      }
      if (name == null) {
        continue;
      }
      if (runlevelNode != null && init == Init.SYSTEMD) {
        r.error(runlevelNode, "runlevels are OpenRC's; a systemd unit is enabled into the target its "
            + "[Install] section names", "remove 'runlevel'");
        continue;
      }
      if (!seen.add(name + "|" + orDefault(runlevel, "default"))) {
        r.error(item, "service '" + name + "' is listed twice in " + what, "list it once");
        continue;
      }
      out.add(new Services.Service(name, init == Init.OPENRC ? orDefault(runlevel, "default") : null));
    }
    return out;
  }

  // ================================================================ files, scripts, binpkgs

  private Files files(MapNode root) {
    MapNode m = r.map(r.get(root, "files"), "files", "files");
    if (m == null) {
      return Files.none();
    }
    Node overlayNode = r.get(m, "overlay");
    Path overlay = overlayNode == null ? null : r.path(overlayNode, "files.overlay", true);
    if (overlay != null && overlayNode.location().file().toAbsolutePath().normalize().startsWith(overlay)) {
      r.error(overlayNode, "files.overlay contains the os.yaml itself: the whole project (and its .git) "
          + "would be copied into the image's /", "put the image's files in a directory of their own, e.g. rootfs/");
      overlay = null;
    }
    Map<String, String> modes = new LinkedHashMap<>();
    MapNode mm = r.map(r.get(m, "modes"), "files.modes", null);
    if (mm != null) {
      for (MapNode.Entry e : mm.entries().values()) {
        String reason = Grammar.absolutePathGlob(e.key());
        if (reason != null) {
          r.error(e.keyLocation(), "invalid path '" + Reader.visible(e.key()) + "' in files.modes: " + reason, null);
          continue;
        }
        String mode = r.string(e.value(), "files.modes." + e.key(), Grammar::fileMode);
        if (mode != null) {
          modes.put(e.key(), mode.length() == 3 ? "0" + mode : mode);
        }
      }
    }
    List<String> remove = r.uniqueStrings(r.get(m, "remove"), "files.remove",
        v -> v.equals("/") || v.equals("/*") ? "it would delete the whole image; name what to remove"
            : Grammar.absolutePathGlob(v));
    List<String> empty = r.uniqueStrings(r.get(m, "empty"), "files.empty", Grammar::absolutePath);
    return new Files(overlay, modes, remove, empty);
  }

  private Scripts scripts(MapNode root) {
    MapNode m = r.map(r.get(root, "scripts"), "scripts", "scripts");
    if (m == null) {
      return new Scripts(null);
    }
    Node f = r.get(m, "fsscript");
    return new Scripts(f == null ? null : r.path(f, "scripts.fsscript", false));
  }

  private Binpkgs binpkgs(MapNode root) {
    MapNode m = r.map(r.get(root, "binpkgs"), "binpkgs", "binpkgs");
    if (m == null) {
      return Binpkgs.none();
    }
    List<String> fetch = r.uniqueStrings(r.get(m, "fetch"), "binpkgs.fetch", Grammar::httpsUrl);
    MapNode sm = r.map(r.get(m, "ship"), "binpkgs.ship", "binpkgs.ship");
    Binpkgs.Ship ship = null;
    if (sm != null) {
      String url = r.string(r.require(sm, "url", "binpkgs.ship", "the binhost URL the image uses"),
          "binpkgs.ship.url", Grammar::httpsUrl);
      Node vs = r.get(sm, "verify_signature");
      boolean verify = orDefault(r.bool(vs, "binpkgs.ship.verify_signature"), true);
      if (url != null) {
        ship = new Binpkgs.Ship(url, verify);
      }
    }
    return new Binpkgs(fetch, ship);
  }

  // ================================================================ build

  private BuildSettings buildSettings(MapNode root) {
    BuildSettings d = BuildSettings.defaults();
    MapNode m = r.map(r.get(root, "build"), "build", "build");
    if (m == null) {
      return d;
    }
    String runner = r.choice(r.get(m, "runner"), "build.runner", List.of("podman", "docker", "native"));
    Integer jobs = r.integer(r.get(m, "jobs"), "build.jobs", 1, 1024);
    Double load = r.number(r.get(m, "load_average"), "build.load_average", 0.1, 1024);
    String compression = r.choice(r.get(m, "compression"), "build.compression", COMPRESSIONS);
    Node cacheNode = r.get(m, "cache");
    List<String> cache = cacheNode == null ? d.cache()
        : r.uniqueStrings(cacheNode, "build.cache", v -> CACHES.contains(v) ? null
            : "one of " + String.join(", ", CACHES));
    if (m.has("cache") && m.get("cache").orElseThrow().isReset()) {
      cache = List.of();
    }
    Boolean ccache = r.bool(r.get(m, "ccache"), "build.ccache");
    List<String> hosts = List.of();
    MapNode dm = r.map(r.get(m, "distcc"), "build.distcc", "build.distcc");
    if (dm != null) {
      hosts = r.uniqueStrings(r.require(dm, "hosts", "build.distcc", "list the distcc hosts, e.g. [10.0.0.2/8]"),
          "build.distcc.hosts", v -> DISTCC_HOST.matcher(v).matches() ? null
              : "a distcc host is host[:port][/limit][,options] without spaces or shell characters");
    }
    return new BuildSettings(
        runner == null ? d.runner() : BuildSettings.Runner.valueOf(runner.toUpperCase(Locale.ROOT)),
        jobs == null ? d.jobs() : jobs, load,
        compression == null ? d.compression() : compression, cache,
        ccache == null ? d.ccache() : ccache, hosts);
  }

  // ================================================================ variants and builds

  private Map<String, OsConfig> variants(MapNode root, OsConfig base) {
    Map<String, OsConfig> out = new LinkedHashMap<>();
    MapNode vm = r.map(r.get(root, "variants"), "variants", null);
    if (vm == null) {
      return out;
    }
    MapNode shared = root.without("variants").without("builds");
    for (MapNode.Entry e : vm.entries().values()) {
      String reason = Grammar.variantName(e.key());
      if (reason != null) {
        r.error(e.keyLocation(), "invalid variant name '" + Reader.visible(e.key()) + "': " + reason, null);
        continue;
      }
      String taken = taken(e.key(), osName(root));
      if (taken != null) {
        r.error(e.keyLocation(), "variant name '" + e.key() + "' is already taken by " + taken,
            "choose another name");
        continue;
      }
      Node value = e.value();
      if (value.isReset()) {
        continue;
      }
      MapNode fragment = r.map(value, "variants." + e.key(), null);
      if (fragment == null) {
        continue;
      }
      boolean bad = false;
      for (MapNode.Entry k : fragment.entries().values()) {
        if (k.key().equals("name")) {
          r.error(k.keyLocation(), "a variant is named by its key ('" + e.key() + "'), not by 'name'",
              "remove 'name' from the variant");
          bad = true;
        } else if (Keys.NOT_IN_VARIANT.contains(k.key())) {
          r.error(k.keyLocation(), "'" + k.key() + "' cannot be set in a variant: it belongs to the whole build chain",
              "set it at the top level, or use 'builds:' for a separate chain");
          bad = true;
        }
      }
      if (bad) {
        continue;
      }
      r.checkKeys(fragment, "", "variants." + e.key());
      MapNode effective = (MapNode) Merge.merge(shared, fragment);
      OsConfig v = config(effective, e.key(), base);
      if (v != null) {
        out.put(e.key(), v);
      }
    }
    return out;
  }

  /** The OS name as written (for name clashes when the configuration did not bind). */
  private static String osName(MapNode root) {
    return root.get("name").filter(ScalarNode.class::isInstance).map(n -> ((ScalarNode) n).text())
        .orElse("default");
  }

  /**
   * What already uses a variant or build name: a stage, the seed, the OS itself, or an output
   * file of the rendered tree (containers/portage.Containerfile, containers/catalyst.Containerfile).
   */
  static String taken(String name, String osName) {
    if (Stage.of(name).isPresent()) {
      return "a stage";
    }
    if (name.equals("seed")) {
      return "the seed";
    }
    if (name.equals(osName) || name.equals("default")) {
      return "the OS itself";
    }
    if (name.equals("portage") || name.equals("catalyst")) {
      return "OSB's " + name + " image";
    }
    return null;
  }

  private Map<String, BuildSpec> builds(MapNode root, OsConfig base, Map<String, OsConfig> variants) {
    Map<String, BuildSpec> out = new LinkedHashMap<>();
    MapNode bm = r.map(r.get(root, "builds"), "builds", null);
    if (bm == null) {
      return out;
    }
    Map<String, Node> fromNodes = new LinkedHashMap<>();
    for (MapNode.Entry e : bm.entries().values()) {
      String name = e.key();
      String reason = Grammar.buildName(name);
      if (reason != null) {
        r.error(e.keyLocation(), "invalid build name '" + Reader.visible(name) + "': " + reason, null);
        continue;
      }
      String taken = variants.containsKey(name) ? "a variant" : taken(name, osName(root));
      if (taken != null) {
        r.error(e.keyLocation(), "build name '" + name + "' is already taken by " + taken,
            "choose another name");
        continue;
      }
      MapNode m = r.map(e.value(), "builds." + name, "builds.*");
      if (m == null) {
        continue;
      }
      String w = "builds." + name;
      Node targetNode = r.require(m, "target", w, "the catalyst target, e.g. stage3 or livecd-stage2");
      List<String> targets = KeyTables.targets().stream().filter(t -> !t.equals("snapshot")).sorted().toList();
      String target = r.choice(targetNode, w + ".target", targets);
      Node fromNode = r.require(m, "from", w, "the build this one starts from: stage1, stage3, stage4, a variant or a build");
      String from = r.string(fromNode, w + ".from", Grammar::buildName);
      Node archNode = r.get(m, "arch");
      String arch = archNode == null ? null : subarch(archNode, w + ".arch");
      Node profileNode = r.get(m, "profile");
      String profile = r.string(profileNode, w + ".profile", Grammar::profile);
      if (profile != null && (arch != null || base != null)) {
        checkProfileArch(profileNode, profile, arch != null ? arch : base.arch());
      } else if (arch != null && base != null) {
        checkProfileArch(archNode, base.profile(), arch);
      }
      Node pn = r.get(m, "portage");
      Portage portage = pn == null ? null : portage(pn, w + ".portage");
      Node prefixNode = r.get(m, "portage_prefix");
      String portagePrefix = r.string(prefixNode, w + ".portage_prefix", v -> PORTAGE_PREFIX.matcher(v).matches()
          && !v.equalsIgnoreCase("none") ? null
          : "a directory name: letters, digits, '_', '.', '+' and '-', at most 64 (and not 'none')");
      if (portagePrefix != null && pn == null && !"stage1".equals(target)) {
        r.error(prefixNode, w + ".portage_prefix names a directory of the build's portage tree, but it has none",
            "give the build a portage tree (" + w + ".portage), or remove portage_prefix");
      }
      String compression = r.choice(r.get(m, "compression"), w + ".compression", COMPRESSIONS);
      String relType = r.string(r.get(m, "rel_type"), w + ".rel_type", v -> REL_TYPE.matcher(v).matches()
          && !v.equalsIgnoreCase("none") ? null : "letters, digits, '.', '_', '+' and '-' only (and not 'none')");
      String versionStamp = r.string(r.get(m, "version_stamp"), w + ".version_stamp", v -> REL_TYPE.matcher(v).matches()
          && !v.equalsIgnoreCase("none") ? null : "letters, digits, '.', '_', '+' and '-' only (and not 'none')");
      Map<String, List<Path>> paths = new LinkedHashMap<>();
      Map<String, List<String>> raw = target == null ? Map.of() : rawCatalyst(r.get(m, "catalyst"), w, target, paths);
      if (target == null || from == null) {
        continue;
      }
      fromNodes.put(name, fromNode);
      out.put(name, new BuildSpec(name, target, from, arch, profile, portage, portagePrefix, relType,
          versionStamp, compression, raw, paths, m.location()));
    }
    // every 'from' names something, and the graph has no cycle
    for (BuildSpec b : base == null ? List.<BuildSpec>of() : out.values()) {
      Node at = fromNodes.get(b.name());
      boolean isStage = Stage.of(b.from()).map(base.stages()::contains).orElse(false);
      if (Stage.of(b.from()).isPresent() && !isStage) {
        r.error(at, "builds." + b.name() + ".from: stage '" + b.from() + "' is not built",
            "add it to 'stages', or start from a stage that is");
      } else if (!isStage && !variants.containsKey(b.from()) && !out.containsKey(b.from())
          && !b.from().equals("seed")) {
        List<String> known = new ArrayList<>();
        base.stages().forEach(s -> known.add(s.id()));
        known.add("seed");
        known.addAll(variants.keySet());
        known.addAll(out.keySet());
        r.error(at, "builds." + b.name() + ".from names no build: '" + b.from() + "'",
            Grammar.didYouMean(b.from(), known).map(x -> "did you mean '" + x + "'?")
                .orElse("known: " + String.join(", ", known)));
      }
    }
    for (BuildSpec b : out.values()) {
      List<String> chain = new ArrayList<>();
      String cur = b.name();
      while (cur != null && out.containsKey(cur) && !chain.contains(cur)) {
        chain.add(cur);
        cur = out.get(cur).from();
      }
      if (cur != null && cur.equals(b.name())) {
        chain.add(cur);
        r.error(fromNodes.get(b.name()), "build graph cycle: " + String.join(" <- ", chain),
            "one build in the chain must start from a stage, a variant or the seed");
      }
    }
    return out;
  }

  private Map<String, List<String>> rawCatalyst(Node n, String w, String target, Map<String, List<Path>> paths) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    MapNode m = r.map(n, w + ".catalyst", null);
    if (m == null) {
      return out;
    }
    List<String> kernelNames = new ArrayList<>();
    Node bk = r.get(m, "boot/kernel");
    if (bk != null) {
      kernelNames.addAll(specItems(bk, w + ".catalyst.boot/kernel"));
    }
    var table = KeyTables.of(target).orElseThrow();
    for (MapNode.Entry e : m.entries().values()) {
      String key = e.key();
      if (OWNED_SPEC_KEYS.containsKey(key)) {
        r.error(e.keyLocation(), "OSB sets the catalyst key '" + key + "' itself",
            "use " + OWNED_SPEC_KEYS.get(key).replace("<name>", w.substring("builds.".length())));
        continue;
      }
      if (!table.isValid(key, kernelNames)) {
        List<String> valid = new ArrayList<>(table.valid());
        r.error(e.keyLocation(), "catalyst key '" + Reader.visible(key) + "' is not valid for target " + target
            + " (catalyst aborts on it)",
            Grammar.didYouMean(key, valid).map(x -> "did you mean '" + x + "'?")
                .orElse("see the key table in the README"));
        continue;
      }
      int before = problems.size();
      List<String> items = specItems(e.value(), w + ".catalyst." + key);
      if (items.isEmpty() && problems.size() == before) {
        r.error(e.keyLocation(), w + ".catalyst." + key + " is empty; catalyst would drop the key",
            "give it a value or remove it");
        continue;
      }
      if (items.isEmpty()) {
        continue;
      }
      if (items.size() == 1 && items.get(0).equalsIgnoreCase("none")) {
        r.error(e.value(), "the value 'none' reads as None to catalyst", "remove the key instead");
        continue;
      }
      if (KeyTables.isHostPath(key)) {
        List<Path> resolved = hostPaths(e.value(), w + ".catalyst." + key, items);
        if (resolved == null) {
          continue;
        }
        paths.put(key, resolved);
      }
      out.put(key, items);
    }
    return out;
  }

  /**
   * The items of a raw key that catalyst reads as paths on its machine: each a file or directory
   * of the project, written relative to the os.yaml (rendered below {@code /osb/project}), or a
   * file catalyst ships below {@code /usr/share/catalyst/} (kept as written, null in the list;
   * OSB cannot check it). Null, with problems, when one is refused.
   */
  private List<Path> hostPaths(Node at, String what, List<String> items) {
    List<Path> out = new ArrayList<>();
    boolean ok = true;
    for (String item : items) {
      if (item.startsWith(CATALYST_SHAREDIR) && !item.contains("/../") && !item.endsWith("/..")) {
        out.add(null);
        continue;
      }
      if (item.startsWith("/")) {
        r.error(at, what + ": '" + item + "' is a path on the build machine",
            "copy it into the project and write it relative to the os.yaml (the runner mounts the project at "
                + "/osb/project); only catalyst's own files below " + CATALYST_SHAREDIR + " may be absolute");
        ok = false;
        continue;
      }
      String reason = Grammar.relativePath(item);
      if (reason != null) {
        r.error(at, "invalid " + what + " '" + Reader.visible(item) + "': " + reason, null);
        ok = false;
        continue;
      }
      var resolved = dev.osb.load.ProjectPaths.resolve(at.location().file().getParent(), item, inputs.projectRoot(), true);
      if (!resolved.ok()) {
        r.error(at, what + ": " + resolved.error(), resolved.hint());
        ok = false;
        continue;
      }
      out.add(resolved.path());
    }
    return ok ? out : null;
  }

  /** A spec value: a string split on spaces, or a list of single tokens. */
  private List<String> specItems(Node n, String what) {
    List<String> out = new ArrayList<>();
    List<Node> items = n instanceof ScalarNode ? List.of(n) : r.items(n, what);
    for (Node item : items) {
      String v = r.string(item, what, Binder::specValue);
      if (v == null) {
        continue;
      }
      boolean single = n instanceof ScalarNode;
      for (String t : v.trim().split("[ ]+")) {
        if (!single && !t.equals(v.trim())) {
          r.error(item, "a list item of " + what + " contains a space", "write one token per item");
          break;
        }
        out.add(t);
      }
    }
    return out;
  }

  /** What catalyst's spec parser reads back unchanged: no '#', no quotes, no control chars. */
  static String specValue(String v) {
    if (v.isBlank()) {
      return "is empty";
    }
    for (char c : v.toCharArray()) {
      if (c == '#') {
        return "'#' starts a comment in a catalyst spec; the rest of the line would be lost";
      }
      if (c == '"') {
        return "catalyst strips double quotes; there is no quoting in a spec";
      }
      if (c == '\t' || c < 0x20 || c == 0x7f) {
        return "control characters (such as a newline or tab) are not allowed";
      }
    }
    return null;
  }
}
