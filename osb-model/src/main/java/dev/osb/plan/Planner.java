package dev.osb.plan;

import dev.osb.catalyst.KeyTables;
import dev.osb.catalyst.SpecWriter.Entry;
import dev.osb.catalyst.Subarches;
import dev.osb.model.BuildSpec;
import dev.osb.model.DracutArgs;
import dev.osb.model.Init;
import dev.osb.model.Kernel;
import dev.osb.model.Libc;
import dev.osb.model.OsConfig;
import dev.osb.model.PackageSpec;
import dev.osb.model.Portage;
import dev.osb.model.Repo;
import dev.osb.model.Seed;
import dev.osb.model.Services;
import dev.osb.model.Stage;
import dev.osb.model.User;
import dev.osb.validate.Problem;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Turns a validated {@link OsConfig} into a {@link Plan}: the build graph (seed -> [stage1 ->
 * stage3 ->] stage4 -> each variant, plus {@code builds:}), and for every build each catalyst
 * key, its portage tree and its fsscript. All decisions about what catalyst gets live here;
 * templates only print the result.
 */
public final class Planner {

  /** Stage4 world updates start with these so world matches the build's USE. */
  static final List<String> UPDATE = List.of("--update", "--deep", "--newuse");

  /** What the catalyst image emerges: catalyst 4 and the tools its targets call. */
  static final List<String> CATALYST_PACKAGES = List.of("dev-util/catalyst", "sys-fs/squashfs-tools-ng",
      "app-arch/pixz", "app-arch/lbzip2", "dev-vcs/git", "app-crypt/gnupg", "sys-apps/util-linux",
      "net-misc/rsync");

  static final String CONF = "catalyst.conf";
  static final String CONF_STICKY = "catalyst-sticky.conf";

  private final OsConfig os;
  private final PlanInputs in;
  private final List<Problem> problems = new ArrayList<>();

  private Planner(OsConfig os, PlanInputs in) {
    this.os = os;
    this.in = in;
  }

  /** The plan, or the problems that prevent one (a raw catalyst key set that catalyst rejects). */
  public record Result(Plan plan, List<Problem> problems) {
    public Result {
      problems = List.copyOf(problems);
    }
  }

  public static Result plan(OsConfig os, PlanInputs in) {
    Planner p = new Planner(os, in);
    Plan plan = p.build();
    return new Result(p.problems.isEmpty() ? plan : null, p.problems);
  }

  private Plan build() {
    String relType = in.groupId() + "." + in.artifactId();
    String seedSubpath = Layout.SEEDS + "/" + seedFileName();
    List<Build> builds = new ArrayList<>();
    Map<String, Build> byId = new LinkedHashMap<>();
    String parent = "seed";
    String source = seedSubpath;
    for (Stage stage : os.stages()) {
      Build b = switch (stage) {
        case STAGE1 -> stage1(relType, source);
        case STAGE3 -> stage3(relType, source);
        case STAGE4 -> stage4(os, null, relType, source, parent);
      };
      builds.add(b);
      byId.put(b.id(), b);
      parent = b.id();
      source = b.subpath();
    }
    Build main = byId.get("stage4");
    for (OsConfig v : os.variants().values()) {
      Build b = stage4(v, os, relType, main.subpath(), "stage4");
      builds.add(b);
      byId.put(b.id(), b);
    }
    // builds: in dependency order (the validator refused cycles and unknown parents)
    List<BuildSpec> pending = new ArrayList<>(os.builds().values());
    while (!pending.isEmpty()) {
      boolean progressed = false;
      for (var it = pending.iterator(); it.hasNext(); ) {
        BuildSpec spec = it.next();
        String from = spec.from();
        if (!from.equals("seed") && !byId.containsKey(from)) {
          continue;
        }
        String src = from.equals("seed") ? seedSubpath : byId.get(from).subpath();
        Build b = extra(spec, relType, src);
        builds.add(b);
        byId.put(b.id(), b);
        it.remove();
        progressed = true;
      }
      if (!progressed) {
        throw new IllegalStateException("builds graph not resolvable: " + pending);
      }
    }
    for (Build b : builds) {
      check(b);
    }
    return new Plan(os.name(), relType, os.arch(), os.snapshot().treeish(), os.snapshot().repo(),
        seedSubpath, os.seed().url(), os.seed().sha512(), builds, confs(), envscript(), labels(),
        "osb-portage:" + os.snapshot().treeish(), CATALYST_PACKAGES,
        "~" + Subarches.archOf(os.arch()).orElse(os.arch()));
  }

