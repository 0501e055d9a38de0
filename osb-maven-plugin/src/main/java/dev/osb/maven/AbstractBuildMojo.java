package dev.osb.maven;

import dev.osb.build.Fingerprints;
import dev.osb.build.Progress;
import dev.osb.build.Store;
import dev.osb.load.Inputs;
import dev.osb.model.OsConfig;
import dev.osb.plan.Plan;
import dev.osb.templates.Rendered;
import java.io.File;
import java.nio.file.Path;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * What osb:build and osb:package share: the store, the rendered tree, and the input fingerprint
 * of every build, computed as osb:plan computes them.
 */
public abstract class AbstractBuildMojo extends AbstractOsbMojo {

  /** The catalyst store (catalyst's storedir), shared by projects. */
  @Parameter(property = PropertyNames.STORE, defaultValue = "${user.home}/.osb/store")
  private File store;

  /** Where osb:generate writes the rendered tree, which the runner mounts at /osb/out. */
  @Parameter(property = PropertyNames.OUTPUT_DIRECTORY, defaultValue = "${project.build.directory}/osb")
  private File outputDirectory;

  /** Templates here override OSB's built-in templates of the same file name. */
  @Parameter(property = PropertyNames.TEMPLATE_DIRECTORY, defaultValue = "${project.basedir}/src/main/osb/templates")
  private File templateDirectory;

  @Parameter(defaultValue = "${plugin.version}", readonly = true)
  private String pluginVersion;

  protected AbstractBuildMojo(SettingsDecrypter decrypter) {
    super(decrypter);
  }

  /** A validated, planned and rendered os.yaml with its store and fingerprints. */
  protected record Prepared(OsConfig os, Plan plan, Rendered rendered, Inputs inputs, Path out, Store store,
      String containerfileSha256, String seedSha512, Fingerprints fingerprints, Path seedFile) {}

  protected final String pluginVersion() {
    return pluginVersion;
  }

  /**
   * Validates, plans and renders; fingerprints every build as osb:plan does, against the seed's
   * SHA-512: from the os.yaml, a seed file's own when it gives none, or the resolved artifact's
   * (seed.artifact, or the POM's provided stage4 dependency); for a SNAPSHOT version plans and
   * renders again with the fingerprints in the version stamps ({@link #stamp}); with
   * {@code write}, writes that rendering as osb:generate does.
   */
  protected final Prepared prepare(Path osYaml, boolean write)
      throws MojoExecutionException, MojoFailureException {
    Planned planned = plan(osYaml);
    OsConfig os = planned.config();
    Inputs in = inputs();
    SeedSource.Resolved resolved = resolveSeed(os.seed());
    String seed = resolved.sha512();
    Stamped stamped = stamp(planned, templateDirectory.toPath(), pluginVersion, seed);
    Plan plan = stamped.planned().plan();
    Rendered rendered = stamped.rendered();
    Fingerprints fingerprints = stamped.fingerprints();
    Path out = outputDirectory.toPath().toAbsolutePath().normalize();
    if (write) {
      writeRendered(plan, rendered, out, pluginVersion);
    }
    Store st = new Store(store.toPath().toAbsolutePath().normalize(), Progress.of(getLog()::info));
    String containerfile = BuildSupport.sha256(rendered.bytes("containers/catalyst.Containerfile"));
    return new Prepared(os, plan, rendered, in, out, st, containerfile, seed, fingerprints, resolved.file());
  }
}
