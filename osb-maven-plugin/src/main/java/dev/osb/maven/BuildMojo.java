package dev.osb.maven;

import dev.osb.build.Fingerprint;
import dev.osb.build.ImageBuilder;
import dev.osb.build.ImageException;
import dev.osb.build.Images;
import dev.osb.build.Locks;
import dev.osb.build.Progress;
import dev.osb.build.RepoFetcher;
import dev.osb.build.SeedException;
import dev.osb.build.SeedFetcher;
import dev.osb.build.SnapshotException;
import dev.osb.build.SnapshotMaker;
import dev.osb.build.Store;
import dev.osb.build.run.ContainerRunner;
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
import java.util.List;
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

  /**
   * A catalyst image podman and docker run instead of the one osb:build builds from the rendered
   * containers/catalyst.Containerfile (e.g. one built by hand).
   */
  @Parameter(property = PropertyNames.IMAGE)
  private String image;

  /**
   * Flags for {@code podman run} / {@code docker run}, separated by spaces; default
   * {@code --privileged} (catalyst needs loop devices, mounts and namespaces).
   */
  @Parameter(property = PropertyNames.CONTAINER_FLAGS, defaultValue = "--privileged")
  private String containerFlags;

  /**
   * The OpenPGP keys the snapshot commit must be signed by: the Gentoo release key
   * (sec-keys/openpgp-keys-gentoo-release on Gentoo; elsewhere download it from
   * https://www.gentoo.org/downloads/signatures/).
   */
  @Parameter(property = PropertyNames.SNAPSHOT_KEYS, defaultValue = "/usr/share/openpgp-keys/gentoo-release.asc")
  private File snapshotKeys;

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
    SeedFetcher.Stored seed = fetchSeed(p, store);
    BuildSupport.fetchRepos(p.plan(), p.os(), p.inputs().projectRoot(), store, RepoFetcher.create(),
        Progress.of(getLog()::info), buildLog());
    String runnerName = BuildSupport.runnerName(runner, p.os());
    BuildLog log = buildLog();
    log.info("osb:build: runner " + runnerName + ", store " + store.root());
    if (!force && upToDate(p)) {
      // nothing to run: no engine, image or snapshot is needed; the outputs are still checked
      log.info("osb:build: every build is up to date: no catalyst image, snapshot or runner is needed");
      build(p, null, runnerName, null, null, log);
      return;
    }
    Path logs = p.out().resolve("logs");
    Host host = Host.system();
    ProcessRunner processes = new ProcessRunner(getLog()::info);
    Runner r;
    try {
      r = switch (runnerName) {
        case "podman", "docker" -> containerRunner(runnerName, p, seed, host, processes, logs, limit);
        default -> new NativeRunner(host, processes, logs);
      };
      snapshot(p);
    } catch (RunnerUnavailableException e) {
      throw new MojoFailureException("osb:build: the " + runnerName + " runner cannot run: " + e.getMessage());
    } catch (ImageException | SnapshotException e) {
      throw new MojoFailureException("osb:build: " + e.getMessage());
    } catch (IOException e) {
      throw new MojoExecutionException("osb:build: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new MojoExecutionException("osb:build: interrupted", e);
    }
    Mounts base = Mounts.of(p.inputs().projectRoot(), p.out(), store.root(),
        distfiles.toPath().toAbsolutePath().normalize());
    Map<String, String> secrets = BuildSupport.secrets(p.os());
    Path secretDir = null;
    try {
      if (!secrets.isEmpty()) {
        secretDir = BuildSupport.writeSecrets(secrets);
        base = base.withSecrets(secretDir);
      }
      build(p, r, runnerName, base, limit, log);
    } catch (IOException e) {
      throw new MojoExecutionException("osb:build: cannot write the secret files: " + e.getMessage(), e);
    } finally {
      BuildSupport.deleteSecrets(secretDir, log);
    }
  }

  /** Whether the store holds every build's output finished with its current fingerprint. */
  private static boolean upToDate(Prepared p) throws MojoExecutionException {
    try {
      for (Build b : p.plan().builds()) {
        if (!p.store().isFinished(b, p.fingerprints().get(b.id()))) {
          return false;
        }
      }
      return true;
    } catch (IOException e) {
      throw new MojoExecutionException("cannot read the store " + p.store().root() + ": " + e.getMessage(), e);
    }
  }

  /**
   * Runs the builds in graph order, each under its locks, and checks the stage4s. {@code r} is
   * null when {@link #upToDate} found nothing to run.
   */
  private void build(Prepared p, Runner r, String runnerName, Mounts base, Duration limit, BuildLog log)
      throws MojoExecutionException, MojoFailureException {
    Store store = p.store();
    for (Build b : p.plan().builds()) {
      Fingerprint fp = p.fingerprints().get(b.id());
      try (Locks.Held held = store.locks().acquire(Locks.forBuild(b))) {
        if (!force && store.isFinished(b, fp)) {
          log.info("osb:build: " + b.id() + " is up to date (fingerprint " + fp.short8() + ")");
          continue;
        }
        if (r == null) {
          throw new MojoFailureException("osb:build: the store's record of " + b.id() + " changed while osb:build "
              + "ran (another build of the same store?); run the build again");
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
  private SeedFetcher.Stored fetchSeed(Prepared p, Store store) throws MojoExecutionException, MojoFailureException {
    Seed seed = p.os().seed();
    try {
      if (seed.isArtifact()) {
        SeedFetcher.Stored stored = SeedFetcher.create(null)
            .fetchArtifact(p.seedFile(), seed.fileName(), store, Progress.of(getLog()::info));
        if (!stored.sha512().equals(p.seedSha512())) {
          throw new MojoFailureException("the seed " + p.seedFile() + " (" + seed.describe() + ") changed while "
              + "osb:build ran (SHA-512 " + p.seedSha512() + ", now " + stored.sha512() + "); run the build again");
        }
        return stored;
      }
      Map<String, String> env = inputs().env();
      String proxy = env.getOrDefault("https_proxy", env.get("HTTPS_PROXY"));
      String noProxy = env.getOrDefault("no_proxy", env.get("NO_PROXY"));
      return SeedFetcher.create(SeedFetcher.proxySelector(proxy, noProxy))
          .fetch(seed, store, Progress.of(getLog()::info));
    } catch (SeedException e) {
      throw new MojoFailureException(e.getMessage());
    } catch (IOException e) {
      throw new MojoExecutionException("cannot put the seed into the store " + store.root() + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new MojoExecutionException("interrupted while fetching the seed", e);
    }
  }

  /**
   * The podman or docker runner with its catalyst image: {@code osb.image} when set, else the
   * image of the rendered catalyst.Containerfile, built (with the portage image it copies the
   * tree from) when its input tag does not exist yet.
   */
  private Runner containerRunner(String engine, Prepared p, SeedFetcher.Stored seed, Host host,
      ProcessRunner processes, Path logs, Duration limit)
      throws RunnerUnavailableException, ImageException, SnapshotException, IOException, InterruptedException {
    List<String> flags = BuildSupport.containerFlags(containerFlags);
    boolean given = image != null && !image.isBlank();
    String tag = given ? image.trim() : Images.catalystTag(p.plan(), p.out(), seed.sha512());
    ContainerRunner r = engine.equals("podman") ? new PodmanRunner(tag, flags, host, processes, logs)
        : new DockerRunner(tag, flags, host, processes, logs);
    r.prepare();
    if (given) {
      buildLog().info("osb:build: catalyst image " + tag + " (given by -D" + PropertyNames.IMAGE + ")");
      return r;
    }
    ImageBuilder.Executor images = BuildSupport.imageExecutor(host, processes, logs.resolve("images.log"), limit);
    if (images.run(engine + " image exists " + tag, ImageBuilder.existsArgv(engine, tag)) == 0) {
      buildLog().info("osb:build: catalyst image " + tag + " exists");
      return r;
    }
    Progress progress = Progress.of(getLog()::info);
    SnapshotMaker.create().ensureTar(p.plan().snapshotRepo(), p.plan().treeish(), trustedKeys(), p.store(),
        progress);
    String portage = Images.portage(engine, p.plan(), p.out(), p.store(), images);
    buildLog().info("osb:build: portage image " + portage + " (" + p.plan().portageImage() + ")");
    buildLog().info("osb:build: building the catalyst image " + tag + "; log " + display(logs.resolve("images.log")));
    Images.catalyst(engine, p.plan(), p.out(), p.store(), seed.file(), seed.sha512(), images, progress);
    buildLog().info("osb:build: catalyst image " + tag + " built");
    return r;
  }

  /** The squashfs snapshot catalyst reads, made (fetched, verified) when missing. */
  private void snapshot(Prepared p) throws SnapshotException, IOException, InterruptedException {
    Path sqfs = p.store().snapshot(p.plan().treeish());
    if (Files.isRegularFile(sqfs)) {
      return;
    }
    SnapshotMaker.create().ensure(p.plan().snapshotRepo(), p.plan().treeish(), trustedKeys(), p.store(),
        Progress.of(getLog()::info));
  }

  private Path trustedKeys() {
    return snapshotKeys.toPath().toAbsolutePath().normalize();
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