  /** The seed's file name in the store's seed directory ({@link Seed#fileName()}). */
  private String seedFileName() {
    return os.seed().fileName();
  }

  // ---------------------------------------------------------------- common keys

  private String versionStamp(String id) {
    String suffix = in.stamps().get(id);
    return id + "-" + in.version() + (suffix == null ? "" : "-" + suffix);
  }

  private List<Entry> common(String target, String id, String relType, String profile, String source) {
    List<Entry> e = new ArrayList<>();
    e.add(Entry.of("subarch", os.arch()));
    e.add(Entry.of("target", target));
    e.add(Entry.of("version_stamp", versionStamp(id)));
    e.add(Entry.of("rel_type", relType));
    e.add(Entry.of("profile", profile));
    e.add(Entry.of("snapshot_treeish", os.snapshot().treeish()));
    e.add(Entry.of("source_subpath", source));
    e.add(Entry.of("compression_mode", os.build().compression()));
    return e;
  }

  private void confdir(List<Entry> e, String id) {
    confdir(e, id, Layout.PREFIX);
  }

  private void confdir(List<Entry> e, String id, String prefix) {
    e.add(Entry.of("portage_confdir", Layout.input("portage/" + id)));
    e.add(Entry.of("portage_prefix", prefix));
  }

  private void pkgcache(List<Entry> e, String target, String profile) {
    pkgcache(e, target, profile, "");
  }

  /**
   * pkgcache_path, keyed by what makes binary packages differ: profile, chost, flags, catalyst
   * options, stage1 (built USE="-* build"), and for a build whatever it sets itself ({@code
   * extra}: its subarch, chost and flags; empty for the main chain).
   */
  private void pkgcache(List<Entry> e, String target, String profile, String extra) {
    if (os.build().cache().contains("pkgcache")) {
      String key = String.join("\n", profile, Objects.toString(os.make().chost(), ""),
          Objects.toString(os.make().commonFlags(), ""), String.join(",", options(false)),
          target.equals("stage1") ? "stage1" : "");
      if (!extra.isEmpty()) {
        key += "\n" + extra;
      }
      e.add(Entry.of("pkgcache_path", Layout.STORE + "/packages/osb-" + sha256(key).substring(0, 12)));
    }
  }

  /** Repos are for stage4 only, unless the profile lives in an overlay. */
  private void repos(List<Entry> e, List<Repo> repos, boolean stage4) {
    repos(e, repos, stage4, os.profile());
  }

  private void repos(List<Entry> e, List<Repo> repos, boolean stage4, String profile) {
    if (repos.isEmpty() || (!stage4 && !profile.contains(":"))) {
      return;
    }
    List<String> paths = new ArrayList<>();
    for (Repo r : repos) {
      paths.add(r.isGit() ? Layout.input("repos/" + r.name()) : projectPath(r.path()));
    }
    e.add(new Entry("repos", paths));
    List<String> keep = repos.stream().filter(Repo::keep).map(Repo::name).toList();
    if (!keep.isEmpty()) {
      e.add(new Entry("keep_repos", keep));
    }
  }

  private String projectPath(Path p) {
    Path rel = in.projectRoot().toAbsolutePath().normalize().relativize(p.toAbsolutePath().normalize());
    return rel.toString().isEmpty() ? Layout.PROJECT : Layout.project(rel.toString().replace('\\', '/'));
  }

  // ---------------------------------------------------------------- stages

