package dev.osb.templates;

import dev.osb.catalyst.KeyTables;
import dev.osb.plan.Build;
import dev.osb.plan.CatalystConf;
import dev.osb.plan.Plan;
import dev.osb.plan.PortageFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Plan in, the whole output tree out ({@code target/osb}); pure, no Maven, no file writes.
 *
 * <pre>
 * catalyst.conf, catalyst-sticky.conf   catalyst.conf.ftl, one per Plan.confs (by name)
 * envscript                             envscript.env.ftl
 * specs/&lt;id&gt;.spec                      spec.ftl, re-parsed and checked
 * portage/&lt;id&gt;/&lt;path&gt;                portage-file.ftl, or the source file's bytes
 * fsscript/&lt;id&gt;.sh                     fsscript.sh.ftl, for builds with a Fsscript
 * containers/portage.Containerfile      portage.Containerfile.ftl
 * containers/catalyst.Containerfile     catalyst.Containerfile.ftl
 * containers/&lt;id&gt;.Containerfile        stage.Containerfile.ftl, builds that leave a tarball
 * </pre>
 *
 * <p>Deterministic: the same plan gives the same bytes. Rendered text is UTF-8 with LF line
 * ends ({@code \r\n} from an override template becomes {@code \n}); copied files keep their
 * bytes. Every template only prints: the decisions are in {@link SpecLine}, {@link ConfView}
 * and {@link Containers}. A template that makes catalyst read something else (a spec that does
 * not parse back to the plan's keys, a catalyst.conf key catalyst does not know) fails with a
 * {@link RenderException} naming the template.
 */
public final class Generator {

  public static final String SPEC = "spec.ftl";
  public static final String PORTAGE_FILE = "portage-file.ftl";
  public static final String CONF = "catalyst.conf.ftl";
  public static final String ENVSCRIPT = "envscript.env.ftl";
  public static final String FSSCRIPT = "fsscript.sh.ftl";
  public static final String PORTAGE_CONTAINER = "portage.Containerfile.ftl";
  public static final String CATALYST_CONTAINER = "catalyst.Containerfile.ftl";
  public static final String STAGE_CONTAINER = "stage.Containerfile.ftl";

  /** Every template the generator uses, for an override directory's documentation and checks. */
  public static final List<String> TEMPLATES = List.of(SPEC, PORTAGE_FILE, CONF, ENVSCRIPT, FSSCRIPT,
      PORTAGE_CONTAINER, CATALYST_CONTAINER, STAGE_CONTAINER);

  private static final Pattern FILE_NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]*");

  private final Renderer renderer;
  private final Path overrideDir;

  private Generator(Path overrideDir) {
    this.overrideDir = overrideDir;
    this.renderer = new Renderer(overrideDir);
  }

  /**
   * Renders every file of {@code plan}.
   *
   * @param overrideDir a directory of templates that replace the built-in ones of the same
   *     name, or null
   * @throws RenderException a template failed or rendered something catalyst would misread
   * @throws IllegalArgumentException the plan holds a value no template may print (a label with
   *     a newline, two outputs with one path, ...)
   * @throws UncheckedIOException a portage source file cannot be read
   */
  public static Rendered render(Plan plan, Path overrideDir) {
    return new Generator(overrideDir).all(plan);
  }

  private Rendered all(Plan plan) {
    Rendered.Builder out = new Rendered.Builder();
    Set<String> confNames = new HashSet<>();
    for (CatalystConf c : plan.confs()) {
      String name = fileName("catalyst.conf name", c.name());
      if (name.equals("envscript")) {
        throw new IllegalArgumentException("a catalyst.conf cannot be named 'envscript'");
      }
      confNames.add(name);
      out.add(name, conf(plan, c));
    }
    out.add("envscript", render(ENVSCRIPT, Map.of("lines", lines("envscript", plan.envscript()), "plan", plan)));
    for (Build b : plan.builds()) {
      String id = fileName("build id", b.id());
      if (!confNames.contains(b.conf())) {
        throw new IllegalArgumentException("build '" + id + "' runs with catalyst.conf '" + b.conf()
            + "', which the plan does not have (" + confNames + ")");
      }
      out.add("specs/" + id + ".spec", spec(plan, b));
      for (PortageFile f : b.portage()) {
        out.add("portage/" + id + "/" + Rendered.checkPath(f.path()), portageFile(plan, b, f));
      }
      if (b.fsscript() != null) {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("fs", b.fsscript());
        model.put("plan", plan);
        model.put("build", b);
        out.add("fsscript/" + id + ".sh", render(FSSCRIPT, model));
      }
      if (Containers.yieldsTarball(b)) {
        if (id.equals("portage") || id.equals("catalyst")) {
          throw new IllegalArgumentException("build '" + id + "': containers/" + id
              + ".Containerfile is the " + id + " image's; rename the build");
        }
        out.add("containers/" + id + ".Containerfile",
            render(STAGE_CONTAINER, Map.of("c", Containers.stage(plan, b), "plan", plan, "build", b)));
      }
    }
    out.add("containers/portage.Containerfile",
        render(PORTAGE_CONTAINER, Map.of("c", Containers.portage(plan), "plan", plan)));
    out.add("containers/catalyst.Containerfile",
        render(CATALYST_CONTAINER, Map.of("c", Containers.catalyst(plan), "plan", plan)));
    return out.build();
  }

  private String spec(Plan plan, Build b) {
    String text = render(SPEC, Map.of("lines", SpecLine.of(b.spec()), "build", b, "plan", plan));
    SpecVerifier.verify(SPEC, source(SPEC), "specs/" + b.id() + ".spec", b.spec(), text);
    return text;
  }

  private String conf(Plan plan, CatalystConf c) {
    String text = render(CONF, Map.of("c", ConfView.of(c), "conf", c, "plan", plan));
    List<String> keys;
    try {
      keys = Toml.topLevelKeys(text);
    } catch (IllegalArgumentException e) {
      throw new RenderException(CONF, source(CONF), null, c.name() + ": not TOML catalyst can read: "
          + e.getMessage(), e);
    }
    Set<String> seen = new HashSet<>();
    for (String k : keys) {
      if (!KeyTables.CATALYST_CONF_KEYS.contains(k)) {
        throw new RenderException(CONF, source(CONF), null, c.name() + ": key '" + k
            + "' is not a catalyst.conf key; catalyst stops on it (known: " + KeyTables.CATALYST_CONF_KEYS + ")", null);
      }
      if (!seen.add(k)) {
        throw new RenderException(CONF, source(CONF), null, c.name() + ": key '" + k + "' is set twice", null);
      }
    }
    if (!seen.contains("options")) {
      throw new RenderException(CONF, source(CONF), null, c.name()
          + ": 'options' is missing; catalyst crashes without it (write options = [] for none)", null);
    }
    return text;
  }

  private byte[] portageFile(Plan plan, Build b, PortageFile f) {
    if (f.source() != null) {
      try {
        return Files.readAllBytes(f.source());
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + f.source() + " (portage/" + b.id() + "/" + f.path() + ")", e);
      }
    }
    String text = render(PORTAGE_FILE,
        Map.of("lines", lines("portage/" + b.id() + "/" + f.path(), f.lines()), "file", f, "build", b, "plan", plan));
    return text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }

  private String render(String template, Map<String, ?> model) {
    try {
      return renderer.render(template, model).replace("\r\n", "\n");
    } catch (RenderException e) {
      if (renderer.isOverridden(template, overrideDir) && e.source().equals(template)) {
        throw new RenderException(template, source(template), e.line(), e.detail(), e);
      }
      throw e;
    }
  }

  /** The template name, or the override file it comes from. */
  private String source(String template) {
    return renderer.isOverridden(template, overrideDir) ? overrideDir.resolve(template).toString() : template;
  }

  /** Lines printed one per line: none may hold a line break. */
  private static List<String> lines(String what, List<String> lines) {
    for (String l : lines) {
      if (l.indexOf('\n') >= 0 || l.indexOf('\r') >= 0) {
        throw new IllegalArgumentException(what + ": a line contains a line break: "
            + l.replace("\n", "\\n").replace("\r", "\\r"));
      }
    }
    return lines;
  }

  private static String fileName(String what, String name) {
    if (name == null || !FILE_NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(what + " '" + name + "' is not a plain file name");
    }
    return name;
  }
}
