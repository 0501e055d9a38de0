package dev.osb.load;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The one merge rule set of os.yaml, used for {@code extends} and for {@code variants}: maps
 * merge key by key, lists append, scalars take the last value, and an explicit {@code null} or
 * {@code []} resets whatever came before. A few lists are one value rather than a collection
 * ({@link #REPLACED}); they are replaced, not appended.
 *
 * <p>Merging never copies leaves: the result holds the original nodes, so each effective value
 * still carries the location that set it.
 */
public final class Merge {

  /** Dotted paths of lists that are replaced instead of appended. */
  public static final Set<String> REPLACED =
      Set.of("stages", "kernel.dracut_args", "kernel.emerge_options", "build.distcc.hosts");

  private Merge() {}

  /** {@code over} laid on top of {@code base}. */
  public static Node merge(Node base, Node over) {
    return merge(base, over, "");
  }

  private static Node merge(Node base, Node over, String path) {
    if (base == null || over.isReset()) {
      return over;
    }
    if (base instanceof MapNode b && over instanceof MapNode o) {
      Map<String, MapNode.Entry> out = new LinkedHashMap<>(b.entries());
      for (MapNode.Entry e : o.entries().values()) {
        MapNode.Entry old = out.get(e.key());
        String sub = path.isEmpty() ? e.key() : path + "." + e.key();
        Node value = old == null ? e.value() : merge(old.value(), e.value(), sub);
        out.put(e.key(), new MapNode.Entry(e.key(), e.keyLocation(), value));
      }
      return new MapNode(out, o.location());
    }
    if (base instanceof SeqNode b && over instanceof SeqNode o && !REPLACED.contains(path)) {
      List<Node> items = new ArrayList<>(b.items());
      items.addAll(o.items());
      return new SeqNode(items, o.location());
    }
    return over;
  }
}
