package dev.osb.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

  @TempDir Path root;

  private Path write(String rel, String text) throws Exception {
    Path p = root.resolve(rel);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text);
    return p;
  }

  @Test
  void extendsMergesParentsInOrderThenTheFile() throws Exception {
    write("base/a.yaml", "name: a\npackages: [x/a]\n");
    write("base/b.yaml", "name: b\npackages: [x/b]\n");
    Path os = write("os/os.yaml", "extends: [../base/a.yaml, ../base/b.yaml]\npackages: [x/c]\n");
    ConfigLoader.Loaded l = ConfigLoader.load(os, root);
    MapNode t = l.tree();
    assertEquals("b", ((ScalarNode) t.get("name").orElseThrow()).text());
    assertEquals(List.of("x/a", "x/b", "x/c"), ((SeqNode) t.get("packages").orElseThrow()).items()
        .stream().map(n -> ((ScalarNode) n).text()).toList());
    assertEquals(3, l.files().size());
    assertEquals(false, t.has("extends"));
  }

  @Test
  void cycleIsReportedWithItsChain() throws Exception {
    write("a.yaml", "extends: b.yaml\n");
    write("b.yaml", "extends: c.yaml\n");
    write("c.yaml", "extends: a.yaml\n");
    LoadException e = assertThrows(LoadException.class, () -> ConfigLoader.load(root.resolve("a.yaml"), root));
    var p = e.problems().get(0);
    assertEquals("extends cycle: a.yaml -> b.yaml -> c.yaml -> a.yaml", p.message());
    assertEquals(root.resolve("c.yaml"), p.location().file());
    assertEquals(new Location(root.resolve("c.yaml"), 1, 10), p.location());
  }

  @Test
  void extendsOutsideTheProjectIsRefused() throws Exception {
    Path os = write("p/os.yaml", "extends: ../../etc/passwd\n");
    LoadException e = assertThrows(LoadException.class, () -> ConfigLoader.load(os, root.resolve("p")));
    assertEquals(true, e.problems().get(0).message().startsWith("extends: path '../../etc/passwd' leads outside the project root"),
        e.problems().get(0).message());
  }

  @Test
  void extendsThroughASymlinkOutIsRefused() throws Exception {
    Path outside = Files.createTempFile("osb-outside", ".yaml");
    try {
      Files.writeString(outside, "name: x\n");
      Files.createDirectories(root.resolve("p"));
      Files.createSymbolicLink(root.resolve("p/base.yaml"), outside);
      Path os = write("p/os.yaml", "extends: base.yaml\n");
      LoadException e = assertThrows(LoadException.class, () -> ConfigLoader.load(os, root.resolve("p")));
      assertEquals(true, e.problems().get(0).message().contains("is a symlink to"), e.problems().get(0).message());
    } finally {
      Files.deleteIfExists(outside);
    }
  }

  @Test
  void missingParentIsLocated() throws Exception {
    Path os = write("os.yaml", "osb: 1\nextends:\n  - nope.yaml\n");
    LoadException e = assertThrows(LoadException.class, () -> ConfigLoader.load(os, root));
    assertEquals(new Location(os, 3, 5), e.problems().get(0).location());
  }

  @Test
  void aListAtTheTopIsRefused() throws Exception {
    Path os = write("os.yaml", "- a\n- b\n");
    LoadException e = assertThrows(LoadException.class, () -> ConfigLoader.load(os, root));
    assertEquals(true, e.problems().get(0).message().startsWith("an os.yaml is a map of keys"));
  }
}
