package dev.osb.maven;

import dev.osb.build.Fingerprint;
import dev.osb.build.SeedFetcher;
import dev.osb.build.Store;
import dev.osb.plan.Build;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.inject.Inject;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
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
        if (!b.shipped()) {
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
      String classifier = b.kind() == Build.Kind.VARIANT ? b.id() : null;
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
      Fingerprint fp = p.fingerprints().get(b.id());
      builds.append(builds.length() == 0 ? "\n" : ",\n").append("    {\"id\": ").append(json(b.id()))
          .append(", \"target\": ").append(json(b.target()))
          .append(", \"fingerprint\": ").append(json(fp.hex()))
          .append(", \"output\": ").append(json(store.root().relativize(out).toString()))
          .append(", \"sha512\": ").append(json(sha512))
          .append(", \"classifier\": ").append(classifier == null ? "null" : json(classifier)).append('}');
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
