package dev.osb.maven;

import dev.osb.model.OsConfig;
import dev.osb.validate.Result;
import java.nio.file.Path;
import java.util.Objects;
import javax.inject.Inject;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * Checks the os.yaml (and every file it extends) against the os.yaml v1 contract and reports
 * every problem at once, each as {@code file:line:column: message}. Reads no network and
 * writes nothing.
 */
@Mojo(name = "validate", defaultPhase = LifecyclePhase.VALIDATE, threadSafe = true)
public class ValidateMojo extends AbstractOsbMojo {

  @Inject
  public ValidateMojo(SettingsDecrypter decrypter) {
    super(decrypter);
  }

  @Override
  protected String goal() {
    return "validate";
  }

  @Override
  protected void run(Path osYaml) throws MojoFailureException {
    Result result = validate(osYaml);
    OsConfig config = Objects.requireNonNull(result.config(),
        "the engine reported no error but returned no configuration (a bug in osb-model)");
    buildLog().info(summary(display(osYaml), config));
  }

  /** {@code os.yaml is valid: server, 5 packages, 1 variant}. */
  static String summary(String file, OsConfig config) {
    return file + " is valid: " + config.name() + ", "
        + ProblemReport.count(config.packages().size(), "package") + ", "
        + ProblemReport.count(config.variants().size(), "variant");
  }
}