  private Build stage1(String relType, String source) {
    List<Entry> e = common("stage1", "stage1", relType, os.profile(), source);
    e.add(Entry.of("update_seed", "yes"));
    e.add(new Entry("update_seed_command", List.of("--update", "--deep", "--newuse", "@world")));
    if (os.make().chost() != null) {
      e.add(Entry.of("chost", os.make().chost()));
    }
    if (os.make().commonFlags() != null) {
      e.add(new Entry("common_flags", List.of(os.make().commonFlags().trim().split(" +"))));
    }
    confdir(e, "stage1");
    pkgcache(e, "stage1", os.profile());
    repos(e, os.repos(), false);
    return new Build("stage1", Build.Kind.STAGE, "stage1", "seed", relType,
        "stage1-" + os.arch() + "-" + versionStamp("stage1"), e,
        PortageTrees.tree(os, os.portage(), true), null, CONF, false);
  }

  private Build stage3(String relType, String source) {
    List<Entry> e = common("stage3", "stage3", relType, os.profile(), source);
    confdir(e, "stage3");
    pkgcache(e, "stage3", os.profile());
    repos(e, os.repos(), false);
    String parent = os.stages().contains(Stage.STAGE1) ? "stage1" : "seed";
    return new Build("stage3", Build.Kind.STAGE, "stage3", parent, relType,
        "stage3-" + os.arch() + "-" + versionStamp("stage3"), e,
        PortageTrees.tree(os, os.portage(), false), null, CONF, false);
  }

  /** The main stage4 ({@code parentOs} null) or a variant's stage4 on top of it. */
  private Build stage4(OsConfig c, OsConfig parentOs, String relType, String source, String parentId) {
    boolean variant = parentOs != null;
    String id = variant ? c.name() : "stage4";
    List<Entry> e = common("stage4", id, relType, c.profile(), source);
    confdir(e, id);
    pkgcache(e, "stage4", c.profile());
    repos(e, c.repos(), true);
    Kernel k = c.kernel();
    boolean kernelChanged = !variant || !Objects.equals(k, parentOs.kernel());

    if (!c.use().isEmpty()) {
      e.add(new Entry("stage4/use", c.use()));
    }
    // the world set: packages (delta for a variant), then the kernel and its modules
    List<String> atoms = new ArrayList<>();
    Set<String> parentAtoms = new LinkedHashSet<>();
    if (variant) {
      parentOs.packages().forEach(p -> parentAtoms.add(p.atom()));
    }
    for (PackageSpec p : c.packages()) {
      if (!parentAtoms.contains(p.atom())) {
        atoms.add(p.atom());
      }
    }
    if (k != null && k.isDist() && kernelChanged) {
      boolean samePackage = variant && parentOs.kernel() != null
          && parentOs.kernel().packageAtom().equals(k.packageAtom());
      if (!samePackage) {
        addOnce(atoms, "sys-kernel/installkernel");
        addOnce(atoms, k.packageAtom());
      }
      List<String> parentModules = variant && parentOs.kernel() != null ? parentOs.kernel().modules() : List.of();
      k.modules().stream().filter(m -> !parentModules.contains(m)).forEach(m -> addOnce(atoms, m));
    }
    List<String> packages = new ArrayList<>(UPDATE);
    if (atoms.isEmpty()) {
      packages.add("@world");
    } else {
      packages.addAll(atoms);
    }
    e.add(new Entry("stage4/packages", packages));

    // *-sources kernels go through boot/kernel and genkernel
    if (k != null && !k.isDist() && kernelChanged) {
      e.add(Entry.of("boot/kernel", k.name()));
      e.add(Entry.of("boot/kernel/" + k.name() + "/sources", k.packageAtom()));
      if (k.config() != null) {
        e.add(Entry.of("boot/kernel/" + k.name() + "/config", projectPath(k.config())));
      }
      List<String> kp = new ArrayList<>(k.emergeOptions());
      kp.addAll(k.modules());
      if (!k.modules().isEmpty()) {
        e.add(new Entry("boot/kernel/" + k.name() + "/packages", kp));
      }
      if (os.build().cache().contains("kerncache")) {
        e.add(Entry.of("kerncache_path", Layout.STORE + "/kerncache/osb-" + sha256(relType + "\n" + id).substring(0, 12)));
      }
    }

    if (c.init() == Init.OPENRC) {
      List<String> rcadd = services(c.services().enable(), variant ? parentOs.services().enable() : List.of());
      List<String> rcdel = services(c.services().disable(), variant ? parentOs.services().disable() : List.of());
      if (!rcadd.isEmpty()) {
        e.add(new Entry("stage4/rcadd", rcadd));
      }
      if (!rcdel.isEmpty()) {
        e.add(new Entry("stage4/rcdel", rcdel));
      }
    }
    boolean secrets = c.users().stream().anyMatch(u -> u.passwordSecret() != null);
    if (c.files().overlay() != null || secrets) {
      e.add(Entry.of("stage4/root_overlay", Layout.input("overlay/" + id)));
    }
    e.add(Entry.of("stage4/fsscript", Layout.out("fsscript/" + id + ".sh")));
    List<String> rm = new ArrayList<>(c.files().remove());
    boolean shipsResolv = c.files().overlay() != null
        && Files.exists(c.files().overlay().resolve("etc/resolv.conf"), java.nio.file.LinkOption.NOFOLLOW_LINKS);
    if (!shipsResolv) {
      addOnce(rm, "/etc/resolv.conf");
    }
    e.add(new Entry("stage4/rm", rm));
    if (!c.files().empty().isEmpty()) {
      e.add(new Entry("stage4/empty", c.files().empty()));
    }
    List<String> unmerge = new ArrayList<>(c.unmerge());
    if (variant) {
      unmerge.removeAll(parentOs.unmerge());
    }
    if (!unmerge.isEmpty()) {
      e.add(new Entry("stage4/unmerge", unmerge));
    }
    Fsscript fs = fsscript(c, parentOs, id, kernelChanged);
    return new Build(id, variant ? Build.Kind.VARIANT : Build.Kind.STAGE, "stage4", parentId, relType,
        "stage4-" + os.arch() + "-" + versionStamp(id), e, PortageTrees.tree(c, c.portage(), false), fs,
        CONF_STICKY, true);
  }

