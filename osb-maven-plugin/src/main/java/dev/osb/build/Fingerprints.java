package dev.osb.build;

import dev.osb.catalyst.SpecWriter;
import dev.osb.model.OsConfig;
import dev.osb.model.Repo;
import dev.osb.plan.Build;
import dev.osb.plan.Layout;
import dev.osb.plan.Plan;
import dev.osb.templates.Rendered;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The fingerprints of every build of a plan, computed in graph order: a build on the seed takes
 * the seed's digest as its upstream, every other build its parent's fingerprint, so a change
 * anywhere reaches every build after it and nothing before it.
 *
 * <p>The project inputs of a build are found from the plan and the configuration: every spec
 * value below {@link Layout#PROJECT} (kernel config, local overlays, raw host paths of
 * {@code builds:}), the root overlay ({@code files.overlay}) of a stage4 or variant (the spec
 * names only its prepared copy below {@link Layout#INPUT}), and for git overlays their uri and
 * commit.
 */
public final class Fingerprints {

  private final Map<String, Fingerprint> byId;

  private Fingerprints(Map<String, Fingerprint> byId) {
    this.byId = Collections.unmodifiableMap(byId);
  }

  /**
   * @param plan the plan; its builds are in graph order
   * @param rendered what the Generator rendered from it
   * @param os the validated configuration the plan was made from (root overlays, git overlays)
   * @param projectRoot the project root the plan was made against
   * @param seedSha512 the seed's verified SHA-512 ({@link StoredSeed#sha512()})
   */
  public static Fingerprints of(Plan plan, Rendered rendered, OsConfig os, Path projectRoot,
      Fingerprint.Context context, String seedSha512) throws IOException {
    Map<String, Fingerprint> out = new LinkedHashMap<>();
    String seed = "seed:sha512:" + seedSha512.toLowerCase(Locale.ROOT);
    for (Build b : plan.builds()) {
      String upstream;
      if (b.parent().equals("seed")) {
        upstream = seed;
      } else {
        Fingerprint parent = out.get(b.parent());
        if (parent == null) {
          throw new IllegalStateException("build '" + b.id() + "' comes before its parent '" + b.parent() + "'");
        }
        upstream = "parent:" + parent.hex();
      }
      OsConfig c = config(os, b);
      out.put(b.id(), Fingerprint.of(b, rendered, context, upstream, projectRoot, projectInputs(b, c, projectRoot),
          pins(b, os)));
    }
    return new Fingerprints(out);
  }

  /** The fingerprint of build {@code id}. */
  public Fingerprint get(String id) {
    Fingerprint f = byId.get(id);
    if (f == null) {
      throw new IllegalArgumentException("no build '" + id + "'");
    }
    return f;
  }

  /** Build id to fingerprint, in graph order. */
  public Map<String, Fingerprint> asMap() {
    return byId;
  }

  /** The configuration a build comes from: a variant's own, else the OS's. */
  private static OsConfig config(OsConfig os, Build b) {
    if (b.kind() == Build.Kind.VARIANT) {
      OsConfig v = os.variants().get(b.id());
      if (v != null) {
        return v;
      }
    }
    return os;
  }

  private static List<Path> projectInputs(Build b, OsConfig c, Path projectRoot) {
    List<Path> inputs = new ArrayList<>();
    for (SpecWriter.Entry e : b.spec()) {
      for (String item : e.items()) {
        if (item.startsWith(Layout.PROJECT + "/")) {
          Path p = projectRoot.resolve(item.substring(Layout.PROJECT.length() + 1)).normalize();
          if (!inputs.contains(p)) {
            inputs.add(p);
          }
        }
      }
    }
    boolean stage4 = b.kind() == Build.Kind.VARIANT || (b.kind() == Build.Kind.STAGE && b.id().equals("stage4"));
    if (stage4 && c.files().overlay() != null && b.value("stage4/root_overlay") != null) {
      Path overlay = c.files().overlay().toAbsolutePath().normalize();
      if (!inputs.contains(overlay)) {
        inputs.add(overlay);
      }
    }
    return inputs;
  }

  /** A git overlay's uri and commit, for each one the build's spec names. */
  private static Map<String, String> pins(Build b, OsConfig os) {
    Map<String, String> pins = new TreeMap<>();
    for (Repo r : RepoFetcher.used(b, os)) {
      pins.put("repo/" + r.name(), r.uri() + "\n" + r.commit());
    }
    return pins;
  }
}
