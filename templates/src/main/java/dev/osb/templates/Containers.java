package dev.osb.templates;

import dev.osb.plan.Build;
import dev.osb.plan.Layout;
import dev.osb.plan.Plan;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What the Containerfile templates print, decided here: file names, build contexts, labels
 * (key and double-quoted value), emerge arguments. The images are registry-free: every one
 * starts {@code FROM scratch}, and the only image referenced is the local portage image.
 *
 * <ul>
 *   <li>{@code portage.Containerfile}: the verified ::gentoo tree ({@link #portage(Plan)});
 *   <li>{@code catalyst.Containerfile}: the seed with catalyst emerged ({@link #catalyst(Plan)});
 *   <li>{@code <id>.Containerfile}: a stage tarball as an image ({@link #stage(Plan, Build)}).
 * </ul>
 */
public final class Containers {

  private Containers() {}

  /** Targets whose output is a stage tarball (livecd, diskimage and the rest leave none). */
  public static final Set<String> TARBALL_TARGETS = Set.of("stage1", "stage2", "stage3", "stage4");

  /** Compression extensions the runner removes to get the plain tar an ADD unpacks quickly. */
  static final List<String> COMPRESSED = List.of(".tar.xz", ".tar.bz2", ".tar.gz", ".tar.zst",
      ".tar.lz4", ".tar.lzma", ".tar.lz", ".txz", ".tbz2", ".tbz", ".tgz", ".tzst");

  private static final Pattern LABEL_KEY = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._/-]*");
  private static final Pattern IMAGE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._/:@-]*");
  private static final Pattern FILE = Pattern.compile("[A-Za-z0-9_+@=,.-]+");

  /**
   * An OCI label: {@code quoted} is the value in double quotes, with {@code \} and {@code $}
   * escaped (Containerfile LABEL substitutes variables). A value with a newline, a double quote
   * or another control character is refused.
   */
  public record Label(String key, String quoted) {}

  /**
   * @param image the tag the runner gives the image ({@code Plan.portageImage})
   * @param context the build context: the store's snapshots directory
   * @param tarName the plain tar of {@code git archive <treeish>} the runner writes there
   */
  public record PortageImage(String image, String treeish, String repo, String context, String tarName,
      List<Label> labels) {}

  /**
   * @param context the build context: the store's seed directory
   * @param seedTar the decompressed, verified seed the runner writes there
   * @param acceptKeywords package.accept_keywords lines, one per package
   * @param jobs emerge --jobs (the first catalyst.conf's), or null
   */
  public record CatalystImage(String context, String seedTar, String seedSha512, String portageImage,
      List<String> acceptKeywords, List<String> packages, Integer jobs, List<Label> labels) {}

  /**
   * @param context the build's output directory in the store
   * @param tarName the decompressed tarball the runner writes there
   */
  public record StageImage(String id, String target, String outputName, String context, String tarName,
      List<Label> labels) {}

  public static PortageImage portage(Plan plan) {
    String treeish = line("snapshot treeish", plan.treeish());
    List<Label> labels = List.of(label("dev.osb.treeish", treeish),
        label("dev.osb.snapshot.repo", line("snapshot repo", plan.snapshotRepo())));
    return new PortageImage(image(plan.portageImage()), treeish, plan.snapshotRepo(),
        Layout.STORE + "/snapshots", file("gentoo-" + treeish + ".tar"), labels);
  }

  public static CatalystImage catalyst(Plan plan) {
    if (plan.catalystPackages().isEmpty()) {
      throw new IllegalArgumentException("the catalyst image needs at least one package");
    }
    String seedFile = plan.seedSubpath().substring(plan.seedSubpath().lastIndexOf('/') + 1);
    String dir = plan.seedSubpath().contains("/")
        ? "/" + plan.seedSubpath().substring(0, plan.seedSubpath().lastIndexOf('/')) : "";
    List<String> keywords = new ArrayList<>();
    List<String> packages = new ArrayList<>();
    for (String p : plan.catalystPackages()) {
      packages.add(line("catalyst package", p));
      if (plan.catalystKeywords() != null && !plan.catalystKeywords().isBlank()) {
        keywords.add(p + " " + line("catalyst keywords", plan.catalystKeywords()));
      }
    }
    List<Label> labels = new ArrayList<>();
    labels.add(label("dev.osb.treeish", plan.treeish()));
    labels.add(label("dev.osb.seed", seedFile));
    if (plan.seedSha512() != null) {
      labels.add(label("dev.osb.seed.sha512", plan.seedSha512()));
    }
    Integer jobs = plan.confs().isEmpty() ? null : plan.confs().get(0).jobs();
    return new CatalystImage(Layout.STORE + "/builds" + dir, file(plainTar(seedFile)), plan.seedSha512(),
        image(plan.portageImage()), keywords, packages, jobs, labels);
  }

  /** Whether a build leaves a stage tarball that becomes an image. */
  public static boolean yieldsTarball(Build b) {
    return TARBALL_TARGETS.contains(b.target());
  }

  /** The image of a build's stage tarball; refuses a build that leaves none. */
  public static StageImage stage(Plan plan, Build b) {
    if (!yieldsTarball(b)) {
      throw new IllegalArgumentException("build '" + b.id() + "' (target " + b.target() + ") leaves no stage tarball");
    }
    List<Label> labels = new ArrayList<>();
    for (Plan.Label l : plan.labels()) {
      labels.add(label(l.key(), l.value()));
    }
    labels.add(label("dev.osb.build", b.id()));
    return new StageImage(b.id(), b.target(), b.outputName(), Layout.STORE + "/builds/" + b.relType(),
        file(b.outputName() + ".tar"), labels);
  }

  /** {@code stage3-x.tar.xz} -> {@code stage3-x.tar}; a name without a known extension gets {@code .tar}. */
  static String plainTar(String fileName) {
    for (String ext : COMPRESSED) {
      if (fileName.endsWith(ext)) {
        return fileName.substring(0, fileName.length() - ext.length()) + ".tar";
      }
    }
    return fileName.endsWith(".tar") ? fileName : fileName + ".tar";
  }

  /** A label with its value double-quoted; refuses a newline, a {@code "} or a control character. */
  public static Label label(String key, String value) {
    if (key == null || !LABEL_KEY.matcher(key).matches()) {
      throw new IllegalArgumentException("label key '" + key + "' is not [A-Za-z0-9][A-Za-z0-9._/-]*");
    }
    if (value == null) {
      throw new IllegalArgumentException("label " + key + " has no value");
    }
    if (value.indexOf('"') >= 0 || value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
      throw new IllegalArgumentException("label " + key + ": the value contains a newline or a double quote: "
          + value.replace("\n", "\\n").replace("\r", "\\r"));
    }
    line("label " + key, value);
    return new Label(key, "\"" + value.replace("\\", "\\\\").replace("$", "\\$") + "\"");
  }

  /** A value printed on one Containerfile line (in a comment or quoted): no control character. */
  private static String line(String what, String value) {
    if (value == null) {
      throw new IllegalArgumentException(what + " is missing");
    }
    for (int i = 0; i < value.length(); i++) {
      if (Character.isISOControl(value.charAt(i))) {
        throw new IllegalArgumentException(what + " contains a control character: "
            + value.replaceAll("\\p{Cntrl}", "?"));
      }
    }
    return value;
  }

  private static String image(String ref) {
    if (ref == null || !IMAGE.matcher(ref).matches()) {
      throw new IllegalArgumentException("image reference '" + ref + "' is not [A-Za-z0-9][A-Za-z0-9._/:@-]*");
    }
    return ref;
  }

  /** A file name ADD takes literally: no whitespace, quotes, globs, {@code $} or {@code /}. */
  private static String file(String name) {
    if (!FILE.matcher(name).matches()) {
      throw new IllegalArgumentException("file name '" + name + "' cannot be used in ADD (allowed: "
          + FILE.pattern() + ")");
    }
    return name;
  }
}
