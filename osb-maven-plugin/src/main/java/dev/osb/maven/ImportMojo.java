package dev.osb.maven;

import dev.osb.imports.ImportNote;
import dev.osb.imports.ImportOptions;
import dev.osb.imports.ImportResult;
import dev.osb.imports.SpecImporter;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Turns existing catalyst specs (one, or a whole chain, as releng or catalyst-auto writes them)
 * plus the portage_confdir trees, scripts and kernel configs they name into an os.yaml with its
 * files. Needs no POM: {@code mvn dev.osb:osb-maven-plugin:import -Dosb.import.specs=...}.
 * Every note is printed with its spec line; nothing is dropped silently. The os.yaml is written
 * even when some notes are errors (they name what to fill in); the build then fails so the user
 * reads them.
 */
@Mojo(name = "import", requiresProject = false, threadSafe = true)
public class ImportMojo extends AbstractMojo {

  /** The catalyst specs to import: files or directories (every *.spec below), comma-separated. */
  @Parameter(property = PropertyNames.IMPORT_SPECS, required = true)
  private List<File> specs;

  /** Where the os.yaml and its files are written. */
  @Parameter(property = PropertyNames.IMPORT_DIRECTORY)
  private File directory;

  /** The local releng checkout that {@code @REPO_DIR@} names; default: found from the specs' place. */
  @Parameter(property = PropertyNames.IMPORT_REPO_DIR)
  private File repoDir;

  /** More host path mappings: {@code prefix=directory}, comma-separated. */
  @Parameter(property = PropertyNames.IMPORT_PATHS)
  private List<String> paths;

  /** The OS name of the os.yaml; default: the first spec's build name. */
  @Parameter(property = PropertyNames.IMPORT_NAME)
  private String name;

  /** The ::gentoo commit (40 hex), for specs that say {@code @TREEISH@}. */
  @Parameter(property = PropertyNames.IMPORT_TREEISH)
  private String treeish;

  /** For catalyst-auto's stamped specs: the value stamped for {@code @TIMESTAMP@}. */
  @Parameter(property = PropertyNames.IMPORT_TIMESTAMP)
  private String timestamp;

  /** For catalyst-auto's stamped specs: the value stamped for {@code @DATESTAMP@}. */
  @Parameter(property = PropertyNames.IMPORT_DATESTAMP)
  private String datestamp;

  /** For catalyst-auto's stamped specs: the value stamped for {@code @REPO_DIR@}. */
  @Parameter(property = PropertyNames.IMPORT_STAMPED_REPO_DIR)
  private String stampedRepoDir;

  /** The seed's URL, when the first spec starts from something else (releng's -latest stage3). */
  @Parameter(property = PropertyNames.IMPORT_SEED_URL)
  private String seedUrl;

  /** The seed's sha512, with the URL. */
  @Parameter(property = PropertyNames.IMPORT_SEED_SHA512)
  private String seedSha512;

  /** Replace files that already exist with other content. */
  @Parameter(property = PropertyNames.IMPORT_OVERWRITE, defaultValue = "false")
  private boolean overwrite;

  @Parameter(defaultValue = "${session}", readonly = true, required = true)
  private MavenSession session;

  @Override
  public void execute() throws MojoExecutionException, MojoFailureException {
    Path base = Path.of(session.getRequest().getBaseDirectory()).toAbsolutePath().normalize();
    List<Path> inputs = new ArrayList<>();
    for (File f : specs) {
      Path p = base.resolve(f.toPath()).normalize();
      if (!Files.exists(p)) {
        throw new MojoFailureException("-D" + PropertyNames.IMPORT_SPECS + " names " + f
            + ", which does not exist (" + p + "). Name catalyst .spec files or directories holding them.");
      }
      inputs.add(p);
    }
    List<Path> found = SpecImporter.findSpecs(inputs);
    if (found.isEmpty()) {
      throw new MojoFailureException("-D" + PropertyNames.IMPORT_SPECS + " names no .spec file: " + specs);
    }
    ImportOptions options = ImportOptions.defaults().withName(name).withTreeish(treeish)
        .withStamps(timestamp, datestamp, treeish, stampedRepoDir).withSeed(seedUrl, seedSha512);
    if (repoDir != null) {
      options = options.withPath("@REPO_DIR@", base.resolve(repoDir.toPath()).normalize());
    }
    for (String mapping : paths == null ? List.<String>of() : paths) {
      int eq = mapping.indexOf('=');
      if (eq <= 0 || eq == mapping.length() - 1) {
        throw new MojoFailureException("-D" + PropertyNames.IMPORT_PATHS + ": '" + mapping
            + "' is not prefix=directory (e.g. /var/tmp/releng=../releng)");
      }
      options = options.withPath(mapping.substring(0, eq), base.resolve(mapping.substring(eq + 1)).normalize());
    }
    ImportResult result = SpecImporter.importSpecs(found, options);
    for (ImportNote note : result.notes()) {
      String line = note.format(base);
      switch (note.level()) {
        case ERROR -> getLog().error(line);
        case WARNING -> getLog().warn(line);
        default -> getLog().info(line);
      }
    }
    Path out = directory == null ? base : base.resolve(directory.toPath()).normalize();
    List<Path> written;
    try {
      written = result.writeTo(out, overwrite);
    } catch (IOException e) {
      throw new MojoFailureException("cannot write the import into " + out + ": " + e.getMessage()
          + " (set -D" + PropertyNames.IMPORT_OVERWRITE + "=true to replace existing files, or -D"
          + PropertyNames.IMPORT_DIRECTORY + " to write elsewhere)");
    }
    getLog().info("osb:import: " + ProblemReport.count(found.size(), "spec") + " -> " + out.resolve("os.yaml")
        + " (" + ProblemReport.count(written.size(), "file") + " written)");
    if (result.hasErrors()) {
      throw new MojoFailureException("the import has " + ProblemReport.count(result.errors().size(), "error")
          + "; see above: os.yaml is written, fill in what the errors name, then run osb:validate");
    }
  }
}