  private static void addOnce(List<String> list, String v) {
    if (!list.contains(v)) {
      list.add(v);
    }
  }

  private static List<String> services(List<Services.Service> now, List<Services.Service> before) {
    return now.stream().filter(s -> !before.contains(s)).map(s -> s.name() + "|" + s.runlevel()).toList();
  }

  // ---------------------------------------------------------------- builds:

  /** Targets that build from the ebuild repositories only through their profile. */
  private static final Set<String> EARLY_TARGETS = Set.of("stage1", "stage2", "stage3");

  /** A raw key that names the compiler settings a stage1 builds with. */
  private static final List<String> FLAG_KEYS = List.of("chost", "cbuild", "common_flags", "cflags",
      "cxxflags", "fcflags", "fflags", "ldflags", "asflags");

  private Build extra(BuildSpec spec, String defaultRelType, String source) {
    String relType = spec.relType() != null ? spec.relType() : defaultRelType;
    String profile = spec.profile() != null ? spec.profile() : os.profile();
    String stamp = spec.versionStamp() != null ? spec.versionStamp() : versionStamp(spec.name());
    String arch = spec.arch() != null ? spec.arch() : os.arch();
    String prefix = spec.portagePrefix() != null ? spec.portagePrefix() : Layout.PREFIX;
    List<Entry> e = new ArrayList<>();
    e.add(Entry.of("subarch", arch));
    e.add(Entry.of("target", spec.target()));
    e.add(Entry.of("version_stamp", stamp));
    e.add(Entry.of("rel_type", relType));
    e.add(Entry.of("profile", profile));
    e.add(Entry.of("snapshot_treeish", os.snapshot().treeish()));
    e.add(Entry.of("source_subpath", source));
    e.add(Entry.of("compression_mode", spec.compression() != null ? spec.compression() : os.build().compression()));
    boolean stage1 = spec.target().equals("stage1");
    List<PortageFile> tree = List.of();
    if (spec.portage() != null || stage1) {
      Portage p = spec.portage() != null ? spec.portage() : Portage.empty();
      tree = PortageTrees.tree(withoutPackages(os), p, stage1, prefix);
      confdir(e, spec.name(), prefix);
    }
    StringBuilder own = new StringBuilder();
    if (!arch.equals(os.arch())) {
      own.append("subarch=").append(arch).append('\n');
    }
    for (String k : FLAG_KEYS) {
      if (spec.catalyst().containsKey(k)) {
        own.append(k).append('=').append(String.join(" ", spec.catalyst().get(k))).append('\n');
      }
    }
    pkgcache(e, spec.target(), profile, own.toString());
    repos(e, os.repos(), !EARLY_TARGETS.contains(spec.target()), profile);
    spec.catalyst().forEach((k, v) -> {
      List<Path> paths = spec.paths().get(k);
      if (paths == null) {
        e.add(new Entry(k, v));
        return;
      }
      // host paths: project files below the project mount, catalyst's own files as written
      List<String> items = new ArrayList<>();
      for (int i = 0; i < v.size(); i++) {
        items.add(paths.get(i) == null ? v.get(i) : projectPath(paths.get(i)));
      }
      e.add(new Entry(k, items));
    });
    return new Build(spec.name(), Build.Kind.BUILD, spec.target(), spec.from(), relType,
        spec.target() + "-" + arch + "-" + stamp, e, tree, null, CONF, false);
  }

