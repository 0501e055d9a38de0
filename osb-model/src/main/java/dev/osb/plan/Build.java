package dev.osb.plan;

import dev.osb.catalyst.SpecWriter;
import java.util.List;

/**
 * One catalyst build of the graph: everything needed to render its spec, portage tree and
 * fsscript.
 *
 * @param id stage1, stage3, stage4, a variant name or a builds: name
 * @param kind what declared it
 * @param parent the id of the build whose output seeds it, or {@code seed}
 * @param outputName {@code <target>-<subarch>-<version_stamp>}, below builds/{@code relType}
 * @param spec the spec's keys and values, in the order written
 * @param portage the portage_confdir tree, or empty when the build has none
 * @param fsscript the generated fsscript, or null
 * @param conf the catalyst.conf this build runs with (file name in the rendered tree)
 * @param shipped attached to the Maven project by default (stage4 and variants)
 */
public record Build(
    String id,
    Kind kind,
    String target,
    String parent,
    String relType,
    String outputName,
    List<SpecWriter.Entry> spec,
    List<PortageFile> portage,
    Fsscript fsscript,
    String conf,
    boolean shipped) {

  /** What declared a build. */
  public enum Kind {
    STAGE,
    VARIANT,
    BUILD
  }

  public Build {
    spec = List.copyOf(spec);
    portage = List.copyOf(portage);
  }

  /** The value of a spec key joined by spaces, or null. */
  public String value(String key) {
    for (SpecWriter.Entry e : spec) {
      if (e.key().equals(key)) {
        return String.join(" ", e.items());
      }
    }
    return null;
  }

  /** {@code <relType>/<outputName>}: what the next build's source_subpath names. */
  public String subpath() {
    return relType + "/" + outputName;
  }
}
