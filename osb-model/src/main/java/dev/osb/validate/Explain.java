package dev.osb.validate;

import dev.osb.load.MapNode;
import dev.osb.load.Node;
import dev.osb.load.ScalarNode;
import dev.osb.load.SeqNode;
import dev.osb.model.OsConfig;
import dev.osb.model.Seed;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The effective configuration, one value per line, each with the file:line:column that set it
 * (after extends, variants and interpolation), then the seed the POM provides (a stage4
 * dependency, when the os.yaml names none), followed by the defaults OSB filled in. Secrets
 * are shown as their reference. This is what {@code osb:explain} prints.
 */
public final class Explain {

  private Explain() {}

  public static List<String> lines(Result result, Path base) {
    List<String> out = new ArrayList<>();
    if (result.tree() != null) {
      walk(result.tree(), "", base, out);
    }
    OsConfig c = result.config();
    if (c != null && c.seed().kind() == Seed.Kind.PROVIDED) {
      out.add("seed = " + c.seed().artifact() + " (the <dependency> of type stage4 with scope provided)    "
          + (c.seed().declaredAt() == null ? "pom.xml" : c.seed().declaredAt().format(base)));
    }
    if (c != null) {
      List<String> defaults = new ArrayList<>();
      MapNode t = result.tree();
      if (!t.has("name")) {
        defaults.add("name = " + c.name());
      }
      if (!t.has("arch")) {
        defaults.add("arch = " + c.arch());
      }
      if (!t.has("init")) {
        defaults.add("init = " + c.init().id() + " (from the profile)");
      }
      if (!t.has("stages")) {
        defaults.add("stages = [" + String.join(", ", c.stages().stream().map(s -> s.id()).toList()) + "]");
      }
      if (!(t.get("snapshot").orElse(null) instanceof MapNode s && s.has("repo"))) {
        defaults.add("snapshot.repo = " + c.snapshot().repo());
      }
      MapNode b = t.get("build").orElse(null) instanceof MapNode m ? m : null;
      if (b == null || !b.has("runner")) {
        defaults.add("build.runner = " + c.build().runner().id());
      }
      if (b == null || !b.has("jobs")) {
        defaults.add("build.jobs = " + c.build().jobs());
      }
      if (b == null || !b.has("compression")) {
        defaults.add("build.compression = " + c.build().compression());
      }
      if (b == null || !b.has("cache")) {
        defaults.add("build.cache = [" + String.join(", ", c.build().cache()) + "]");
      }
      for (String d : defaults) {
        out.add(d + "    (default)");
      }
    }
    return out;
  }

  private static void walk(Node n, String path, Path base, List<String> out) {
    if (n instanceof MapNode m) {
      if (m.entries().isEmpty()) {
        out.add(path + " = {}    " + m.location().format(base));
      }
      for (MapNode.Entry e : m.entries().values()) {
        walk(e.value(), path.isEmpty() ? e.key() : path + "." + e.key(), base, out);
      }
    } else if (n instanceof SeqNode q) {
      if (q.items().isEmpty()) {
        out.add(path + " = []    " + q.location().format(base));
      }
      for (int i = 0; i < q.items().size(); i++) {
        walk(q.items().get(i), path + "[" + i + "]", base, out);
      }
    } else {
      ScalarNode s = (ScalarNode) n;
      String v = s.tag() == ScalarNode.Tag.NULL ? "null" : Reader.show(s);
      out.add(path + " = " + v + "    " + s.location().format(base));
    }
  }
}
