package dev.osb.build.standin;

import dev.osb.catalyst.KeyTables;
import dev.osb.catalyst.ParsedSpec;
import dev.osb.catalyst.SpecValue;
import dev.osb.catalyst.Subarches;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * TEST STAND-IN, not catalyst: one stage build, in catalyst 4.1's order (reference/catalyst.md,
 * "Stage pipelines"), on real files with real tools. Every step is logged as {@code stand-in:}.
 *
 * <ol>
 *   <li>unpack: the seed is {@code <storedir>/builds/<source_subpath>} (that file, else the one
 *       {@code <source_subpath>.*} that is not a CONTENTS, DIGESTS or sha256 file; with {@code
 *       seedcache}, the directory {@code tmp/<source_subpath>/}), unpacked with {@code tar -xpf
 *       --numeric-owner} into a fresh {@code <storedir>/tmp/<rel_type>/<target>-<subarch>-<version_stamp>/};
 *   <li>{@code make.profile} symlink; {@code portage_confdir} copied onto {@code etc/portage}
 *       like {@code rsync -a} (owners and modes kept, the directory's own included); each
 *       {@code repos} path must exist (catalyst reads its name, then mounts it) and gets a
 *       {@code repos.conf/<name>.conf} ({@code <name>}: its {@code profiles/repo_name}, else the
 *       path's base name); a directory's contents are copied (owners and modes kept, as a bind
 *       mount shows them) to {@code /var/db/repos/<name>}, standing in for catalyst's mount, and
 *       stay there through the target steps (the fsscript sees them); a {@code .sqfs} is not
 *       mounted;
 *   <li>checks catalyst makes when it mounts: the snapshot {@code
 *       snapshots/<repo_name>-<snapshot_treeish>.sqfs} and {@code distdir} must exist;
 *   <li>chroot setup: make.conf written from scratch (COMMON_FLAGS from the spec for stage1, else
 *       from the seed's make.conf or the arch table; {@code CFLAGS..FFLAGS="${COMMON_FLAGS}"};
 *       {@code USE} = sorted catalyst_use ({@code bindist} with that option) + hostuse +
 *       {@code <prefix>/use}; {@code LC_MESSAGES=C.UTF-8}), the host's resolv.conf, the envscript
 *       to {@code /tmp/envscript};
 *   <li>stage4: emerge and kernel steps are logged, not run; {@code stage4/root_overlay} copied
 *       like {@code rsync -a} (owners kept: a user-owned overlay hands {@code /} its uid;
 *       missing directories skipped); {@code stage4/fsscript} copied to {@code /tmp/fsscript.sh}
 *       and run as {@code chroot ROOT /bin/bash /tmp/fsscript.sh} with a scrubbed environment;
 *       preclean drops {@code USE="bindist"} lines; rc-update: {@code stage4/rcadd} links
 *       {@code /etc/runlevels/<rl>/<svc>} only when {@code /etc/init.d/<svc>} exists, else only
 *       logs OpenRC's warning ({@code rcdel} likewise); unmerge removes the files a {@code
 *       var/db/pkg/<cat>/<pn>-<version>/CONTENTS} lists and that directory;
 *   <li>finish: {@code stage4/rm} (globs inside the chroot), {@code stage4/groups} ({@code
 *       groupadd -R}), {@code stage4/users} ({@code useradd -R ROOT -m}; the {@code name=groups}
 *       form fails as catalyst's TypeError does), {@code stage4/ssh_public_keys} ({@code cp} to
 *       {@code /home/<user>/.ssh/authorized_keys}, which fails without {@code .ssh}), all after
 *       the fsscript; {@code stage4/empty} (owner and mode kept);
 *   <li>clean: the repos are unmounted (the copies' contents removed, the empty mount point
 *       stays); unless {@code sticky-config}, make.conf rewritten (catalyst_use dropped) and
 *       {@code etc/portage/<d>/<portage_prefix>} removed for the 9 directories; always {@code
 *       etc/portage/patches}, repos.conf of repos not in {@code keep_repos}, {@code
 *       /etc/machine-id}, {@code /etc/resolv.conf} (not for stage4), {@code
 *       /etc/sandbox.d/99catalyst}, {@code /var/tmp/*}, {@code /tmp/*}, {@code /etc/*-}; the
 *       seed's {@code /etc/hosts} restored;
 *   <li>capture: {@code tar -cpf - --numeric-owner -C ROOT . | xz -T0 -0 -c} (pixz and xz; gzip,
 *       bzip2 and lbzip2 through gzip and bzip2, tar plain) to {@code
 *       builds/<rel_type>/<target>-<subarch>-<version_stamp>.<ext>}, renamed by {@code
 *       rename_regexp} ({@code sed -E}), {@code .CONTENTS.gz} ({@code tar -tvf | gzip}), and with
 *       {@code digests} a {@code .DIGESTS} (per file, per algorithm: {@code # SHA512 HASH} then
 *       {@code <hex>  <file>}, or the bsd format) and a {@code .sha256}; then the chroot is removed
 *       unless {@code keepwork} or {@code seedcache}.
 * </ol>
 *
 * <p>stage1 and stage3 run unpack, confdir, checks, make.conf, clean and capture (stage1 captures
 * the seed chroot, not a {@code /tmp/stage1root}).
 */
final class StandInBuild {

  /** The 9 directories catalyst cleans of {@code portage_prefix}. */
  static final List<String> PREFIX_DIRS = List.of("package.accept_keywords", "package.keywords", "package.mask",
      "package.unmask", "package.use", "package.env", "env", "profile/package.use.force",
      "profile/package.use.mask");

  private static final Map<String, String> DIGEST_TOOLS = Map.of("sha512", "sha512sum", "sha256", "sha256sum",
      "sha384", "sha384sum", "sha224", "sha224sum", "sha1", "sha1sum", "md5", "md5sum", "blake2b", "b2sum");

  private final Map<String, Object> conf;
  private final ParsedSpec spec;
  private final CatalystStandIn.Log log;
  private final Tools tools;
  private final String target;
  private final String subarch;
  private final String relType;
  private final String name;
  private final Path store;
  private final Path chroot;
  private final Set<String> options;
  private final String prefix;
  private String seedCommonFlags;
  private byte[] seedHosts;

  StandInBuild(Map<String, Object> conf, ParsedSpec spec, CatalystStandIn.Log log) {
    this.conf = conf;
    this.spec = spec;
    this.log = log;
    this.tools = new Tools(log.stream());
    this.target = one("target");
    this.subarch = one("subarch");
    this.relType = one("rel_type");
    this.name = target + "-" + subarch + "-" + one("version_stamp");
    this.store = Path.of(String.valueOf(conf.get("storedir")));
    this.chroot = store.resolve("tmp").resolve(relType).resolve(name);
    this.options = new TreeSet<>(strings(conf.get("options")));
    this.prefix = KeyTables.of(target).orElseThrow().prefix();
  }

  int run() {
    try {
      checks();
      unpack();
      profileLink();
      confdir();
      List<String> repos = repos();
      bindChecks();
      chrootSetup();
      if (target.equals("stage4")) {
        note("not running: emerge -u @system; emerge " + String.join(" ", items("stage4/packages"))
            + " (the stand-in installs nothing)");
        items("boot/kernel").forEach(k -> note("not building kernel " + k + " (not modelled)"));
        rootOverlay();
        fsscript();
        preclean();
        rcUpdate();
        unmerge();
        remove();
        groups();
        users();
        sshKeys();
        empty();
      } else {
        note("not running the " + target + " build (emerge is not modelled)");
      }
      clean(repos);
      Path tarball = capture();
      if (!options.contains("keepwork") && !options.contains("seedcache")) {
        deleteTree(chroot);
      }
      note("built " + tarball);
      return 0;
    } catch (Tools.BuildFailure e) {
      log.error(e.getMessage());
      log.error("stand-in: build of " + relType + "/" + name + " failed");
      return 2;
    } catch (IOException e) {
      log.error(e.toString());
      log.error("stand-in: build of " + relType + "/" + name + " failed");
      return 2;
    }
  }

  // ------------------------------------------------------------------ settings

  private String one(String key) {
    return spec.get(key).map(v -> String.join(" ", v.items())).orElse(null);
  }

  /** The spec's items, or the config's value (spec keys override config keys). */
  private List<String> items(String key) {
    Optional<SpecValue> v = spec.get(key);
    if (v.isPresent()) {
      return v.get().isNone() ? List.of() : v.get().items();
    }
    return strings(conf.get(key));
  }

  private String setting(String key) {
    List<String> i = items(key);
    return i.isEmpty() ? null : String.join(" ", i);
  }

  private static List<String> strings(Object o) {
    if (o == null) {
      return List.of();
    }
    if (o instanceof List<?> l) {
      return l.stream().map(String::valueOf).toList();
    }
    String s = String.valueOf(o);
    return s.isBlank() ? List.of() : List.of(s.trim().split("\\s+"));
  }

  private void note(String msg) {
    log.notice("stand-in: " + msg);
  }

  // ------------------------------------------------------------------ steps

  /** What catalyst checks when it sets the target up. */
  private void checks() throws Tools.BuildFailure {
    String confdir = setting("portage_confdir");
    if (confdir != null && !Files.isDirectory(Path.of(confdir))) {
      throw new Tools.BuildFailure("portage_confdir " + confdir + " does not exist");
    }
    String fsscript = prefix == null ? null : setting(prefix + "fsscript");
    if (fsscript != null && !Files.isRegularFile(Path.of(fsscript))) {
      throw new Tools.BuildFailure(prefix + "fsscript " + fsscript + " does not exist");
    }
    String envscript = setting("envscript");
    if (envscript != null && !Files.isRegularFile(Path.of(envscript))) {
      throw new Tools.BuildFailure("envscript " + envscript + " does not exist");
    }
  }

  private void unpack() throws Tools.BuildFailure, IOException {
    String source = one("source_subpath");
    deleteTree(chroot);
    Files.createDirectories(chroot);
    Path cached = store.resolve("tmp").resolve(source);
    if (options.contains("seedcache") && Files.isDirectory(cached)) {
      note("seedcache: copying " + cached);
      tools.run(List.of("cp", "-a", cached + "/.", chroot + "/"));
    } else {
      Path seed = seed(source);
      note("unpacking " + seed + " into " + chroot);
      tools.run(List.of("tar", "-xpf", seed.toString(), "--numeric-owner", "-C", chroot.toString()));
    }
    Path makeConf = chroot.resolve("etc/portage/make.conf");
    if (Files.isRegularFile(makeConf)) {
      Matcher m = Pattern.compile("(?m)^COMMON_FLAGS=\"([^\"]*)\"").matcher(Files.readString(makeConf));
      if (m.find()) {
        seedCommonFlags = m.group(1);
      }
    }
    Path hosts = chroot.resolve("etc/hosts");
    if (Files.isRegularFile(hosts, LinkOption.NOFOLLOW_LINKS)) {
      seedHosts = Files.readAllBytes(hosts);
    }
  }

  /** The exact file, else the one {@code path.*} that is not a CONTENTS, DIGESTS or sha256 file. */
  private Path seed(String source) throws Tools.BuildFailure, IOException {
    Path exact = store.resolve("builds").resolve(source);
    if (Files.isRegularFile(exact)) {
      return exact;
    }
    Path dir = exact.getParent();
    String base = exact.getFileName().toString();
    List<Path> found = new ArrayList<>();
    if (Files.isDirectory(dir)) {
      try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
        for (Path p : ds) {
          String n = p.getFileName().toString();
          if (n.startsWith(base + ".") && !n.contains(".CONTENTS") && !n.endsWith(".DIGESTS")
              && !n.endsWith(".sha256") && Files.isRegularFile(p)) {
            found.add(p);
          }
        }
      }
    }
    if (found.size() == 1) {
      return found.get(0);
    }
    throw new Tools.BuildFailure("Seed " + exact + (found.isEmpty() ? " does not exist (nor any " + base + ".*)"
        : " is ambiguous: " + found));
  }

  private void profileLink() throws IOException {
    String profile = one("profile");
    String repo = String.valueOf(conf.get("repo_name"));
    String path = profile;
    if (profile.contains(":")) {
      repo = profile.substring(0, profile.indexOf(':'));
      path = profile.substring(profile.indexOf(':') + 1);
    }
    Path link = chroot.resolve("etc/portage/make.profile");
    Files.createDirectories(link.getParent());
    Files.deleteIfExists(link);
    Files.createSymbolicLink(link, Path.of("../.." + conf.get("repo_basedir") + "/" + repo + "/profiles/" + path));
  }

  /** {@code rsync -a confdir/ chroot/etc/portage/}. */
  private void confdir() throws Tools.BuildFailure, IOException {
    String confdir = setting("portage_confdir");
    if (confdir == null) {
      return;
    }
    note("copying portage_confdir " + confdir + " to /etc/portage (rsync -a: owners kept)");
    Files.createDirectories(chroot.resolve("etc/portage"));
    tools.run(List.of("cp", "-a", "--", confdir + "/.", chroot.resolve("etc/portage") + "/"));
  }

  /**
   * process_repos and the repo mounts: a repos.conf stanza for each {@code repos} path, and a
   * directory's contents at {@code /var/db/repos/<name>}; their names.
   */
  private List<String> repos() throws Tools.BuildFailure, IOException {
    List<String> names = new ArrayList<>();
    for (String r : items("repos")) {
      Path p = Path.of(r);
      if (!Files.exists(p)) {
        throw new Tools.BuildFailure("repos: " + r + " does not exist (neither a repository directory nor a .sqfs)");
      }
      String repoName;
      Path rn = p.resolve("profiles/repo_name");
      if (Files.isRegularFile(rn)) {
        repoName = Files.readString(rn).trim();
      } else {
        repoName = p.getFileName().toString().replaceAll("\\.sqfs$", "");
      }
      names.add(repoName);
      Path conf = chroot.resolve("etc/portage/repos.conf/" + repoName + ".conf");
      Files.createDirectories(conf.getParent());
      Files.writeString(conf, "[" + repoName + "]\nlocation = /var/db/repos/" + repoName + "\n");
      if (Files.isDirectory(p)) {
        Path at = repoDir(repoName);
        deleteTree(at);
        Files.createDirectories(at);
        tools.run(List.of("cp", "-a", "--", r + "/.", at + "/"));
        note("repo " + repoName + " from " + r + ": repos.conf written, contents at /var/db/repos/" + repoName
            + " (a copy standing in for catalyst's mount: owners and modes as they are)");
      } else {
        note("repo " + repoName + " from " + r + ": repos.conf written, the squashfs is not mounted");
      }
    }
    return names;
  }

  /** Where catalyst mounts repository {@code name} in the chroot: {@code <repo_basedir>/<name>}. */
  private Path repoDir(String name) {
    return chroot.resolve(String.valueOf(conf.get("repo_basedir")).replaceFirst("^/+", "")).resolve(name);
  }

  /** What catalyst's mounts need to exist. */
  private void bindChecks() throws Tools.BuildFailure {
    String repo = String.valueOf(conf.get("repo_name"));
    Path sqfs = store.resolve("snapshots").resolve(repo + "-" + one("snapshot_treeish") + ".sqfs");
    if (!Files.isRegularFile(sqfs)) {
      throw new Tools.BuildFailure("cannot mount the snapshot: " + sqfs + " does not exist");
    }
    Path distdir = Path.of(String.valueOf(conf.get("distdir")));
    if (!Files.isDirectory(distdir)) {
      throw new Tools.BuildFailure("distdir " + distdir + " does not exist");
    }
    note("not mounting " + sqfs + ", " + distdir + ", /proc, /dev (the stand-in mounts nothing)");
  }

  private void chrootSetup() throws IOException {
    writeMakeConf(true);
    Path resolv = Path.of("/etc/resolv.conf");
    if (Files.isRegularFile(resolv)) {
      Files.createDirectories(chroot.resolve("etc"));
      Files.deleteIfExists(chroot.resolve("etc/resolv.conf"));
      Files.copy(resolv, chroot.resolve("etc/resolv.conf"));
    }
    String envscript = setting("envscript");
    if (envscript != null) {
      Files.createDirectories(chroot.resolve("tmp"));
      Files.copy(Path.of(envscript), chroot.resolve("tmp/envscript"),
          java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
    String binhost = String.valueOf(conf.getOrDefault("binhost", ""));
    String binrepo = setting("binrepo_path");
    if (!binhost.isEmpty() && binrepo != null) {
      Path f = chroot.resolve("etc/portage/binrepos.conf/gentoo.conf");
      Files.createDirectories(f.getParent());
      Files.writeString(f, "[gentoo]\nsync-uri = " + binhost + binrepo + "\npriority = 1\n"
          + "location = /var/cache/binhost/gentoo\nverify-signature = true\n");
    }
    if (options.contains("pkgcache")) {
      String pkg = setting("pkgcache_path");
      Files.createDirectories(pkg != null ? Path.of(pkg)
          : store.resolve("packages").resolve(relType).resolve(target + "-" + subarch));
    }
  }

  /** catalyst's write_make_conf. */
  private void writeMakeConf(boolean setup) throws IOException {
    String flags;
    if (target.equals("stage1") && setting("common_flags") != null) {
      flags = setting("common_flags");
    } else if (seedCommonFlags != null && !target.equals("stage1")) {
      flags = seedCommonFlags;
    } else {
      flags = Subarches.get(subarch).map(Subarches.Subarch::commonFlags).orElse(null);
    }
    List<String> lines = new ArrayList<>(List.of(
        "# These settings were set by the catalyst build script that automatically",
        "# built this stage.",
        "# Please consult /usr/share/portage/config/make.conf.example for a more",
        "# detailed example."));
    if (flags != null) {
      lines.add("COMMON_FLAGS=\"" + flags + "\"");
      for (String v : List.of("CFLAGS", "CXXFLAGS", "FCFLAGS", "FFLAGS")) {
        lines.add(v + "=\"${COMMON_FLAGS}\"");
      }
    }
    String chost = setting("chost");
    if (chost != null && (target.equals("stage1") || target.equals("stage2"))) {
      lines.add("# WARNING: Changing your CHOST is not something that should be done lightly.");
      lines.add("# Please consult https://wiki.gentoo.org/wiki/Changing_the_CHOST_variable before changing.");
      lines.add("CHOST=\"" + chost + "\"");
    }
    TreeSet<String> use = new TreeSet<>();
    if (setup && options.contains("bindist")) {
      use.add("bindist");
    }
    use.addAll(items("hostuse"));
    if (prefix != null) {
      use.addAll(items(prefix + "use"));
    }
    if (!use.isEmpty()) {
      lines.add("USE=\"" + String.join(" ", use) + "\"");
    }
    lines.add("# This sets the language of build output to English.");
    lines.add("# Please keep this setting intact when reporting bugs.");
    lines.add("LC_MESSAGES=C.UTF-8");
    Path f = chroot.resolve("etc/portage/make.conf");
    Files.createDirectories(f.getParent());
    Files.writeString(f, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
    note((setup ? "wrote" : "rewrote") + " /etc/portage/make.conf");
  }

  /** {@code rsync -a overlay/ chroot/} for each existing overlay directory. */
  private void rootOverlay() throws Tools.BuildFailure {
    for (String o : items("stage4/root_overlay")) {
      if (!Files.isDirectory(Path.of(o))) {
        continue; // catalyst skips a missing overlay silently
      }
      note("copying root overlay " + o + " onto / (rsync -a: owners and modes kept, / included)");
      tools.run(List.of("cp", "-a", "--", o + "/.", chroot + "/"));
    }
  }

  private void fsscript() throws Tools.BuildFailure, IOException {
    String fs = setting("stage4/fsscript");
    if (fs == null) {
      return;
    }
    Path tmp = chroot.resolve("tmp");
    Files.createDirectories(tmp);
    Files.copy(Path.of(fs), tmp.resolve("fsscript.sh"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    note("running the fsscript: chroot " + chroot + " /bin/bash /tmp/fsscript.sh");
    Map<String, String> env = new LinkedHashMap<>();
    env.put("PATH", "/usr/sbin:/usr/bin:/sbin:/bin");
    env.put("HOME", "/root");
    env.put("TERM", "dumb");
    env.put("LC_ALL", "C");
    env.put("clst_target", target);
    env.put("clst_subarch", subarch);
    env.put("clst_rel_type", relType);
    int code = tools.exitCode(List.of("chroot", chroot.toString(), "/bin/bash", "/tmp/fsscript.sh"), env, null);
    if (code != 0) {
      throw new Tools.BuildFailure("the fsscript " + fs + " failed with exit code " + code);
    }
  }

  private void preclean() throws IOException {
    Path f = chroot.resolve("etc/portage/make.conf");
    if (Files.isRegularFile(f)) {
      List<String> lines = Files.readAllLines(f);
      List<String> kept = lines.stream().filter(l -> !l.equals("USE=\"bindist\"")).toList();
      if (kept.size() != lines.size()) {
        Files.writeString(f, String.join("\n", kept) + "\n");
      }
    }
  }

  private void rcUpdate() throws IOException {
    for (String item : items("stage4/rcadd")) {
      String[] sr = serviceAndRunlevel(item);
      Path init = chroot.resolve("etc/init.d").resolve(sr[0]);
      if (!Files.exists(init, LinkOption.NOFOLLOW_LINKS)) {
        note(" * rc-update: service `" + sr[0] + "' does not exist (catalyst only logs this; the build goes on)");
        continue;
      }
      Path link = chroot.resolve("etc/runlevels").resolve(sr[1]).resolve(sr[0]);
      Files.createDirectories(link.getParent());
      if (!Files.exists(link, LinkOption.NOFOLLOW_LINKS)) {
        Files.createSymbolicLink(link, Path.of("/etc/init.d/" + sr[0]));
      }
      note(" * service " + sr[0] + " added to runlevel " + sr[1]);
    }
    for (String item : items("stage4/rcdel")) {
      String[] sr = serviceAndRunlevel(item);
      Path link = chroot.resolve("etc/runlevels").resolve(sr[1]).resolve(sr[0]);
      if (Files.deleteIfExists(link)) {
        note(" * service " + sr[0] + " removed from runlevel " + sr[1]);
      } else {
        note(" * rc-update: service `" + sr[0] + "' is not in the runlevel `" + sr[1] + "'");
      }
    }
  }

  private static String[] serviceAndRunlevel(String item) {
    int bar = item.indexOf('|');
    String svc = bar < 0 ? item : item.substring(0, bar);
    String rl = bar < 0 ? "default" : item.substring(bar + 1);
    return new String[] {svc, rl};
  }

  /** emerge --unmerge, as far as the vdb says: the CONTENTS files and the vdb directory. */
  private void unmerge() throws Tools.BuildFailure, IOException {
    for (String atom : items("stage4/unmerge")) {
      if (atom.startsWith("-")) {
        continue; // emerge options
      }
      Matcher m = Pattern.compile("([A-Za-z0-9_+.-]+)/([A-Za-z0-9_+-]+?)(?::.*)?").matcher(atom);
      if (!m.matches()) {
        throw new Tools.BuildFailure("the stand-in unmerges cat/pn atoms, not " + atom);
      }
      Path cat = chroot.resolve("var/db/pkg").resolve(m.group(1));
      Pattern pv = Pattern.compile(Pattern.quote(m.group(2)) + "-[0-9].*");
      List<Path> found = new ArrayList<>();
      if (Files.isDirectory(cat)) {
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(cat)) {
          ds.forEach(p -> {
            if (pv.matcher(p.getFileName().toString()).matches()) {
              found.add(p);
            }
          });
        }
      }
      if (found.isEmpty()) {
        note("--- Couldn't find '" + atom + "' to unmerge.");
        continue;
      }
      for (Path vdb : found) {
        Path contents = vdb.resolve("CONTENTS");
        if (Files.isRegularFile(contents)) {
          for (String line : Files.readAllLines(contents)) {
            String[] f = line.split(" ");
            if (f.length >= 2 && (f[0].equals("obj") || f[0].equals("sym"))) {
              Files.deleteIfExists(inChroot(f[1]));
            }
          }
        }
        deleteTree(vdb);
        note("unmerged " + m.group(1) + "/" + vdb.getFileName());
      }
    }
  }

  private void remove() throws IOException {
    for (String pattern : items("stage4/rm")) {
      for (Path p : glob(pattern)) {
        deleteTree(p);
      }
      note("rm " + pattern);
    }
  }

  private void groups() throws Tools.BuildFailure {
    List<String> groups = items("stage4/groups");
    if (groups.size() == 1) {
      groups = List.of(groups.get(0).split(","));
    }
    for (String g : groups) {
      tools.run(List.of("groupadd", "-R", chroot.toString(), g));
    }
  }

  private void users() throws Tools.BuildFailure {
    for (String u : items("stage4/users")) {
      if (u.contains("=")) {
        // StageBase.users(): "...%s...%s" % usr, grp
        throw new Tools.BuildFailure("TypeError: not enough arguments for format string (catalyst 4.1's "
            + "stage4/users fails on the name=groups form)");
      }
      tools.run(List.of("useradd", "-R", chroot.toString(), "-m", u));
    }
  }

  private void sshKeys() throws Tools.BuildFailure {
    for (String item : items("stage4/ssh_public_keys")) {
      int eq = item.indexOf('=');
      if (eq < 0) {
        throw new Tools.BuildFailure("stage4/ssh_public_keys item " + item + " is not user=/path");
      }
      String user = item.substring(0, eq);
      Path key = Path.of(item.substring(eq + 1));
      tools.run(List.of("cp", "-av", key.toString(), chroot + "/home/" + user + "/.ssh/authorized_keys"));
    }
  }

  private void empty() throws IOException {
    for (String d : items("stage4/empty")) {
      Path dir = inChroot(d);
      if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
        continue;
      }
      Object uid = Files.getAttribute(dir, "unix:uid", LinkOption.NOFOLLOW_LINKS);
      Object gid = Files.getAttribute(dir, "unix:gid", LinkOption.NOFOLLOW_LINKS);
      int full = (Integer) Files.getAttribute(dir, "unix:mode", LinkOption.NOFOLLOW_LINKS);
      deleteTree(dir);
      Files.createDirectory(dir);
      Files.setAttribute(dir, "unix:uid", uid, LinkOption.NOFOLLOW_LINKS);
      Files.setAttribute(dir, "unix:gid", gid, LinkOption.NOFOLLOW_LINKS);
      Files.setAttribute(dir, "unix:mode", full, LinkOption.NOFOLLOW_LINKS);
      note("emptied " + d);
    }
  }

  private void clean(List<String> repos) throws IOException {
    for (String r : repos) {
      Path at = repoDir(r);
      if (Files.isDirectory(at, LinkOption.NOFOLLOW_LINKS)) {
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(at)) {
          for (Path p : ds) {
            deleteTree(p);
          }
        }
        note("unmounted /var/db/repos/" + r + " (its contents are never kept)");
      }
    }
    boolean sticky = options.contains("sticky-config");
    if (!sticky) {
      writeMakeConf(false);
      String pp = setting("portage_prefix");
      if (pp != null) {
        for (String d : PREFIX_DIRS) {
          Path p = chroot.resolve("etc/portage").resolve(d).resolve(pp);
          if (Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
            deleteTree(p);
            note("removed /etc/portage/" + d + "/" + pp);
          }
        }
      }
    } else {
      note("sticky-config: make.conf and the portage_prefix directories stay as they are");
    }
    deleteTree(chroot.resolve("etc/portage/patches"));
    List<String> keep = items("keep_repos");
    for (String r : repos) {
      if (!keep.contains(r)) {
        Files.deleteIfExists(chroot.resolve("etc/portage/repos.conf/" + r + ".conf"));
      }
    }
    List<String> cleanables = new ArrayList<>(List.of("/etc/machine-id", "/etc/sandbox.d/99catalyst", "/var/tmp/*",
        "/tmp/*", "/etc/*-"));
    if (!target.equals("stage4")) {
      cleanables.add("/etc/resolv.conf");
    }
    for (String c : cleanables) {
      for (Path p : glob(c)) {
        deleteTree(p);
      }
    }
    if (seedHosts != null) {
      Path hosts = chroot.resolve("etc/hosts");
      Files.deleteIfExists(hosts);
      Files.write(hosts, seedHosts);
    }
    note("cleaned " + String.join(" ", cleanables));
  }

  private Path capture() throws Tools.BuildFailure, IOException {
    String mode = Optional.ofNullable(setting("compression_mode")).orElse("lbzip2");
    String ext;
    List<String> compressor;
    switch (mode) {
      case "pixz", "xz" -> {
        ext = ".tar.xz";
        compressor = List.of("xz", "-T0", "-0", "-c"); // level 0: fast; the level is nothing OSB relies on
      }
      case "gzip" -> {
        ext = ".tar.gz";
        compressor = List.of("gzip", "-c");
      }
      case "bzip2", "lbzip2" -> {
        ext = ".tar.bz2";
        compressor = List.of("bzip2", "-c");
      }
      case "tar" -> {
        ext = ".tar";
        compressor = null;
      }
      default -> throw new Tools.BuildFailure("the stand-in does not model compression_mode " + mode);
    }
    String fileName = name + ext;
    String rename = setting("rename_regexp");
    if (rename != null) {
      fileName = tools.capture(List.of("sed", "-E", "-e", rename), fileName + "\n").strip();
      if (fileName.isEmpty() || fileName.contains("/")) {
        throw new Tools.BuildFailure("rename_regexp " + rename + " gave \"" + fileName + "\"");
      }
    }
    Path dir = store.resolve("builds").resolve(relType);
    Files.createDirectories(dir);
    Path tarball = dir.resolve(fileName);
    List<String> tar = List.of("tar", "-cpf", "-", "--numeric-owner", "-C", chroot.toString(), ".");
    note("capture: " + String.join(" ", tar) + (compressor == null ? "" : " | " + String.join(" ", compressor))
        + " > " + tarball);
    tools.pipeline(compressor == null ? List.of(tar) : List.of(tar, compressor), tarball);
    Path contents = dir.resolve(fileName + ".CONTENTS.gz");
    tools.pipeline(List.of(List.of("tar", "-tvf", tarball.toString()), List.of("gzip", "-c")), contents);
    List<String> digests = strings(conf.get("digests"));
    if (!digests.isEmpty()) {
      boolean bsd = "bsd".equals(String.valueOf(conf.get("digest_format")));
      StringBuilder b = new StringBuilder();
      for (Path f : List.of(tarball, contents)) {
        for (String algo : digests) {
          String tool = DIGEST_TOOLS.get(algo);
          if (tool == null) {
            throw new Tools.BuildFailure("the stand-in has no tool for digest " + algo);
          }
          String hex = tools.digest(tool, f);
          String file = f.getFileName().toString();
          if (bsd) {
            b.append(algo.toUpperCase()).append(" (").append(file).append(") = ").append(hex).append('\n');
          } else {
            b.append("# ").append(algo.toUpperCase()).append(" HASH\n").append(hex).append("  ").append(file)
                .append('\n');
          }
        }
      }
      Files.writeString(dir.resolve(fileName + ".DIGESTS"), b.toString());
      Files.writeString(dir.resolve(fileName + ".sha256"), "# SHA256 HASH\n" + tools.digest("sha256sum", tarball)
          + "  " + fileName + "\n");
    }
    return tarball;
  }

  // ------------------------------------------------------------------ files

  /** An absolute chroot path on the host. */
  private Path inChroot(String absolute) {
    String rel = absolute.replaceFirst("^/+", "");
    return rel.isEmpty() ? chroot : chroot.resolve(rel);
  }

  /**
   * Expands a shell glob inside the chroot ({@code *}, {@code ?}, {@code [...]} per path
   * segment; a leading dot is matched only by a leading dot), as {@code rm -rf CHROOT$x} does.
   */
  List<Path> glob(String pattern) throws IOException {
    List<Path> current = List.of(chroot);
    String[] segs = pattern.replaceFirst("^/+", "").split("/");
    for (String seg : segs) {
      if (seg.isEmpty()) {
        continue;
      }
      List<Path> next = new ArrayList<>();
      boolean wild = seg.chars().anyMatch(c -> c == '*' || c == '?' || c == '[');
      for (Path p : current) {
        if (!wild) {
          next.add(p.resolve(seg));
          continue;
        }
        if (!Files.isDirectory(p)) {
          continue;
        }
        Pattern re = Pattern.compile(globToRegex(seg));
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(p)) {
          for (Path c : ds) {
            String n = c.getFileName().toString();
            if (n.startsWith(".") && !seg.startsWith(".")) {
              continue;
            }
            if (re.matcher(n).matches()) {
              next.add(c);
            }
          }
        }
      }
      current = next;
    }
    return current.stream().filter(p -> !p.equals(chroot) && Files.exists(p, LinkOption.NOFOLLOW_LINKS)).sorted()
        .toList();
  }

  private static String globToRegex(String glob) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < glob.length(); i++) {
      char c = glob.charAt(i);
      switch (c) {
        case '*' -> b.append(".*");
        case '?' -> b.append('.');
        case '[' -> {
          int end = glob.indexOf(']', i + 2);
          if (end < 0) {
            b.append("\\[");
          } else {
            String cls = glob.substring(i + 1, end);
            if (cls.startsWith("!")) {
              cls = "^" + cls.substring(1);
            }
            b.append('[').append(cls.replace("\\", "\\\\")).append(']');
            i = end;
          }
        }
        default -> b.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return b.toString();
  }

  /** Deletes a file, link or directory tree without following links. */
  static void deleteTree(Path p) throws IOException {
    if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    if (!Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
      Files.delete(p);
      return;
    }
    Files.walkFileTree(p, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        Files.delete(file);
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
        if (exc != null) {
          throw exc;
        }
        Files.delete(dir);
        return FileVisitResult.CONTINUE;
      }
    });
  }
}
