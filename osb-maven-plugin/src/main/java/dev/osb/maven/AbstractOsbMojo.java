package dev.osb.maven;

import dev.osb.build.Fingerprint;
import dev.osb.build.Fingerprints;
import dev.osb.load.Inputs;
import dev.osb.model.OsConfig;
import dev.osb.model.Seed;
import dev.osb.plan.Plan;
import dev.osb.plan.PlanInputs;
import dev.osb.plan.Planner;
import dev.osb.validate.Problem;
import dev.osb.validate.Result;
import dev.osb.templates.Rendered;
import dev.osb.validate.Validator;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.building.SettingsProblem;
import org.apache.maven.settings.crypto.DefaultSettingsDecryptionRequest;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.apache.maven.settings.crypto.SettingsDecryptionResult;
import org.eclipse.aether.RepositorySystem;

/**
 * What every OSB goal shares: the {@code <osYaml>} and {@code <skip>} parameters, the {@link
 * Inputs} the engine reads the os.yaml against (with the POM's provided stage4 dependencies and
 * the reactor's projects, which decide the seed), resolving an artifact seed, and the mapping of
 * the engine's problems to log lines and one build failure. The engine never throws for bad input; anything it throws is a
 * bug and is left to Maven.
 */
public abstract class AbstractOsbMojo extends AbstractMojo {

  /**
   * The os.yaml describing the operating system. When unset: <code>os.yaml</code> in the
   * project's directory, and a pom-packaged project without one is skipped.
   */
  @Parameter(property = PropertyNames.OS_YAML)
  private File osYaml;

  /** Skips the goal, saying so. */
  @Parameter(property = PropertyNames.SKIP, defaultValue = "false")
  private boolean skip;

  /** Makes warnings in the os.yaml fail the build, as errors do. */
  @Parameter(property = PropertyNames.FAIL_ON_WARNING, defaultValue = "false")
  private boolean failOnWarning;

  /**
   * The build's timestamp, as for reproducible archives: the <code>project.build.outputTimestamp</code>
   * property. It sets <code>${osb.timestamp}</code>; when unset, the session's start time does.
   */
  @Parameter(defaultValue = "${project.build.outputTimestamp}", readonly = true)
  private String outputTimestamp;

  @Parameter(defaultValue = "${project}", readonly = true, required = true)
  private MavenProject project;

  @Parameter(defaultValue = "${session}", readonly = true, required = true)
  private MavenSession session;

  @Parameter(defaultValue = "${settings}", readonly = true, required = true)
  private Settings settings;

  /** Resolves a seed.artifact. */
  @Component
  private RepositorySystem repositorySystem;

  private final SettingsDecrypter decrypter;

  protected AbstractOsbMojo(SettingsDecrypter decrypter) {
    this.decrypter = decrypter;
  }

  @Override
  public final void execute() throws MojoExecutionException, MojoFailureException {
    if (skip) {
      getLog().info("Skipping osb:" + goal() + ": <skip> / -D" + PropertyNames.SKIP + " is true");
      return;
    }
    Path file = osYamlPath();
    if (!Files.isRegularFile(file)) {
      if (osYaml == null && "pom".equals(project.getPackaging()) && !Files.exists(file)) {
        getLog().info("Skipping osb:" + goal() + ": no os.yaml in this pom-packaged project ("
            + file + "); set <osYaml> or -D" + PropertyNames.OS_YAML + " to use another file");
        return;
      }
      throw new MojoFailureException(missingOsYaml(file));
    }
    run(file);
  }

  /** The goal's name, as in {@code osb:validate}. */
  protected abstract String goal();

  /** Runs the goal on an os.yaml that exists. */
  protected abstract void run(Path osYaml) throws MojoExecutionException, MojoFailureException;

  /**
   * Validates the os.yaml, logs every problem, and fails the build on any error (or warning,
   * with {@code failOnWarning}).
   */
  protected final Result validate(Path file) throws MojoFailureException {
    return report(file, Validator.validate(file, inputs()));
  }

  /** A validated os.yaml, its build plan and what it was planned with. */
  protected record Planned(OsConfig config, Plan plan, PlanInputs inputs) {}

  /** A plan as it is built, its rendering, and the input fingerprints of its builds. */
  protected record Stamped(Planned planned, Rendered rendered, Fingerprints fingerprints) {}

