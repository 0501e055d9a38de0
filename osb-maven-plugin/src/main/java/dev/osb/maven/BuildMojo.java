package dev.osb.maven;

import dev.osb.build.Fingerprint;
import dev.osb.build.Locks;
import dev.osb.build.Progress;
import dev.osb.build.SeedException;
import dev.osb.build.SeedFetcher;
import dev.osb.build.Store;
import dev.osb.build.run.DockerRunner;
import dev.osb.build.run.Host;
import dev.osb.build.run.Mounts;
import dev.osb.build.run.NativeRunner;
import dev.osb.build.run.PodmanRunner;
import dev.osb.build.run.ProcessRunner;
import dev.osb.build.run.Runner;
import dev.osb.build.run.RunnerUnavailableException;
import dev.osb.build.run.StepFailedException;
import dev.osb.build.verify.StageVerifier;
import dev.osb.build.verify.VerifyReport;
import dev.osb.model.Seed;
import dev.osb.plan.Build;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import javax.inject.Inject;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * Runs the builds: validates, plans and generates as osb:generate does, puts the verified seed
 * into the store, then runs catalyst for each build in graph order whose output in the store was
 * not finished with the current input fingerprint, under the build's store locks. Checks each
 * stage4 and variant output with {@link StageVerifier} and writes
 * {@code target/osb/reports/TEST-osb.verify.<build>.xml}; a failed check fails the build.
 */
@Mojo(name = "build", defaultPhase = LifecyclePhase.PREPARE_PACKAGE, threadSafe = true,
    requiresDependencyResolution = ResolutionScope.COMPILE)
public class BuildMojo extends AbstractBuildMojo {

  /** The distfiles cache (catalyst's distdir). */
  @Parameter(property = PropertyNames.DISTFILES, defaultValue = "${user.home}/.osb/distfiles")
  private File distfiles;

  /** {@code podman}, {@code docker} or {@code native}; overrides os.yaml {@code build.runner}. */
  @Parameter(property = PropertyNames.RUNNER)
  private String runner;

  /** The catalyst image tag podman and docker run; required for them. */
  @Parameter(property = PropertyNames.IMAGE)
  private String image;

  /** How long one catalyst run may take (ISO-8601 duration). */
  @Parameter(property = PropertyNames.TIMEOUT, defaultValue = "PT12H")
  private String timeout;

  /** Rebuilds every build, whatever the store holds. */
  @Parameter(property = PropertyNames.FORCE, defaultValue = "false")
  private boolean force;

  /** Builds nothing; osb:package then attaches what the store holds for the current inputs. */
  @Parameter(property = PropertyNames.BUILD_SKIP, defaultValue = "false")
  private boolean buildSkip;

  @Inject
  public BuildMojo(SettingsDecrypter decrypter) {
    super(decrypter);
  }

  @Override
  protected String goal() {
    return "build";
  }

