package dev.osb.maven;

import dev.osb.build.Fingerprint;
import dev.osb.build.ImageBuilder;
import dev.osb.build.ImageException;
import dev.osb.build.Images;
import dev.osb.build.Progress;
import dev.osb.build.SeedFetcher;
import dev.osb.build.Store;
import dev.osb.build.run.Host;
import dev.osb.build.run.ProcessRunner;
import dev.osb.plan.Build;
import dev.osb.templates.Containers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.inject.Inject;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.apache.maven.project.MavenProjectHelper;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * Attaches what osb:build produced: the stage4 tarball as the project's main artifact, each
 * variant's as an attached artifact classified by the variant's id, each one's DIGESTS and
 * CONTENTS.gz, and the build manifest {@code target/osb/manifest.json} (classifier
 * {@code manifest}). Attaches only outputs the store recorded with the current input
 * fingerprint, and fails naming any other.
 */
@Mojo(name = "package", defaultPhase = LifecyclePhase.PACKAGE, threadSafe = true,
    requiresDependencyResolution = ResolutionScope.COMPILE)
public class PackageMojo extends AbstractBuildMojo {

  private final MavenProjectHelper helper;

  /**
   * Also builds the image of each attached stage ({@code containers/<build>.Containerfile}, the
   * tarball as its only layer) with podman (docker when that is the runner), saves it as an OCI
   * archive {@code target/osb/images/<build>.oci.tar} and attaches it (type {@code tar},
   * classifier {@code oci} for the stage4, {@code <variant>-oci} for a variant).
   */
  @Parameter(property = PropertyNames.OCI, defaultValue = "false")
  private boolean oci;

  /** Also attaches stage1 and stage3 outputs (classifier: the build's id), not only stage4 and variants. */
  @Parameter(property = PropertyNames.PACKAGE_INTERMEDIATES, defaultValue = "false")
  private boolean intermediates;

  /** {@code podman}, {@code docker} or {@code native}; overrides os.yaml {@code build.runner}. */
  @Parameter(property = PropertyNames.RUNNER)
  private String runner;

  @Inject
  public PackageMojo(SettingsDecrypter decrypter, MavenProjectHelper helper) {
    super(decrypter);
    this.helper = helper;
  }

  @Override
  protected String goal() {
    return "package";
  }

  @Override
  protected void run(Path osYaml) throws MojoExecutionException, MojoFailureException {
    Prepared p = prepare(osYaml, false);
    Store store = p.store();
    List<Build> shipped = new ArrayList<>();
    List<String> stale = new ArrayList<>();
    try {
      for (Build b : p.plan().builds()) {
        if (!b.shipped() && !(intermediates && Containers.yieldsTarball(b))) {
          continue;
        }
        shipped.add(b);
        if (!store.isFinished(b, p.fingerprints().get(b.id()))) {
          stale.add(b.id() + " (" + (Files.exists(store.output(b), LinkOption.NOFOLLOW_LINKS)
              ? store.output(b) + " was built from other inputs" : "no " + store.output(b)) + ")");
        }
      }
    } catch (IOException e) {
      throw new MojoExecutionException("cannot read the store " + store.root() + ": " + e.getMessage(), e);
    }
    if (!stale.isEmpty()) {
      throw new MojoFailureException("osb:package: the store holds no output for the current inputs of "
          + String.join(", ", stale) + "; run osb:build");
    }
    BuildLog log = buildLog();
    StringBuilder builds = new StringBuilder();
    for (Build b : shipped) {
      String classifier = b.shipped() && b.kind() != Build.Kind.VARIANT ? null : b.id();
      Path out = store.output(b);
      if (classifier == null) {
        project().getArtifact().setFile(out.toFile());
        log.info("osb:package: " + b.id() + " " + out + " is the main artifact");
      } else {
        helper.attachArtifact(project(), project().getArtifact().getType(), classifier, out.toFile());
        log.info("osb:package: " + b.id() + " " + out + " attached with classifier " + classifier);
      }
      for (Path side : List.of(store.digests(b), store.contents(b))) {
        if (Files.isRegularFile(side)) {
          String type = side.equals(store.digests(b)) ? "DIGESTS" : "CONTENTS.gz";
          helper.attachArtifact(project(), type, classifier, side.toFile());
          log.info("osb:package: " + b.id() + " " + side.getFileName() + " attached");
        }
      }
      String sha512;
      try {
        sha512 = SeedFetcher.sha512(out);
      } catch (IOException e) {
        throw new MojoExecutionException("cannot read " + out + ": " + e.getMessage(), e);
      }
      String image = oci && Containers.yieldsTarball(b) ? ociImage(p, b, out, sha512, classifier) : null;
      Fingerprint fp = p.fingerprints().get(b.id());
      builds.append(builds.length() == 0 ? "\n" : ",\n").append("    {\"id\": ").append(json(b.id()))
          .append(", \"target\": ").append(json(b.target()))
          .append(", \"fingerprint\": ").append(json(fp.hex()))
          .append(", \"output\": ").append(json(store.root().relativize(out).toString()))
          .append(", \"sha512\": ").append(json(sha512))
          .append(", \"classifier\": ").append(classifier == null ? "null" : json(classifier))
          .append(", \"image\": ").append(image == null ? "null" : json(image)).append('}');
    }
    String manifest = "{\n"
        + "  \"osb\": 1,\n"
        + "  \"groupId\": " + json(project().getGroupId()) + ",\n"
        + "  \"artifactId\": " + json(project().getArtifactId()) + ",\n"
        + "  \"version\": " + json(project().getVersion()) + ",\n"
        + "  \"pluginVersion\": " + json(pluginVersion()) + ",\n"
        + "  \"timestamp\": " + json(p.inputs().timestamp().toString()) + ",\n"
        + "  \"inputs\": {\"osYaml\": " + json(display(osYaml)) + ", \"osYamlSha256\": " + json(sha256(osYaml))
        + ", \"containerfileSha256\": " + json(p.containerfileSha256()) + "},\n"
        + "  \"treeish\": " + json(p.plan().treeish()) + ",\n"
        + "  \"catalystImage\": " + json(Images.catalystTag(p.plan(), p.rendered().bytes(
            "containers/catalyst.Containerfile"), p.seedSha512())) + ",\n"
        + "  \"seed\": {\"subpath\": " + json(p.plan().seedSubpath()) + ", \"sha512\": " + json(p.seedSha512())
        + (p.os().seed().isArtifact() ? ", \"artifact\": " + json(p.os().seed().artifact()) : "") + "},\n"
        + "  \"builds\": [" + builds + "\n  ]\n"
        + "}\n";
    Path file = p.out().resolve("manifest.json");
    try {
      BuildSupport.writeAtomically(file, manifest);
    } catch (IOException e) {
      throw new MojoExecutionException("cannot write " + file + ": " + e.getMessage(), e);
    }
    helper.attachArtifact(project(), "json", "manifest", file.toFile());
    log.info("osb:package: " + display(file) + " attached with classifier manifest");
  }