  /**
   * Validates and plans the os.yaml (proxies from the environment reach the envscript), logging
   * the problems of either step; fails the build on any error.
   */
  protected final Planned plan(Path file) throws MojoFailureException {
    Result result = validate(file);
    Inputs in = inputs();
    PlanInputs planInputs = new PlanInputs(project.getGroupId(), project.getArtifactId(), project.getVersion(),
        in.projectRoot(), in.timestamp(), Proxies.of(in.env(), getLog()::warn));
    Planner.Result planned = Planner.plan(result.config(), planInputs);
    Optional<String> failure =
        ProblemReport.report(display(file), planned.problems(), basedir(), false, buildLog());
    if (failure.isPresent()) {
      throw new MojoFailureException(failure.get());
    }
    return new Planned(result.config(), planned.plan(), planInputs);
  }

  /**
   * Renders the plan, fingerprints every build as osb:build does (over the rendering, the
   * catalyst.Containerfile, which with the seed and treeish fixes the catalyst image, the
   * treeish, the plugin version and the seed's SHA-512), and for a SNAPSHOT version plans and
   * renders again with every build's {@code version_stamp} ending in the first 8 hex digits of
   * its fingerprint ({@code stage4-1.0-SNAPSHOT-1a2b3c4d}), so two different SNAPSHOT builds
   * never share an output name. The fingerprints are those of the unstamped rendering, so the
   * stamp is a function of them; a release version is planned and rendered once.
   */
  protected final Stamped stamp(Planned planned, Path templates, String pluginVersion, String seedSha512)
      throws MojoExecutionException, MojoFailureException {
    Rendered rendered = GenerateMojo.render(planned.plan(), templates);
    String containerfile = BuildSupport.sha256(rendered.bytes("containers/catalyst.Containerfile"));
    Fingerprints fingerprints;
    try {
      fingerprints = Fingerprints.of(planned.plan(), rendered, planned.config(), inputs().projectRoot(),
          new Fingerprint.Context("containerfile:" + containerfile, planned.plan().treeish(), pluginVersion),
          seedSha512);
    } catch (IOException e) {
      throw new MojoExecutionException("cannot fingerprint the build's inputs: " + e.getMessage(), e);
    }
    if (!project.getVersion().endsWith("-SNAPSHOT")) {
      return new Stamped(planned, rendered, fingerprints);
    }
    Map<String, String> stamps = new TreeMap<>();
    fingerprints.asMap().forEach((id, fp) -> stamps.put(id, fp.short8()));
    PlanInputs stamped = planned.inputs().withStamps(stamps);
    Planner.Result again = Planner.plan(planned.config(), stamped);
    if (!again.problems().isEmpty()) {
      throw new MojoFailureException("planning with the SNAPSHOT version stamps failed: " + again.problems());
    }
    Planned p = new Planned(planned.config(), again.plan(), stamped);
    return new Stamped(p, GenerateMojo.render(p.plan(), templates), fingerprints);
  }

  /** Logs a validation result's problems and fails the build as {@link #validate} does. */
  protected final Result report(Path file, Result result) throws MojoFailureException {
    List<Problem> problems = result.problems();
    Optional<String> failure =
        ProblemReport.report(display(file), problems, basedir(), failOnWarning, buildLog());
    if (failure.isPresent()) {
      throw new MojoFailureException(failure.get());
    }
    return result;
  }

  /** The os.yaml as shown in messages: relative to the project's directory when below it. */
  protected final String display(Path file) {
    Path base = basedir();
    Path abs = file.toAbsolutePath().normalize();
    return abs.startsWith(base) && !abs.equals(base) ? base.relativize(abs).toString() : abs.toString();
  }

  protected final BuildLog buildLog() {
    return BuildLog.of(getLog());
  }

  protected final Path basedir() {
    return project.getBasedir().toPath().toAbsolutePath().normalize();
  }

  private Path osYamlPath() {
    File f = osYaml != null ? osYaml : new File(project.getBasedir(), "os.yaml");
    return f.toPath().toAbsolutePath().normalize();
  }

