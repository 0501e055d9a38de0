package dev.osb.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.osb.catalyst.KeyTables;
import dev.osb.model.BuildSettings;
import dev.osb.model.Init;
import dev.osb.model.Snapshot;
import dev.osb.model.Stage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Keeps os.schema.json (the JSON Schema editors use for os.yaml) equal to the language: for every
 * section of {@link Keys} the schema's object has exactly the same keys, in the same order, and
 * refuses any other; the enums and defaults are the binder's; the plugin jar ships the file.
 *
 * <p>A section path is walked through the schema: {@code a.b} is property b of property a, {@code
 * []} the map form of a list item (for {@code packages[]}, the settings under the atom), {@code
 * *} the value of a map keyed by a free name; {@code $ref}, {@code allOf}, {@code anyOf} and
 * {@code oneOf} are followed.
 */
class SchemaTest {

  static final String FILE = "os.schema.json";

  static Path schemaFile;
  static Map<String, Object> schema;

  @BeforeAll
  static void load() throws IOException {
    schemaFile = find();
    Load load = new Load(LoadSettings.builder().setLabel(FILE).build());
    schema = map(load.loadFromString(Files.readString(schemaFile)), FILE);
  }

  /** The os.schema.json in the working directory or the nearest directory above it. */
  static Path find() {
    Path start = Path.of(System.getProperty("user.dir")).toAbsolutePath();
    for (Path d = start; d != null; d = d.getParent()) {
      if (Files.isRegularFile(d.resolve(FILE))) {
        return d.resolve(FILE);
      }
    }
    return fail("no " + FILE + " in " + start + " or any directory above it");
  }

  // ---------------------------------------------------------------- keys

  @Test
  void everySectionHasExactlyTheKeysOfKeysJava() {
    List<String> failures = new ArrayList<>();
    for (Map.Entry<String, List<String>> s : Keys.sections().entrySet()) {
      String section = s.getKey();
      Map<String, Object> object;
      try {
        object = section(section);
      } catch (AssertionError e) {
        failures.add(e.getMessage());
        continue;
      }
      compare(label(section), s.getValue(), object, failures);
    }
    assertNoFailures(failures);
  }

  @Test
  void aVariantTakesTheTopLevelKeysExceptTheChainWideOnes() {
    List<String> expected =
        Keys.of("").stream().filter(k -> !Keys.NOT_IN_VARIANT.contains(k)).toList();
    Map<String, Object> variant =
        objectOf(property(section(""), "variants", "variants"), "*", "variants.*");
    List<String> failures = new ArrayList<>();
    compare("variants.<name>", expected, variant, failures);
    assertNoFailures(failures);
  }

  @Test
  void aBuildsPortageIsThePortageSection() {
    Map<String, Object> portage =
        objectOf(property(section("builds.*"), "portage", "builds.*.portage"), null, "builds.*.portage");
    List<String> failures = new ArrayList<>();
    compare("builds.<name>.portage", Keys.of("portage"), portage, failures);
    assertNoFailures(failures);
  }

  @Test
  void everyKeyHasADescription() {
    List<String> missing = new ArrayList<>();
    for (String section : Keys.sections().keySet()) {
      Map<String, Object> properties = map(section(section).get("properties"), section);
      for (Map.Entry<String, Object> p : properties.entrySet()) {
        boolean described =
            alternatives(p.getValue()).stream().anyMatch(a -> a.get("description") instanceof String);
        if (!described) {
          missing.add(label(section) + "." + p.getKey());
        }
      }
    }
    assertTrue(missing.isEmpty(), "keys without a description in " + FILE + ": " + missing);
  }

  // ---------------------------------------------------------------- enums and defaults

  @Test
  void enumsAreTheBindersChoices() {
    assertEquals(Binder.COMPRESSIONS, enumOf("build", "compression"), "build.compression");
    assertEquals(Binder.CACHES,
        enumOf(items(property(section("build"), "cache", "build.cache"), "build.cache")), "build.cache items");
    assertEquals(Arrays.stream(BuildSettings.Runner.values()).map(BuildSettings.Runner::id).toList(),
        enumOf("build", "runner"), "build.runner");
    assertEquals(Arrays.stream(Init.values()).map(Init::id).toList(), enumOf("", "init"), "init");
    assertEquals(Arrays.stream(Stage.values()).map(Stage::id).toList(),
        enumOf(items(property(section(""), "stages", "stages"), "stages")), "stages items");
    Set<String> targets = KeyTables.targets().stream().filter(t -> !t.equals("snapshot"))
        .collect(Collectors.toCollection(LinkedHashSet::new));
    assertEquals(targets, new LinkedHashSet<>(enumOf("builds.*", "target")),
        "builds.<name>.target: every catalyst target but snapshot");
  }

