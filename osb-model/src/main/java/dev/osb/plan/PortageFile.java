package dev.osb.plan;

import java.nio.file.Path;
import java.util.List;

/**
 * One file of a build's portage_confdir tree.
 *
 * @param path relative to the tree root, e.g. {@code package.use/osb}
 * @param lines the lines OSB writes (each a complete line), when {@code source} is null
 * @param source a project file copied verbatim (the raw {@code portage.files} tree, a kernel
 *     config), or null
 * @param buildOnly true when the file lies under the portage_prefix and catalyst removes it
 */
public record PortageFile(String path, List<String> lines, Path source, boolean buildOnly) {

  public PortageFile {
    lines = List.copyOf(lines);
  }
}