  /**
   * Builds the stage's image unless it exists, saves it as an OCI archive and attaches it.
   *
   * @return the image's tag
   */
  private String ociImage(Prepared p, Build b, Path output, String sha512, String classifier)
      throws MojoExecutionException, MojoFailureException {
    String engine = BuildSupport.runnerName(runner, p.os()).equals("docker") ? "docker" : "podman";
    Host host = Host.system();
    if (host.which(engine).isEmpty()) {
      throw new MojoFailureException("osb:package: -D" + PropertyNames.OCI + "=true needs " + engine
          + " to build the image of " + b.id() + ", and it is not on PATH: install it, or leave "
          + PropertyNames.OCI + " false");
    }
    Path logs = p.out().resolve("logs");
    Path archive = p.out().resolve("images").resolve(b.id() + ".oci.tar");
    String name = "osb/" + project().getArtifactId().toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9._-]", "-")
        + "-" + b.id().toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9._-]", "-");
    ImageBuilder.Executor images = BuildSupport.imageExecutor(host, new ProcessRunner(getLog()::info),
        logs.resolve("images.log"), Duration.ofHours(2));
    try {
      String tag = Images.stage(engine, name, p.plan(), b, p.out(), p.store(), output, sha512, images,
          Progress.of(getLog()::info));
      Files.createDirectories(archive.getParent());
      Files.deleteIfExists(archive);
      int code = images.run(engine + " save " + tag, Images.saveArgv(engine, tag, archive));
      if (code != 0 || !Files.isRegularFile(archive)) {
        throw new MojoFailureException("osb:package: saving the image " + tag + " of " + b.id() + " as "
            + archive + " failed with exit code " + code + "; see " + display(logs.resolve("images.log")));
      }
      helper.attachArtifact(project(), "tar", classifier == null ? "oci" : classifier + "-oci", archive.toFile());
      buildLog().info("osb:package: " + b.id() + " image " + tag + " saved as " + display(archive) + " and attached");
      return tag;
    } catch (ImageException e) {
      throw new MojoFailureException("osb:package: " + e.getMessage() + "; see " + display(logs.resolve("images.log")));
    } catch (IOException e) {
      throw new MojoExecutionException("osb:package: the image of " + b.id() + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new MojoExecutionException("osb:package: interrupted", e);
    }
  }

  private static String sha256(Path file) throws MojoExecutionException {
    try {
      return BuildSupport.sha256(Files.readAllBytes(file));
    } catch (IOException e) {
      throw new MojoExecutionException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  /** A JSON string literal. */
  static String json(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        default -> {
          if (c < 0x20) {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.append('"').toString();
  }
}