  @Override
  protected void run(Path osYaml) throws MojoExecutionException, MojoFailureException {
    if (buildSkip) {
      getLog().info("Skipping osb:build: -D" + PropertyNames.BUILD_SKIP + " is true");
      return;
    }
    Duration limit = timeout();
    Prepared p = prepare(osYaml, true);
    Store store = p.store();
    fetchSeed(p, store);
    Path snapshot = store.snapshot(p.plan().treeish());
    if (!Files.isRegularFile(snapshot)) {
      throw new MojoFailureException("the Gentoo snapshot " + snapshot + " is missing: osb:build does not create "
          + "it yet. Create it as a squashfs of the ::gentoo tree at snapshot.treeish " + p.plan().treeish()
          + " (git archive of that commit, then tar2sqfs), named exactly so, in the store's snapshots/ directory");
    }
    String runnerName = BuildSupport.runnerName(runner, p.os());
    Path logs = p.out().resolve("logs");
    Host host = Host.system();
    ProcessRunner processes = new ProcessRunner(getLog()::info);
    Runner r = switch (runnerName) {
      case "podman" -> new PodmanRunner(image(), null, host, processes, logs);
      case "docker" -> new DockerRunner(image(), null, host, processes, logs);
      default -> new NativeRunner(host, processes, logs);
    };
    Mounts base = Mounts.of(p.inputs().projectRoot(), p.out(), store.root(),
        distfiles.toPath().toAbsolutePath().normalize());
    BuildLog log = buildLog();
    log.info("osb:build: runner " + runnerName + ", store " + store.root());
    for (Build b : p.plan().builds()) {
      Fingerprint fp = p.fingerprints().get(b.id());
      try (Locks.Held held = store.locks().acquire(Locks.forBuild(b))) {
        if (!force && store.isFinished(b, fp)) {
          log.info("osb:build: " + b.id() + " is up to date (fingerprint " + fp.short8() + ")");
          continue;
        }
        store.prepareRebuild(b);
        log.info("osb:build: " + b.id() + " runs catalyst (fingerprint " + fp.short8() + "); log "
            + display(r.log(b.id())));
        r.catalyst(b.id(), BuildSupport.catalystArgs(b),
            BuildSupport.mounts(base, b, p.os(), p.inputs().projectRoot()), limit);
        store.markFinished(b, fp);
        log.info("osb:build: " + b.id() + " built " + store.output(b));
      } catch (StepFailedException e) {
        throw new MojoFailureException("osb:build: " + b.id() + ": " + e.getMessage());
      } catch (RunnerUnavailableException e) {
        throw new MojoFailureException("osb:build: the " + runnerName + " runner cannot run: " + e.getMessage());
      } catch (IllegalStateException e) {
        throw new MojoFailureException("osb:build: " + e.getMessage() + "; see " + r.log(b.id()));
      } catch (IOException e) {
        throw new MojoExecutionException("osb:build: " + b.id() + ": " + e.getMessage(), e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new MojoExecutionException("osb:build: interrupted during " + b.id(), e);
      }
      if (BuildSupport.verified(b)) {
        verify(p, b);
      }
    }
  }

  private void verify(Prepared p, Build b) throws MojoExecutionException, MojoFailureException {
    VerifyReport report = StageVerifier.verify(p.store().output(b), b, p.plan(), p.os());
    Path xml = p.out().resolve("reports").resolve("TEST-osb.verify." + b.id() + ".xml");
    try {
      BuildSupport.writeAtomically(xml, report.toJUnitXml("osb.verify." + b.id()));
    } catch (IOException e) {
      throw new MojoExecutionException("cannot write the report " + xml + ": " + e.getMessage(), e);
    }
    Optional<String> verdict = VerifyOutcome.log(report, display(xml), buildLog());
    if (verdict.isPresent()) {
      throw new MojoFailureException("osb:build: " + b.id() + ": " + verdict.get());
    }
  }

  /**
   * Puts the seed into the store, verified: a URL or file seed as the os.yaml names it, an artifact
   * seed (seed.artifact, or the POM's provided stage4) from the file {@link #prepare} resolved,
   * which must still have the digest the fingerprints were computed from.
   */
  private void fetchSeed(Prepared p, Store store) throws MojoExecutionException, MojoFailureException {
    Seed seed = p.os().seed();
    try {
      if (seed.isArtifact()) {
        SeedFetcher.Stored stored = SeedFetcher.create(null)
            .fetchArtifact(p.seedFile(), seed.fileName(), store, Progress.of(getLog()::info));
        if (!stored.sha512().equals(p.seedSha512())) {
          throw new MojoFailureException("the seed " + p.seedFile() + " (" + seed.describe() + ") changed while "
              + "osb:build ran (SHA-512 " + p.seedSha512() + ", now " + stored.sha512() + "); run the build again");
        }
        return;
      }
      Map<String, String> env = inputs().env();
      String proxy = env.getOrDefault("https_proxy", env.get("HTTPS_PROXY"));
      String noProxy = env.getOrDefault("no_proxy", env.get("NO_PROXY"));
      SeedFetcher.create(SeedFetcher.proxySelector(proxy, noProxy)).fetch(seed, store, Progress.of(getLog()::info));
    } catch (SeedException e) {
      throw new MojoFailureException(e.getMessage());
    } catch (IOException e) {
      throw new MojoExecutionException("cannot put the seed into the store " + store.root() + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new MojoExecutionException("interrupted while fetching the seed", e);
    }
  }

  private String image() throws MojoFailureException {
    if (image == null || image.isBlank()) {
      throw new MojoFailureException("the podman and docker runners need the catalyst image: set <image> / -D"
          + PropertyNames.IMAGE + "=<tag>. Until osb:build builds it, build it with `podman build -f "
          + "target/osb/containers/catalyst.Containerfile -t <tag> target/osb`");
    }
    return image.trim();
  }

  private Duration timeout() throws MojoFailureException {
    try {
      Duration d = Duration.parse(timeout.trim());
      if (d.isNegative() || d.isZero()) {
        throw new MojoFailureException("<timeout> / -D" + PropertyNames.TIMEOUT + " must be positive: " + timeout);
      }
      return d;
    } catch (DateTimeParseException e) {
      throw new MojoFailureException("<timeout> / -D" + PropertyNames.TIMEOUT + " is '" + timeout
          + "', not an ISO-8601 duration such as PT12H or PT90M");
    }
  }
}