  /** A build's own portage tree takes only its own settings, plus the OS's make vars and license. */
  private static OsConfig withoutPackages(OsConfig c) {
    return new OsConfig(c.osb(), c.name(), c.description(), c.arch(), c.profile(), c.init(), c.libc(),
        c.stages(), c.snapshot(), c.seed(), c.make(), c.use(), List.of(), c.unmerge(), c.portage(),
        c.repos(), null, c.system(), c.users(), c.services(), c.files(), c.scripts(), c.binpkgs(),
        Map.of(), Map.of(), c.build());
  }

  /** Required keys present, none unknown: what catalyst checks before it starts. */
  private void check(Build b) {
    var table = KeyTables.of(b.target()).orElseThrow();
    List<String> kernels = new ArrayList<>();
    String bk = b.value("boot/kernel");
    if (bk != null) {
      kernels.addAll(List.of(bk.split(" ")));
    }
    Set<String> present = new TreeSet<>();
    for (Entry e : b.spec()) {
      present.add(e.key());
      if (!table.isValid(e.key(), kernels)) {
        problems.add(Problem.error(location(b), "build '" + b.id() + "': catalyst key '" + e.key()
            + "' is not valid for target " + b.target(), null));
      }
    }
    for (String req : table.required()) {
      if (!present.contains(req)) {
        problems.add(Problem.error(location(b), "build '" + b.id() + "' (target " + b.target()
            + ") lacks the catalyst key '" + req + "', which catalyst requires",
            "set it under builds." + b.id() + ".catalyst"));
      }
    }
  }

  private dev.osb.load.Location location(Build b) {
    BuildSpec s = os.builds().get(b.id());
    return s != null ? s.location() : dev.osb.load.Location.of(in.projectRoot().resolve("os.yaml"));
  }

  // ---------------------------------------------------------------- fsscript

