package dev.osb.model;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Files of the image: a root overlay (owners reset to root), modes by path or glob, paths
 * removed and directories emptied at the end of the build.
 */
public record Files(Path overlay, Map<String, String> modes, List<String> remove, List<String> empty) {

  public Files {
    modes = Collections2.orderedCopy(modes);
    remove = List.copyOf(remove);
    empty = List.copyOf(empty);
  }

  public static Files none() {
    return new Files(null, Map.of(), List.of(), List.of());
  }
}
