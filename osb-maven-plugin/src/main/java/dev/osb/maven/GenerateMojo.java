package dev.osb.maven;

import dev.osb.plan.Plan;
import dev.osb.templates.Generator;
import dev.osb.templates.RenderException;
import dev.osb.templates.Rendered;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import javax.inject.Inject;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * Renders everything catalyst needs into the output directory (default {@code target/osb}):
 * catalyst specs, portage_confdir trees, the generated fsscripts, catalyst.conf, the envscript
 * and Containerfiles, so the build can be read before it runs. Validates first; writes
 * atomically; deletes only files it wrote before; writes nothing when nothing changed. Needs no
 * root and no network.
 */
@Mojo(name = "generate", defaultPhase = LifecyclePhase.GENERATE_RESOURCES, threadSafe = true)
public class GenerateMojo extends AbstractOsbMojo {

  /** Where the rendered tree goes. It may not contain the project's directory or its src/. */
  @Parameter(property = PropertyNames.OUTPUT_DIRECTORY, defaultValue = "${project.build.directory}/osb")
  private File outputDirectory;

  /** Templates here override OSB's built-in templates of the same file name. */
  @Parameter(property = PropertyNames.TEMPLATE_DIRECTORY, defaultValue = "${project.basedir}/src/main/osb/templates")
  private File templateDirectory;

  @Parameter(defaultValue = "${plugin.version}", readonly = true)
  private String pluginVersion;

  @Inject
  public GenerateMojo(SettingsDecrypter decrypter) {
    super(decrypter);
  }

  @Override
  protected String goal() {
    return "generate";
  }

  @Override
  protected void run(Path osYaml) throws MojoExecutionException, MojoFailureException {
    Planned planned = plan(osYaml);
    Optional<String> seed = Optional.empty();
    if (project().getVersion().endsWith("-SNAPSHOT")) {
      try {
        seed = SeedSource.declaredSha512(planned.config().seed());
      } catch (IOException e) {
        throw new MojoExecutionException("cannot read the seed: " + e.getMessage(), e);
      }
      if (seed.isEmpty()) {
        getLog().info("osb:generate: the version stamps carry no input fingerprint yet: the seed artifact is "
            + "resolved by osb:build, which renders them again");
      }
    }
    Rendered rendered;
    if (seed.isPresent()) {
      Stamped stamped = stamp(planned, templateDirectory.toPath(), pluginVersion, seed.get());
      planned = stamped.planned();
      rendered = stamped.rendered();
    } else {
      rendered = render(planned.plan(), templateDirectory.toPath());
    }
    writeRendered(planned.plan(), rendered, outputDirectory.toPath().toAbsolutePath().normalize(), pluginVersion);
  }

  /** Renders the plan, the way osb:generate reports a template that fails. */
  static Rendered render(Plan plan, Path templates) throws MojoFailureException {
    try {
      return Generator.render(plan, templates);
    } catch (RenderException e) {
      throw new MojoFailureException(e.getMessage() + (templateOverridden(templates, e.template())
          ? " (your override in " + templates + " renders a file catalyst would reject or that "
              + "cannot be rendered: fix it or delete it to use OSB's)"
          : " (this is a bug in OSB's template: please report it)"));
    }
  }

  private static boolean templateOverridden(Path dir, String template) {
    return template != null && java.nio.file.Files.isRegularFile(dir.resolve(template));
  }
}