  private Fsscript fsscript(OsConfig c, OsConfig parent, String id, boolean kernelChanged) {
    boolean variant = parent != null;
    List<User> users = new ArrayList<>(c.users());
    if (variant) {
      users.removeAll(parent.users());
    }
    Set<String> groups = new TreeSet<>();
    users.forEach(u -> groups.addAll(u.groups()));
    List<Fsscript.Account> accounts = users.stream().map(u -> new Fsscript.Account(u.name(),
        u.uid() == null ? null : u.uid().toString(), u.groups(), u.shell(), u.home(), u.comment(),
        u.passwordSecret() == null ? u.passwordHash() : null, u.passwordSecret(), u.sshAuthorizedKeys()))
        .toList();
    List<String> enable = List.of();
    List<String> disable = List.of();
    List<String> mask = List.of();
    if (c.init() == Init.SYSTEMD) {
      Services before = variant ? parent.services() : Services.empty();
      enable = c.services().enable().stream().filter(s -> !before.enable().contains(s)).map(Services.Service::name).toList();
      disable = c.services().disable().stream().filter(s -> !before.disable().contains(s)).map(Services.Service::name).toList();
      mask = c.services().mask().stream().filter(s -> !before.mask().contains(s)).toList();
    }
    Kernel k = c.kernel();
    Fsscript.DistKernel dist = null;
    List<String> worldAdd = new ArrayList<>();
    if (k != null && kernelChanged) {
      if (k.isDist()) {
        dist = new Fsscript.DistKernel(k.packageAtom(), DracutArgs.toConf(k.dracutArgs()));
      } else {
        worldAdd.add(k.packageAtom());
      }
    }
    List<Fsscript.RepoStanza> repos = new ArrayList<>();
    for (Repo r : c.repos()) {
      if (r.keep()) {
        repos.add(new Fsscript.RepoStanza(r.name(), "/var/db/repos/" + r.name(),
            r.isGit() ? "git" : null, r.isGit() ? r.uri() : null));
      }
    }
    // overlay paths are chowned to root, except inside an account's home: the accounts step
    // hands those to the account
    List<String> homes = c.users().stream().filter(u -> !u.name().equals("root"))
        .map(u -> u.home() != null ? u.home() : "/home/" + u.name()).toList();
    List<String> owners = new ArrayList<>();
    if (c.files().overlay() != null) {
      for (Path f : overlayEntries(c.files().overlay())) {
        String path = "/" + c.files().overlay().relativize(f).toString().replace('\\', '/');
        if (homes.stream().noneMatch(h -> path.equals(h) || path.startsWith(h + "/"))) {
          owners.add(path);
        }
      }
    }
    List<Fsscript.ModeRule> modes = new ArrayList<>();
    c.files().modes().forEach((glob, mode) -> modes.add(new Fsscript.ModeRule(glob, mode)));
    List<String> prefixDirs = PortageTrees.CLEANED.stream()
        .map(d -> "/etc/portage/" + d + "/" + Layout.PREFIX).toList();
    String script = null;
    String delimiter = null;
    if (c.scripts().fsscript() != null && (!variant || !Objects.equals(c.scripts(), parent.scripts()))) {
      try {
        script = Files.readString(c.scripts().fsscript(), StandardCharsets.UTF_8);
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException("cannot read " + c.scripts().fsscript(), e);
      }
      delimiter = "OSB_USER_FSSCRIPT_" + sha256(script).substring(0, 12);
    }
    return new Fsscript(id, c.init().id(), c.libc().id(), variant, !in.proxies().isEmpty(),
        List.copyOf(groups), accounts, "/var/tmp/osb-secrets", c.system().hostname(), c.system().timezone(),
        c.libc() == Libc.GLIBC ? c.system().locales() : List.of(), c.system().keymap(), enable, disable, mask,
        dist, worldAdd, repos, owners, modes, makeConf(c), prefixDirs, script, delimiter);
  }

  /** Every file, directory and link of the overlay, sorted, parents before children. */
  private static List<Path> overlayEntries(Path overlay) {
    try (var s = Files.walk(overlay)) {
      return s.filter(p -> !p.equals(overlay)).sorted().toList();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("cannot read " + overlay, e);
    }
  }