  private String missingOsYaml(Path file) {
    String what = Files.isDirectory(file) ? "is a directory, not a file" : "does not exist";
    if (osYaml != null) {
      return "The os.yaml set by <osYaml> / -D" + PropertyNames.OS_YAML + " " + what + ": " + file
          + ". Point it at your os.yaml file.";
    }
    return "No os.yaml: " + file + " " + what + ". Create it, or point <osYaml> / -D"
        + PropertyNames.OS_YAML + " at your os.yaml.";
  }

  protected final MavenProject project() {
    return project;
  }

  /**
   * What the os.yaml is read against: project values, environment, secrets and timestamp.
   * Computed once per execution.
   */
  protected final Inputs inputs() throws MojoFailureException {
    if (inputs == null) {
      inputs = computeInputs();
    }
    return inputs;
  }

  private Inputs inputs;

  private Inputs computeInputs() throws MojoFailureException {
    Path base = basedir();
    File reactor = session.getRequest().getMultiModuleProjectDirectory();
    Path root = ProjectRoot.find(base, reactor == null ? null : reactor.toPath());

    Map<String, String> values = new LinkedHashMap<>();
    values.put("groupId", project.getGroupId());
    values.put("artifactId", project.getArtifactId());
    values.put("version", project.getVersion());
    values.put("name", project.getName() != null ? project.getName() : project.getArtifactId());
    values.put("basedir", base.toString());
    values.put("build.directory", project.getBuild().getDirectory());

    Instant start = session.getStartTime() != null ? session.getStartTime().toInstant() : Instant.now();
    Instant timestamp = BuildTimestamp.resolve(outputTimestamp, start);

    return new Inputs(root, values, System.getenv(), new Secrets(this::serverPassword, System.getenv()),
        timestamp)
        .withProvidedSeeds(SeedSource.providedSeeds(project))
        .withReactorProjects(SeedSource.reactorProjects(session));
  }

  /**
   * The seed's file and SHA-512, an artifact seed resolved (a provided one among the project's
   * resolved dependencies, so the goal must require dependency resolution).
   */
  protected final SeedSource.Resolved resolveSeed(Seed seed) throws MojoExecutionException, MojoFailureException {
    return SeedSource.resolve(seed, project, repositorySystem, session.getRepositorySession(), basedir());
  }

  /** The password of the settings.xml server with this id, decrypted as Maven does for wagons. */
  private Optional<String> serverPassword(String id) {
    Server server = settings.getServer(id);
    if (server == null) {
      return Optional.empty();
    }
    SettingsDecryptionResult decrypted =
        decrypter.decrypt(new DefaultSettingsDecryptionRequest(server));
    for (SettingsProblem problem : decrypted.getProblems()) {
      getLog().warn("settings.xml <server> '" + id + "': " + problem.getMessage());
    }
    Server plain = decrypted.getServer();
    return Optional.ofNullable(plain != null ? plain.getPassword() : null);
  }

  /** Writes the rendered tree into {@code out} and logs what changed, as osb:generate does. */
  protected final void writeRendered(dev.osb.plan.Plan plan, dev.osb.templates.Rendered rendered, Path out, String pluginVersion)
      throws MojoExecutionException, MojoFailureException {
    dev.osb.templates.OutputWriter.Summary summary;
    try {
      summary = dev.osb.templates.OutputWriter.write(rendered, out, basedir(), pluginVersion);
    } catch (IllegalArgumentException e) {
      throw new MojoFailureException("<outputDirectory> / -D" + PropertyNames.OUTPUT_DIRECTORY
          + " is refused: " + e.getMessage());
    } catch (java.io.IOException e) {
      throw new MojoExecutionException("cannot write " + out + ": " + e.getMessage(), e);
    }
    String builds = plan.builds().stream().map(dev.osb.plan.Build::id).collect(java.util.stream.Collectors.joining(", "));
    String where = display(out);
    if (summary.unchanged()) {
      buildLog().info("osb:generate: " + where + " is up to date ("
          + ProblemReport.count(plan.builds().size(), "build") + ": " + builds + "; "
          + ProblemReport.count(rendered.size(), "file") + ")");
    } else {
      buildLog().info("osb:generate: wrote " + ProblemReport.count(summary.written().size(), "file")
          + (summary.deleted().isEmpty() ? "" : ", deleted " + ProblemReport.count(summary.deleted().size(), "stale file"))
          + " to " + where + " for " + ProblemReport.count(plan.builds().size(), "build")
          + ": " + builds);
    }
  }

}
