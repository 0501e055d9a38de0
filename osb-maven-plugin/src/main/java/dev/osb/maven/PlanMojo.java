package dev.osb.maven;

import dev.osb.build.Fingerprints;
import dev.osb.build.Images;
import dev.osb.build.SnapshotMaker;
import dev.osb.build.Progress;
import dev.osb.build.Store;
import dev.osb.build.run.ContainerRunner;
import dev.osb.build.run.DockerRunner;
import dev.osb.build.run.Host;
import dev.osb.build.run.Mounts;
import dev.osb.build.run.NativeRunner;
import dev.osb.build.run.PodmanRunner;
import dev.osb.build.run.ProcessRunner;
import dev.osb.load.Inputs;
import dev.osb.model.OsConfig;
import dev.osb.plan.Build;
import dev.osb.plan.Layout;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.inject.Inject;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * A dry run of the build: validates, plans and renders in memory, computes every build's input
 * fingerprint, compares it with the store, and prints for each build in graph order whether it
 * would run and why, with the exact command line the configured runner would execute. Writes
 * nothing, creates no directory and runs nothing.
 */
@Mojo(name = "plan", threadSafe = true, requiresDependencyResolution = ResolutionScope.COMPILE)
public class PlanMojo extends AbstractOsbMojo {

  /** How the dry run shows the secrets directory osb:build creates. */
  static final String SECRETS_SHOWN = "/tmp/osb-secrets-XXXXXX";

  /** The catalyst store (catalyst's storedir), shared by projects. */
  @Parameter(property = PropertyNames.STORE, defaultValue = "${user.home}/.osb/store")
  private File store;

  /** The distfiles cache (catalyst's distdir). */
  @Parameter(property = PropertyNames.DISTFILES, defaultValue = "${user.home}/.osb/distfiles")
  private File distfiles;

  /** {@code podman}, {@code docker} or {@code native}; overrides os.yaml {@code build.runner}. */
  @Parameter(property = PropertyNames.RUNNER)
  private String runner;

  /** Where osb:generate writes the rendered tree, which the runner mounts at /osb/out. */
  @Parameter(property = PropertyNames.OUTPUT_DIRECTORY, defaultValue = "${project.build.directory}/osb")
  private File outputDirectory;

  /** Templates here override OSB's built-in templates of the same file name. */
  @Parameter(property = PropertyNames.TEMPLATE_DIRECTORY, defaultValue = "${project.basedir}/src/main/osb/templates")
  private File templateDirectory;

  @Parameter(defaultValue = "${plugin.version}", readonly = true)
  private String pluginVersion;

  @Inject
  public PlanMojo(SettingsDecrypter decrypter) {
    super(decrypter);
  }

  @Override
  protected String goal() {
    return "plan";
  }

  @Override
  protected void run(Path osYaml) throws MojoExecutionException, MojoFailureException {
    Planned planned = plan(osYaml);
    OsConfig os = planned.config();
    Inputs in = inputs();
    String runnerName = BuildSupport.runnerName(runner, os);
    // an artifact seed (seed.artifact, or the POM's provided stage4) is resolved and hashed, not copied
    String seed = resolveSeed(os.seed()).sha512();
    Stamped stamped = stamp(planned, templateDirectory.toPath(), pluginVersion, seed);
    planned = stamped.planned();
    Fingerprints fingerprints = stamped.fingerprints();
    byte[] catalystContainerfile = stamped.rendered().bytes("containers/catalyst.Containerfile");
    String containerfile = BuildSupport.sha256(catalystContainerfile);
    // The catalyst image's tag is a hash of its inputs, known before it is built.
    String image = Images.catalystTag(planned.plan(), catalystContainerfile, seed);
    Path storeRoot = store.toPath().toAbsolutePath().normalize();
    Store st = new Store(storeRoot, Progress.of(getLog()::info));
    Path out = outputDirectory.toPath().toAbsolutePath().normalize();
    Mounts base = Mounts.of(in.projectRoot(), out, storeRoot, distfiles.toPath().toAbsolutePath().normalize());
    Map<String, String> secrets = BuildSupport.secrets(os);
    if (!secrets.isEmpty()) {
      base = base.withSecrets(Path.of(SECRETS_SHOWN));
    }
    Host host = Host.system();
    ContainerRunner container = switch (runnerName) {
      case "podman" -> new PodmanRunner(image, null, host, new ProcessRunner(getLog()::info), out.resolve("logs"));
      case "docker" -> new DockerRunner(image, null, host, new ProcessRunner(getLog()::info), out.resolve("logs"));
      default -> null;
    };

    BuildLog log = buildLog();
    log.info("osb:plan: dry run with runner " + runnerName + ", store " + storeRoot + "; nothing is executed");
    if (container != null) {
      log.info("osb:plan: catalyst image " + image + " (built from containers/catalyst.Containerfile, sha256 "
          + containerfile.substring(0, 8) + ", when no image has this tag; first the portage image "
          + planned.plan().portageImage() + " from " + SnapshotMaker.tar(st, planned.plan().treeish()) + ")");
    }
    if (!Files.isRegularFile(st.snapshot(planned.plan().treeish()))) {
      log.info("osb:plan: the snapshot " + st.snapshot(planned.plan().treeish()) + " would be made: commit "
          + planned.plan().treeish() + " fetched from " + SnapshotMaker.redact(planned.plan().snapshotRepo())
          + ", its signature verified, archived and packed with tar2sqfs");
    }
    BuildSupport.planRepos(planned.plan(), os, in.projectRoot(), st).forEach(log::info);
    if (!secrets.isEmpty()) {
      log.info("osb:plan: the secrets " + String.join(", ", secrets.keySet()) + " would be written as files to "
          + "a private temporary directory (shown as " + SECRETS_SHOWN + "), mounted read-only at "
          + Layout.SECRETS + " and deleted after the build; their values are never shown");
    }
    Set<String> running = new HashSet<>();
    int runs = 0;
    for (Build b : planned.plan().builds()) {
      Optional<String> reason;
      String parent = running.contains(b.parent()) ? b.parent() : null;
      String current = fingerprints.get(b.id()).hex();
      try {
        reason = PlanReason.reason(Files.exists(st.output(b), LinkOption.NOFOLLOW_LINKS),
            st.recordedFingerprint(b), current, parent);
      } catch (IOException e) {
        throw new MojoExecutionException("cannot read the store's record of build '" + b.id() + "' in "
            + storeRoot + ": " + e.getMessage(), e);
      }
      if (reason.isEmpty()) {
        log.info("osb:plan: " + b.id() + " is up to date (fingerprint " + fingerprints.get(b.id()).short8() + ")");
        continue;
      }
      running.add(b.id());
      runs++;
      log.info("osb:plan: " + b.id() + " would run: " + reason.get());
      List<String> args = BuildSupport.catalystArgs(b);
      Mounts m = BuildSupport.mounts(base, b, os, in.projectRoot());
      if (container != null) {
        String name = ContainerRunner.containerName(b.id(), out);
        log.info("osb:plan:   (not executed) " + PlanReason.shellLine(container.removeArgv(name)));
        log.info("osb:plan:   (not executed) " + PlanReason.shellLine(container.runArgv(b.id(), args, m)));
      } else {
        log.info("osb:plan:   (not executed) "
            + PlanReason.shellLine(NativeRunner.argv(host.isRoot(), "catalyst", args, m)));
      }
    }
    log.info("osb:plan: " + runs + " of " + ProblemReport.count(planned.plan().builds().size(), "build")
        + " would run");
  }

}