  /** The shipped make.conf, in full. */
  private List<String> makeConf(OsConfig c) {
    List<String> l = new ArrayList<>();
    l.add(PortageTrees.HEADER);
    String flags = c.make().commonFlags() != null ? c.make().commonFlags()
        : Subarches.get(c.arch()).map(Subarches.Subarch::commonFlags).orElse("-O2 -pipe");
    l.add("COMMON_FLAGS=\"" + flags + "\"");
    for (String v : List.of("CFLAGS", "CXXFLAGS", "FCFLAGS", "FFLAGS")) {
      l.add(v + "=\"${COMMON_FLAGS}\"");
    }
    if (c.make().chost() != null) {
      l.add("CHOST=\"" + c.make().chost() + "\"");
    }
    if (c.make().makeopts() != null) {
      l.add("MAKEOPTS=\"" + c.make().makeopts() + "\"");
    }
    if (!c.make().features().isEmpty()) {
      l.add("FEATURES=\"" + String.join(" ", c.make().features()) + "\"");
    }
    if (c.make().acceptLicense() != null) {
      l.add("ACCEPT_LICENSE=\"" + c.make().acceptLicense() + "\"");
    }
    if (!c.use().isEmpty()) {
      l.add("USE=\"" + String.join(" ", c.use()) + "\"");
    }
    c.make().vars().forEach((k, v) -> l.add(k + "=\"" + v + "\""));
    l.add("LC_MESSAGES=C.UTF-8");
    return l;
  }

  // ---------------------------------------------------------------- catalyst.conf, envscript, labels

  /** catalyst options: never autoresume (OSB fingerprints builds itself). */
  private List<String> options(boolean sticky) {
    Set<String> o = new TreeSet<>();
    for (String cache : os.build().cache()) {
      o.add(cache);
    }
    if (os.build().ccache()) {
      o.add("ccache");
    }
    if (!os.build().distccHosts().isEmpty()) {
      o.add("distcc");
    }
    if (sticky) {
      o.add("sticky-config");
    }
    return List.copyOf(o);
  }

  private List<CatalystConf> confs() {
    String distcc = os.build().distccHosts().isEmpty() ? null : String.join(" ", os.build().distccHosts());
    List<CatalystConf> out = new ArrayList<>();
    for (boolean sticky : List.of(false, true)) {
      out.add(new CatalystConf(sticky ? CONF_STICKY : CONF, options(sticky), Layout.STORE, Layout.DISTFILES,
          List.of("blake2b", "sha512"), os.build().jobs(), os.build().loadAverage(), distcc,
          Layout.out("envscript"), ""));
    }
    return out;
  }

  private List<String> envscript() {
    List<String> l = new ArrayList<>();
    l.add("export SOURCE_DATE_EPOCH=" + in.timestamp().getEpochSecond());
    in.proxies().forEach((k, v) -> l.add("export " + k + "=" + shellQuote(v)));
    String mirrors = os.make().vars().get("GENTOO_MIRRORS");
    if (mirrors != null) {
      l.add("export GENTOO_MIRRORS=\"" + mirrors + "\"");
    }
    if (!os.binpkgs().fetch().isEmpty()) {
      l.add("export PORTAGE_BINHOST=\"" + String.join(" ", os.binpkgs().fetch()) + "\"");
      l.add("export EMERGE_DEFAULT_OPTS=\"${EMERGE_DEFAULT_OPTS} --getbinpkg\"");
    }
    return l;
  }

  private List<Plan.Label> labels() {
    List<Plan.Label> l = new ArrayList<>();
    l.add(new Plan.Label("org.opencontainers.image.title", os.name()));
    if (os.description() != null) {
      l.add(new Plan.Label("org.opencontainers.image.description", os.description()));
    }
    l.add(new Plan.Label("org.opencontainers.image.version", in.version()));
    l.add(new Plan.Label("dev.osb.coordinates", in.groupId() + ":" + in.artifactId() + ":" + in.version()));
    l.add(new Plan.Label("dev.osb.treeish", os.snapshot().treeish()));
    if (os.seed().sha512() != null) {
      l.add(new Plan.Label("dev.osb.seed.sha512", os.seed().sha512()));
    }
    return l;
  }

  /** {@code 'value'} for POSIX shells, each {@code '} written as {@code '\''}. */
  static String shellQuote(String value) {
    return "'" + value.replace("'", "'\\''") + "'";
  }

  static String sha256(String s) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
