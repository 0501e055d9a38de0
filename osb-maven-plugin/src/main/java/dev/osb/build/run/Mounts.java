package dev.osb.build.run;

import dev.osb.plan.Layout;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The host side of the fixed layout every runner gives catalyst (see {@link Layout}), and the
 * inputs the runner prepares below {@link Layout#INPUT} before catalyst starts.
 *
 * <pre>
 * project    -&gt; /osb/project          read-only
 * out        -&gt; /osb/out              read-only (the rendered tree, target/osb)
 * store      -&gt; /var/tmp/catalyst     catalyst's storedir
 * distfiles  -&gt; /var/cache/distfiles  catalyst's distdir
 * secrets    -&gt; /osb/secrets          read-only, optional: one file per secret name
 * </pre>
 *
 * <p>Inside, before catalyst runs, the runner makes root-owned, mode-normalised copies: every
 * {@code /osb/out/portage/<build>} to {@code /osb/input/portage/<build>}, and for each entry of
 * {@link #overlays()} the project directory to {@code /osb/input/overlay/<build>} (the spec's
 * {@code stage4/root_overlay}), with the secrets in its {@code var/tmp/osb-secrets/} when
 * {@link #secrets()} is set; and for each entry of {@link #repos()} the tar in the store unpacked
 * to {@code /osb/input/repos/<name>} (the spec's {@code repos} entry of a git overlay).
 *
 * @param project the project root (host path)
 * @param out the rendered tree
 * @param store catalyst's store
 * @param distfiles the distfiles cache
 * @param secrets a directory of secret files, or null
 * @param overlays build id to the os.yaml {@code files.overlay} directory relative to the
 *     project root ({@code rootfs}), or {@code ""} for a build that gets only the secrets
 * @param repos a git overlay's name to its tar below {@code store}
 *     ({@code repos/<name>-<commit>.tar}, made by {@link dev.osb.build.RepoFetcher})
 */
public record Mounts(Path project, Path out, Path store, Path distfiles, Path secrets, Map<String, String> overlays,
    Map<String, Path> repos) {

  static final Pattern BUILD_ID = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]*");

  /** An ebuild repository name as os.yaml allows it (and the prepare script checks it). */
  static final Pattern REPO_NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_-]*");

  public Mounts {
    project = absolute(project, "project");
    out = absolute(out, "out");
    store = absolute(store, "store");
    distfiles = absolute(distfiles, "distfiles");
    secrets = secrets == null ? null : absolute(secrets, "secrets");
    TreeMap<String, String> o = new TreeMap<>();
    for (Map.Entry<String, String> e : overlays.entrySet()) {
      o.put(checkBuild(e.getKey()), checkSource(e.getValue() == null ? "" : e.getValue()));
    }
    overlays = Collections.unmodifiableMap(o);
    TreeMap<String, Path> r = new TreeMap<>();
    for (Map.Entry<String, Path> e : repos.entrySet()) {
      r.put(checkRepo(e.getKey()), checkTar(e.getKey(), e.getValue(), store));
    }
    repos = Collections.unmodifiableMap(r);
  }

  /** The four mounts, no secrets, no overlays, no repos. */
  public static Mounts of(Path project, Path out, Path store, Path distfiles) {
    return new Mounts(project, out, store, distfiles, null, Map.of(), Map.of());
  }

  /**
   * With {@code /osb/input/overlay/<build>} made from {@code source}, a directory relative to
   * the project root ({@code ""}: an empty overlay, for the secrets only).
   */
  public Mounts withOverlay(String build, String source) {
    Map<String, String> o = new TreeMap<>(overlays);
    o.put(build, source == null ? "" : source);
    return new Mounts(project, out, store, distfiles, secrets, o, repos);
  }

  /** With a directory of secret files mounted read-only at {@link Layout#SECRETS}. */
  public Mounts withSecrets(Path dir) {
    return new Mounts(project, out, store, distfiles, dir, overlays, repos);
  }

  /**
   * With {@code /osb/input/repos/<name>} unpacked from {@code tar}, a file below the store (the
   * runner reads it through the store's mount).
   */
  public Mounts withRepo(String name, Path tar) {
    Map<String, Path> r = new LinkedHashMap<>(repos);
    r.put(name, tar);
    return new Mounts(project, out, store, distfiles, secrets, overlays, r);
  }

  /** A repo's tar as the runner sees it inside the layout: {@code /var/tmp/catalyst/repos/...}. */
  String inLayout(Path tar) {
    return Layout.STORE + "/" + store.relativize(tar).toString().replace('\\', '/');
  }

  /** The overlay source as the runner sees it inside the layout, or {@code ""}. */
  static String inLayout(String source) {
    return source.isEmpty() ? "" : Layout.project(source);
  }

  private static Path absolute(Path p, String what) {
    Objects.requireNonNull(p, what);
    return p.toAbsolutePath().normalize();
  }

  private static String checkBuild(String build) {
    if (build == null || !BUILD_ID.matcher(build).matches()) {
      throw new IllegalArgumentException("overlay build id \"" + build + "\" is not a build name");
    }
    return build;
  }

  private static String checkRepo(String name) {
    if (name == null || !REPO_NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("repository name \"" + name + "\" is not a repository name");
    }
    return name;
  }

  /** A {@code .tar} file below the store, without control characters. */
  private static Path checkTar(String name, Path tar, Path store) {
    Objects.requireNonNull(tar, "the tar of repository " + name);
    Path t = tar.toAbsolutePath().normalize();
    String s = t.toString();
    if (!t.startsWith(store) || t.equals(store) || !s.endsWith(".tar") || s.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
      throw new IllegalArgumentException("the tar of repository " + name + ", " + tar + ", must be a .tar file below"
          + " the store " + store + " (the runner reads it through the store's mount)");
    }
    return t;
  }

  /** Relative, inside the project, no {@code ..}, no empty segment, no control characters. */
  private static String checkSource(String source) {
    String s = source;
    while (s.endsWith("/") && s.length() > 1) {
      s = s.substring(0, s.length() - 1);
    }
    if (s.isEmpty()) {
      return "";
    }
    boolean bad = s.startsWith("/") || s.chars().anyMatch(c -> c < 0x20 || c == 0x7f);
    for (String seg : s.split("/", -1)) {
      if (seg.isEmpty() || seg.equals("..")) {
        bad = true;
      }
    }
    if (bad || s.equals(".")) {
      throw new IllegalArgumentException("overlay source \"" + source
          + "\" must be a directory relative to the project root, without \"..\"");
    }
    return s;
  }
}