  @Test
  void defaultsAreTheBindersDefaults() {
    BuildSettings d = BuildSettings.defaults();
    assertDefault(d.runner().id(), "build", "runner");
    assertDefault(d.jobs(), "build", "jobs");
    assertDefault(d.compression(), "build", "compression");
    assertDefault(d.cache(), "build", "cache");
    assertDefault(d.ccache(), "build", "ccache");
    assertDefault(Snapshot.DEFAULT_REPO, "snapshot", "repo");
    assertDefault(List.of(Stage.STAGE4.id()), "", "stages");
    assertDefault("amd64", "", "arch");
    assertDefault("default", "", "name");
    assertDefault("gentoo", "kernel", "name");
    assertDefault(true, "binpkgs.ship", "verify_signature");
    assertDefault(false, "repos[]", "keep");
    assertDefault("default", "services.enable[]", "runlevel");
  }

  private static void assertDefault(Object expected, String section, String key) {
    assertEquals(expected, defaultOf(section, key),
        "the default of " + (section.isEmpty() ? "" : section + ".") + key + " in " + FILE);
  }

  // ---------------------------------------------------------------- the plugin ships it

  @Test
  void thePluginJarShipsTheSchemaAsDevOsbOsSchemaJson() throws Exception {
    Path root = schemaFile.getParent();
    Path pom = root.resolve("osb-maven-plugin/pom.xml");
    assertTrue(Files.isRegularFile(pom), FILE + " must sit in the reactor root, beside osb-maven-plugin/");
    Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(pom.toFile());
    NodeList resources = doc.getElementsByTagName("resource");
    List<String> seen = new ArrayList<>();
    for (int i = 0; i < resources.getLength(); i++) {
      Element r = (Element) resources.item(i);
      String directory = text(r, "directory");
      String targetPath = text(r, "targetPath");
      NodeList includes = r.getElementsByTagName("include");
      for (int j = 0; j < includes.getLength(); j++) {
        String include = includes.item(j).getTextContent().trim();
        seen.add(directory + "/" + include + " -> " + targetPath);
        if (include.equals(FILE) && directory != null) {
          Path dir = Path.of(directory.replace("${project.basedir}", pom.getParent().toString())).normalize();
          assertEquals(root.normalize(), dir, "the resource directory of " + FILE + " in " + pom);
          assertEquals("dev/osb", targetPath, "the jar path of " + FILE + " (dev/osb/" + FILE + ")");
          return;
        }
      }
    }
    fail(pom + " copies no " + FILE + " into the plugin jar; its resources: " + seen);
  }

  // ---------------------------------------------------------------- walking the schema

  /** The schema object of a Keys section path such as {@code services.enable[]}. */
  static Map<String, Object> section(String path) {
    Object cur = schema;
    if (!path.isEmpty()) {
      for (String segment : path.split("\\.")) {
        boolean item = segment.endsWith("[]");
        String name = item ? segment.substring(0, segment.length() - 2) : segment;
        cur = name.equals("*") ? step(cur, "*", path) : property(cur, name, path);
        if (item) {
          cur = step(cur, "[]", path);
        }
      }
    }
    return objectOf(cur, null, path);
  }

  /** The schema of property {@code name} of the object schema {@code node}. */
  static Object property(Object node, String name, String path) {
    for (Map<String, Object> a : alternatives(node)) {
      if (a.get("properties") instanceof Map<?, ?> p && p.containsKey(name)) {
        return p.get(name);
      }
    }
    return fail(FILE + " has no property '" + name + "' on the way to section '" + label(path) + "'");
  }

  /** {@code []}: the map form of a list item; {@code *}: the value of a map keyed by name. */
  static Object step(Object node, String how, String path) {
    if (how.equals("*")) {
      for (Map<String, Object> a : alternatives(node)) {
        if (a.get("additionalProperties") instanceof Map<?, ?> v) {
          return v;
        }
      }
      return fail(FILE + ": section '" + label(path)
          + "' needs a map keyed by name (additionalProperties: {...})");
    }
    for (Map<String, Object> a : alternatives(node)) {
      if (a.containsKey("items")) {
        for (Map<String, Object> item : alternatives(a.get("items"))) {
          if (item.containsKey("properties")) {
            return item;
          }
        }
        for (Map<String, Object> item : alternatives(a.get("items"))) {
          if (item.get("additionalProperties") instanceof Map<?, ?> v) {
            return v;
          }
        }
      }
    }
    return fail(FILE + ": section '" + label(path) + "' needs list items that may be maps");
  }

  static Map<String, Object> objectOf(Object node, String how, String path) {
    Object n = how == null ? node : step(node, how, path);
    for (Map<String, Object> a : alternatives(n)) {
      if (a.containsKey("properties")) {
        return a;
      }
    }
    return fail(FILE + ": section '" + label(path) + "' has no object schema with properties");
  }

