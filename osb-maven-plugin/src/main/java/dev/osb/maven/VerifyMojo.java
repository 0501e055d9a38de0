package dev.osb.maven;

import dev.osb.build.verify.StageVerifier;
import dev.osb.build.verify.VerifyReport;
import dev.osb.plan.Build;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Collectors;
import javax.inject.Inject;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * Checks a produced stage tarball against the os.yaml: accounts, services, files, make.conf and
 * the rest {@link StageVerifier} knows. Logs each failed check, writes a JUnit XML report to
 * {@code target/osb/reports/TEST-osb.verify.<build>.xml}, and fails the build when a check
 * failed. For use on its own, on a tarball named by {@code -Dosb.verify.tarball}.
 */
@Mojo(name = "verify", threadSafe = true)
public class VerifyMojo extends AbstractOsbMojo {

  /** The stage tarball to check (required when the goal runs on its own). */
  @Parameter(property = PropertyNames.VERIFY_TARBALL)
  private File tarball;

  /** The build whose output the tarball is: {@code stage4}, a variant, or a {@code builds:} entry. */
  @Parameter(property = PropertyNames.VERIFY_BUILD, defaultValue = "stage4")
  private String build;

  /** Where the JUnit XML report goes. */
  @Parameter(defaultValue = "${project.build.directory}/osb/reports", readonly = true)
  private File reportDirectory;

  @Inject
  public VerifyMojo(SettingsDecrypter decrypter) {
    super(decrypter);
  }

  @Override
  protected String goal() {
    return "verify";
  }

  @Override
  protected void run(Path osYaml) throws MojoExecutionException, MojoFailureException {
    if (tarball == null) {
      throw new MojoFailureException("osb:verify needs the stage tarball to check: set <tarball> / -D"
          + PropertyNames.VERIFY_TARBALL + "=path/to/stage4.tar.xz");
    }
    Path tar = tarball.toPath().toAbsolutePath().normalize();
    if (!Files.isRegularFile(tar)) {
      throw new MojoFailureException("The tarball set by <tarball> / -D" + PropertyNames.VERIFY_TARBALL + " "
          + (Files.isDirectory(tar) ? "is a directory, not a file" : "does not exist") + ": " + tar
          + ". Point it at a stage tarball.");
    }
    Planned planned = plan(osYaml);
    Build b = planned.plan().build(build);
    if (b == null) {
      throw new MojoFailureException("<build> / -D" + PropertyNames.VERIFY_BUILD + " is '" + build
          + "', which this os.yaml does not build; use one of: "
          + planned.plan().builds().stream().map(Build::id).collect(Collectors.joining(", ")));
    }
    VerifyReport report = StageVerifier.verify(tar, b, planned.plan(), planned.config());
    Path xml = reportDirectory.toPath().toAbsolutePath().normalize().resolve("TEST-osb.verify." + b.id() + ".xml");
    try {
      BuildSupport.writeAtomically(xml, report.toJUnitXml("osb.verify." + b.id()));
    } catch (IOException e) {
      throw new MojoExecutionException("cannot write the report " + xml + ": " + e.getMessage(), e);
    }
    Optional<String> verdict = VerifyOutcome.log(report, display(xml), buildLog());
    if (verdict.isPresent()) {
      throw new MojoFailureException(verdict.get());
    }
  }
}
