package dev.osb.templates;

import freemarker.cache.ClassTemplateLoader;
import freemarker.cache.FileTemplateLoader;
import freemarker.cache.MultiTemplateLoader;
import freemarker.cache.TemplateLoader;
import freemarker.core.TemplateClassResolver;
import freemarker.template.Configuration;
import freemarker.template.DefaultObjectWrapperBuilder;
import freemarker.template.Template;
import freemarker.template.TemplateException;
import freemarker.template.TemplateExceptionHandler;
import freemarker.template.TemplateMethodModelEx;
import freemarker.template.TemplateModelException;
import freemarker.template.TemplateScalarModel;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TimeZone;

/**
 * Renders OSB's FreeMarker templates with a strict configuration: a missing value fails, the
 * locale and time zone are fixed, numbers print as in code, no API or class-creation built-ins.
 * Templates whose name ends in {@code .sh.ftl}, {@code .Containerfile.ftl} or {@code .env.ftl}
 * use square-bracket interpolation ({@code [=x]}), so {@code ${VAR}} stays shell. A project
 * overrides any template with a file of the same name in its override directory
 * ({@code src/main/osb/templates/}).
 *
 * <p>Every template gets {@code q}, a method that single-quotes a string for POSIX shells.
 */
public final class Renderer {

  /** The FreeMarker compatibility level; changing it can change output, so it is pinned. */
  static final freemarker.template.Version VERSION = Configuration.VERSION_2_3_34;

  private final Configuration cfg;

  /** A renderer reading templates from {@code overrideDir} (when it exists) before the built-ins. */
  public Renderer(Path overrideDir) {
    cfg = new Configuration(VERSION);
    List<TemplateLoader> loaders = new java.util.ArrayList<>();
    if (overrideDir != null && Files.isDirectory(overrideDir)) {
      try {
        loaders.add(new FileTemplateLoader(overrideDir.toFile()));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read template directory " + overrideDir, e);
      }
    }
    loaders.add(new ClassTemplateLoader(Renderer.class, "/dev/osb/templates"));
    cfg.setTemplateLoader(new MultiTemplateLoader(loaders.toArray(new TemplateLoader[0])));
    cfg.setDefaultEncoding("UTF-8");
    cfg.setOutputEncoding("UTF-8");
    cfg.setLocale(Locale.ROOT);
    cfg.setTimeZone(TimeZone.getTimeZone("UTC"));
    cfg.setSQLDateAndTimeTimeZone(TimeZone.getTimeZone("UTC"));
    cfg.setNumberFormat("c");
    cfg.setBooleanFormat("c");
    cfg.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER);
    cfg.setLogTemplateExceptions(false);
    cfg.setWrapUncheckedExceptions(true);
    cfg.setFallbackOnNullLoopVariable(false);
    cfg.setAPIBuiltinEnabled(false);
    cfg.setNewBuiltinClassResolver(TemplateClassResolver.ALLOWS_NOTHING_RESOLVER);
    cfg.setWhitespaceStripping(true);
    cfg.setLocalizedLookup(false);
    cfg.setTemplateUpdateDelayMilliseconds(Long.MAX_VALUE);
    DefaultObjectWrapperBuilder wrapper = new DefaultObjectWrapperBuilder(VERSION);
    wrapper.setExposeFields(false);
    cfg.setObjectWrapper(wrapper.build());
    cfg.setTemplateConfigurations(new freemarker.cache.ConditionalTemplateConfigurationFactory(
        new freemarker.cache.OrMatcher(
            new freemarker.cache.FileNameGlobMatcher("*.sh.ftl"),
            new freemarker.cache.FileNameGlobMatcher("*.Containerfile.ftl"),
            new freemarker.cache.FileNameGlobMatcher("*.env.ftl")),
        squareBrackets()));
    cfg.setSharedVariable("q", (TemplateMethodModelEx) Renderer::quote);
  }

  private static freemarker.core.TemplateConfiguration squareBrackets() {
    freemarker.core.TemplateConfiguration tc = new freemarker.core.TemplateConfiguration();
    tc.setInterpolationSyntax(Configuration.SQUARE_BRACKET_INTERPOLATION_SYNTAX);
    tc.setTagSyntax(Configuration.SQUARE_BRACKET_TAG_SYNTAX);
    return tc;
  }

  private static Object quote(List<?> args) throws TemplateModelException {
    if (args.size() != 1 || !(args.get(0) instanceof TemplateScalarModel s)) {
      throw new TemplateModelException("q(value) takes one string");
    }
    return shellQuote(s.getAsString());
  }

  /** {@code 'value'}, with each {@code '} written as {@code '\''}. */
  public static String shellQuote(String value) {
    return "'" + value.replace("'", "'\\''") + "'";
  }

  /**
   * Renders {@code name} with {@code model}. A template error names the template and line; it
   * is a bug in a template (or a user's override), never a user input problem.
   */
  public String render(String name, Map<String, ?> model) {
    try {
      Template t = cfg.getTemplate(name);
      StringWriter out = new StringWriter();
      t.process(new HashMap<>(model), out);
      return out.toString();
    } catch (TemplateException e) {
      throw new RenderException(name, e.getTemplateSourceName(), e.getLineNumber(), e.getMessageWithoutStackTop(), e);
    } catch (IOException e) {
      throw new RenderException(name, name, null, "cannot read template: " + e.getMessage(), e);
    }
  }

  /** Whether a template of this name comes from the override directory. */
  public boolean isOverridden(String name, Path overrideDir) {
    return overrideDir != null && Files.isRegularFile(overrideDir.resolve(name));
  }
}
