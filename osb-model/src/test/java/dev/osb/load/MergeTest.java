package dev.osb.load;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class MergeTest {

  private static MapNode yaml(String name, String text) throws LoadException {
    return (MapNode) YamlReader.parse(Path.of(name), text);
  }

  private static List<String> texts(Node seq) {
    return ((SeqNode) seq).items().stream().map(n -> ((ScalarNode) n).text()).toList();
  }

  @Test
  void listsAppendMapsMergeScalarsLastWins() throws Exception {
    MapNode base = yaml("base.yaml", "name: a\npackages: [x/a]\nsystem: { hostname: h, timezone: UTC }\n");
    MapNode over = yaml("os.yaml", "name: b\npackages: [x/b]\nsystem: { hostname: k }\n");
    MapNode m = (MapNode) Merge.merge(base, over);
    assertEquals("b", ((ScalarNode) m.get("name").orElseThrow()).text());
    assertEquals(List.of("x/a", "x/b"), texts(m.get("packages").orElseThrow()));
    MapNode sys = (MapNode) m.get("system").orElseThrow();
    assertEquals("k", ((ScalarNode) sys.get("hostname").orElseThrow()).text());
    assertEquals("UTC", ((ScalarNode) sys.get("timezone").orElseThrow()).text());
  }

  @Test
  void everyLeafKeepsTheFileThatSetIt() throws Exception {
    MapNode base = yaml("base.yaml", "system: { hostname: h, timezone: UTC }\n");
    MapNode over = yaml("os.yaml", "system: { hostname: k }\n");
    MapNode sys = (MapNode) ((MapNode) Merge.merge(base, over)).get("system").orElseThrow();
    assertEquals(Path.of("os.yaml"), sys.get("hostname").orElseThrow().location().file());
    assertEquals(Path.of("base.yaml"), sys.get("timezone").orElseThrow().location().file());
  }

  @Test
  void nullAndEmptyListReset() throws Exception {
    MapNode base = yaml("base.yaml", "packages: [x/a]\nkernel: { name: k, package: sys-kernel/x }\n");
    MapNode over = yaml("os.yaml", "packages: []\nkernel: null\n");
    MapNode m = (MapNode) Merge.merge(base, over);
    assertEquals(List.of(), texts(m.get("packages").orElseThrow()));
    assertEquals(true, m.get("kernel").orElseThrow().isReset());
  }

  @Test
  void oneValueListsAreReplaced() throws Exception {
    MapNode base = yaml("base.yaml", "stages: [stage1, stage3, stage4]\nkernel: { dracut_args: [--xz] }\n");
    MapNode over = yaml("os.yaml", "stages: [stage4]\nkernel: { dracut_args: [--zstd] }\n");
    MapNode m = (MapNode) Merge.merge(base, over);
    assertEquals(List.of("stage4"), texts(m.get("stages").orElseThrow()));
    assertEquals(List.of("--zstd"), texts(((MapNode) m.get("kernel").orElseThrow()).get("dracut_args").orElseThrow()));
  }
}
