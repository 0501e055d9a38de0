package dev.osb.maven;

import dev.osb.validate.Explain;
import dev.osb.validate.Result;
import dev.osb.validate.Validator;
import java.nio.file.Path;
import javax.inject.Inject;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * Prints each effective value of the os.yaml (after extends, variants and interpolation) with
 * the file:line:column that set it, then the defaults OSB filled in. Secrets are shown as their
 * reference. Problems are reported as by osb:validate.
 */
@Mojo(name = "explain", threadSafe = true)
public class ExplainMojo extends AbstractOsbMojo {

  @Inject
  public ExplainMojo(SettingsDecrypter decrypter) {
    super(decrypter);
  }

  @Override
  protected String goal() {
    return "explain";
  }

  @Override
  protected void run(Path osYaml) throws MojoExecutionException, MojoFailureException {
    Result result = Validator.validate(osYaml, inputs());
    for (String line : Explain.lines(result, basedir())) {
      buildLog().info(line);
    }
    report(osYaml, result);
  }
}
