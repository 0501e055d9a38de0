package dev.osb.load;

import dev.osb.validate.Problem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Loads an os.yaml and everything it {@code extends} into one merged tree. Parents are merged
 * in the order listed, then the including file on top ({@link Merge}). Paths are relative to
 * the including file and must stay inside the project root; a cycle is reported with its chain.
 */
public final class ConfigLoader {

  private final Path root;
  private final List<Path> files = new ArrayList<>();

  private ConfigLoader(Path root) {
    this.root = root;
  }

  /** The merged tree and every file read, in the order read. */
  public record Loaded(MapNode tree, List<Path> files) {
    public Loaded {
      files = List.copyOf(files);
    }
  }

  public static Loaded load(Path osYaml, Path projectRoot) throws LoadException {
    ConfigLoader loader = new ConfigLoader(projectRoot);
    MapNode tree = loader.load(osYaml.toAbsolutePath().normalize(), new ArrayDeque<>());
    return new Loaded(tree, loader.files);
  }

  private MapNode load(Path file, Deque<Path> chain) throws LoadException {
    chain.addLast(file);
    if (!files.contains(file)) {
      files.add(file);
    }
    Node node = YamlReader.read(file);
    if (!(node instanceof MapNode map)) {
      throw new LoadException(Problem.error(node.location(),
          "an os.yaml is a map of keys (osb:, profile:, packages: ...), but this file holds "
              + node.describe(), "start the file with 'osb: 1'"));
    }
    Node ext = map.get("extends").orElse(null);
    MapNode own = map.without("extends");
    if (ext == null || ext.isReset()) {
      chain.removeLast();
      return own;
    }
    List<ScalarNode> parents = new ArrayList<>();
    if (ext instanceof ScalarNode s && s.tag() == ScalarNode.Tag.STR) {
      parents.add(s);
    } else if (ext instanceof SeqNode q) {
      for (Node item : q.items()) {
        if (item instanceof ScalarNode s && s.tag() == ScalarNode.Tag.STR) {
          parents.add(s);
        } else {
          throw new LoadException(Problem.error(item.location(),
              "'extends' lists file paths, but this item is " + item.describe(),
              "write a path such as ../base/os.yaml"));
        }
      }
    } else {
      throw new LoadException(Problem.error(ext.location(),
          "'extends' is a file path or a list of them, not " + ext.describe(),
          "write extends: ../base/os.yaml"));
    }
    Node merged = null;
    List<Problem> problems = new ArrayList<>();
    for (ScalarNode p : parents) {
      if (p.text().contains("${")) {
        problems.add(Problem.error(p.location(),
            "'extends' is read before interpolation, so '" + p.text() + "' cannot use ${...}",
            "write the path literally"));
        continue;
      }
      ProjectPaths.Resolved r = ProjectPaths.resolve(file.getParent(), p.text(), root, true);
      if (!r.ok()) {
        problems.add(Problem.error(p.location(), "extends: " + r.error(), r.hint()));
        continue;
      }
      Path parent = r.path();
      if (Files.isDirectory(parent)) {
        problems.add(Problem.error(p.location(), "extends: '" + p.text() + "' is a directory",
            "name the os.yaml file inside it"));
        continue;
      }
      if (chain.contains(parent)) {
        List<Path> cycle = new ArrayList<>(chain);
        cycle = cycle.subList(cycle.indexOf(parent), cycle.size());
        String text = cycle.stream().map(x -> Location.display(x, root)).collect(Collectors.joining(" -> "))
            + " -> " + Location.display(parent, root);
        problems.add(Problem.error(p.location(), "extends cycle: " + text,
            "remove one of the 'extends' in the chain"));
        continue;
      }
      MapNode parentTree = load(parent, chain);
      merged = merged == null ? parentTree : Merge.merge(merged, parentTree);
    }
    if (!problems.isEmpty()) {
      throw new LoadException(problems);
    }
    chain.removeLast();
    return merged == null ? own : (MapNode) Merge.merge(merged, own);
  }
}
