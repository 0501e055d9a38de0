package dev.osb.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageBuilderTest {

  @TempDir Path tmp;

  private Path containerfile(String dir, String text) throws Exception {
    Path d = Files.createDirectories(tmp.resolve(dir));
    return Files.writeString(d.resolve("catalyst.Containerfile"), text, StandardCharsets.UTF_8);
  }

  @Test
  void argvIsExact() {
    Path f = Path.of("/p/containers/catalyst.Containerfile");
    Path c = Path.of("/store/builds");
    assertEquals(List.of("podman", "image", "exists", "osb-catalyst:0123456789abcdef"),
        ImageBuilder.existsArgv("podman", "osb-catalyst:0123456789abcdef"));
    assertEquals(List.of("docker", "image", "inspect", "osb-catalyst:0123456789abcdef"),
        ImageBuilder.existsArgv("docker", "osb-catalyst:0123456789abcdef"));
    assertEquals(List.of("podman", "build", "--pull=never", "-t", "x:1", "-f", "/p/containers/catalyst.Containerfile",
        "/store/builds"), ImageBuilder.buildArgv("podman", "x:1", f, c));
    assertEquals(List.of("/usr/bin/docker", "build", "--pull=false", "-t", "x:1", "-f",
        "/p/containers/catalyst.Containerfile", "/store/builds"), ImageBuilder.buildArgv("/usr/bin/docker", "x:1", f, c));
    assertEquals(List.of("podman", "tag", "a:1", "a:2"), ImageBuilder.tagArgv("podman", "a:1", "a:2"));
    assertThrows(IllegalArgumentException.class, () -> ImageBuilder.existsArgv("nerdctl", "x:1"));
  }

  @Test
  void tagIsStableAcrossDirectoriesAndOrder() throws Exception {
    Path a = containerfile("a", "FROM scratch\nADD x.tar /\n");
    Path b = containerfile("b/deeper", "FROM scratch\nADD x.tar /\n");
    Map<String, String> in1 = new LinkedHashMap<>();
    in1.put("x.tar", "aa");
    in1.put("y.tar", "bb");
    Map<String, String> in2 = new TreeMap<>(java.util.Comparator.reverseOrder());
    in2.putAll(in1);
    String t = ImageBuilder.tag("osb-portage", a, in1);
    assertTrue(t.matches("osb-portage:[0-9a-f]{16}"), t);
    assertEquals(t, ImageBuilder.tag("osb-portage", b, in2));
    assertEquals(t, ImageBuilder.tag("osb-portage", a, in1));
  }

  @Test
  void tagChangesWithEveryInput() throws Exception {
    Path a = containerfile("a", "FROM scratch\nADD x.tar /\n");
    String base = ImageBuilder.tag("osb-portage", a, Map.of("x.tar", "aa"));
    List<String> others = new ArrayList<>();
    others.add(ImageBuilder.tag("osb-portage", containerfile("b", "FROM scratch\nADD x.tar / \n"), Map.of("x.tar", "aa")));
    others.add(ImageBuilder.tag("osb-portage", containerfile("c", "FROM scratch\nADD x.tar /\n\n"), Map.of("x.tar", "aa")));
    others.add(ImageBuilder.tag("osb-portage", a, Map.of("x.tar", "ab")));
    others.add(ImageBuilder.tag("osb-portage", a, Map.of("y.tar", "aa")));
    others.add(ImageBuilder.tag("osb-portage", a, Map.of()));
    others.add(ImageBuilder.tag("osb-portage", a, Map.of("x.tar", "aa", "z", "1")));
    // no ambiguity between the name/value boundary
    others.add(ImageBuilder.tag("osb-portage", a, Map.of("x.ta", "raa")));
    for (String o : others) {
      assertNotEquals(base, o);
      assertTrue(o.startsWith("osb-portage:"));
    }
    assertEquals(others.size(), others.stream().distinct().count());
    assertThrows(IllegalArgumentException.class, () -> ImageBuilder.tag("osb-portage:1", a, Map.of()));
    assertThrows(IllegalArgumentException.class, () -> ImageBuilder.tag("osb", a, Map.of("a\nb", "1")));
  }

  @Test
  void sha256OfAFile() throws Exception {
    Path f = Files.writeString(tmp.resolve("f"), "abc");
    assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", ImageBuilder.sha256(f));
  }

  private record Call(String what, List<String> argv) {}

  @Test
  void ensureBuildsOnlyWhenMissing() throws Exception {
    Path f = containerfile("a", "FROM scratch\n");
    Path ctx = tmp.resolve("ctx");
    List<Call> calls = new ArrayList<>();
    String tag = ImageBuilder.ensure("podman", "osb-catalyst", f, ctx, Map.of("s.tar", "1"), (what, argv) -> {
      calls.add(new Call(what, argv));
      return argv.get(1).equals("image") ? 1 : 0;
    });
    assertEquals(ImageBuilder.tag("osb-catalyst", f, Map.of("s.tar", "1")), tag);
    assertEquals(List.of(ImageBuilder.existsArgv("podman", tag), ImageBuilder.buildArgv("podman", tag, f, ctx)),
        calls.stream().map(Call::argv).toList());

    calls.clear();
    assertEquals(tag, ImageBuilder.ensure("podman", "osb-catalyst", f, ctx, Map.of("s.tar", "1"), (what, argv) -> {
      calls.add(new Call(what, argv));
      return 0;
    }));
    assertEquals(List.of(ImageBuilder.existsArgv("podman", tag)), calls.stream().map(Call::argv).toList());

    ImageException e = assertThrows(ImageException.class, () -> ImageBuilder.ensure("docker", "osb-catalyst", f, ctx,
        Map.of(), (what, argv) -> argv.get(1).equals("image") ? 1 : 125));
    assertTrue(e.getMessage().contains("exit code 125"), e.getMessage());
    assertTrue(e.getMessage().contains("osb-catalyst:"), e.getMessage());
  }
}