  /** The node (references followed) and every alternative of its allOf, anyOf and oneOf. */
  static List<Map<String, Object>> alternatives(Object node) {
    List<Map<String, Object>> out = new ArrayList<>();
    collect(node, out, 0);
    return out;
  }

  private static void collect(Object node, List<Map<String, Object>> out, int depth) {
    if (depth > 20) {
      fail(FILE + ": $ref or allOf/anyOf/oneOf nested more than 20 deep (a cycle?)");
    }
    Map<String, Object> m = map(node, "a schema");
    if (m.get("$ref") instanceof String ref) {
      collect(pointer(ref), out, depth + 1);
      return;
    }
    out.add(m);
    for (String k : List.of("allOf", "anyOf", "oneOf")) {
      if (m.get(k) instanceof List<?> list) {
        for (Object x : list) {
          collect(x, out, depth + 1);
        }
      }
    }
  }

  /** A local reference, {@code #/definitions/portage}. */
  static Object pointer(String ref) {
    if (!ref.startsWith("#")) {
      return fail(FILE + ": only local references are used, not '" + ref + "'");
    }
    Object cur = schema;
    for (String raw : ref.substring(1).split("/")) {
      if (raw.isEmpty()) {
        continue;
      }
      String key = raw.replace("~1", "/").replace("~0", "~");
      if (!(cur instanceof Map<?, ?> m) || !m.containsKey(key)) {
        return fail(FILE + ": '$ref: " + ref + "' points at nothing");
      }
      cur = m.get(key);
    }
    return cur;
  }

  // ---------------------------------------------------------------- helpers

  private static void compare(
      String label, List<String> keys, Map<String, Object> object, List<String> failures) {
    List<String> inSchema = new ArrayList<>(map(object.get("properties"), label).keySet());
    List<String> onlyKeys = keys.stream().filter(k -> !inSchema.contains(k)).toList();
    List<String> onlySchema = inSchema.stream().filter(k -> !keys.contains(k)).toList();
    if (!onlyKeys.isEmpty() || !onlySchema.isEmpty()) {
      List<String> parts = new ArrayList<>();
      if (!onlyKeys.isEmpty()) {
        parts.add("only in Keys.java " + onlyKeys);
      }
      if (!onlySchema.isEmpty()) {
        parts.add("only in " + FILE + " " + onlySchema);
      }
      failures.add("section '" + label + "': " + String.join(", ", parts));
    } else if (!inSchema.equals(keys)) {
      failures.add("section '" + label + "': keys in " + FILE + " " + inSchema
          + " are not in Keys.java order " + keys);
    }
    if (!Objects.equals(object.get("additionalProperties"), Boolean.FALSE)) {
      failures.add("section '" + label + "': additionalProperties must be false (unknown keys are errors), "
          + "not " + object.get("additionalProperties"));
    }
  }

  private static void assertNoFailures(List<String> failures) {
    if (!failures.isEmpty()) {
      fail(FILE + " differs from dev.osb.validate.Keys (change both together):\n  "
          + String.join("\n  ", failures));
    }
  }

  private static List<String> enumOf(String section, String key) {
    return enumOf(property(section(section), key, section + "." + key));
  }

  /** The non-null values of an enum, found on the schema or one of its alternatives. */
  private static List<String> enumOf(Object node) {
    for (Map<String, Object> a : alternatives(node)) {
      if (a.get("enum") instanceof List<?> values) {
        return values.stream().filter(Objects::nonNull).map(String::valueOf).toList();
      }
    }
    return fail(FILE + ": no enum in " + node);
  }

  private static Object items(Object node, String what) {
    for (Map<String, Object> a : alternatives(node)) {
      if (a.containsKey("items")) {
        return a.get("items");
      }
    }
    return fail(FILE + ": " + what + " has no items");
  }

  private static Object defaultOf(String section, String key) {
    for (Map<String, Object> a : alternatives(property(section(section), key, section + "." + key))) {
      if (a.containsKey("default")) {
        return a.get("default");
      }
    }
    return fail(FILE + ": " + label(section) + "." + key + " has no default");
  }

  private static String label(String section) {
    return section.isEmpty() ? "(top level)" : section;
  }

  private static String text(Element parent, String tag) {
    NodeList l = parent.getElementsByTagName(tag);
    return l.getLength() == 0 ? null : l.item(0).getTextContent().trim();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object o, String what) {
    if (!(o instanceof Map<?, ?>)) {
      return fail(FILE + ": expected an object for " + what + ", found " + o);
    }
    return (Map<String, Object>) o;
  }
}
