package dev.osb.maven;

import dev.osb.build.SeedFetcher;
import dev.osb.load.Inputs;
import dev.osb.load.Location;
import dev.osb.model.Seed;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Objects;
import java.util.Set;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.model.Dependency;
import org.apache.maven.model.InputLocation;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.project.MavenProject;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.resolution.ArtifactRequest;
import org.eclipse.aether.resolution.ArtifactResolutionException;
import org.eclipse.aether.resolution.ArtifactResult;

/**
 * Where the seed comes from when Maven has a say, and its digest.
 *
 * <ul>
 *   <li>What the validator needs (no resolution, so osb:validate and osb:generate can use it):
 *       the POM's dependencies of type {@code stage4} with scope {@code provided}, as declared
 *       (with their place in the POM), and the {@code groupId:artifactId} of every project of the
 *       reactor.
 *   <li>What osb:build, osb:package and osb:plan need: the seed's file and SHA-512. A provided
 *       seed is the resolved dependency of the project ({@code requiresDependencyResolution}: in a
 *       reactor, the sibling's packaged stage4, else the local repository's); a
 *       {@code seed.artifact} is resolved with Maven's resolver from the project's repositories;
 *       a {@code seed.url} has its declared digest, a {@code seed.file} its declared one or its
 *       own.
 * </ul>
 */
final class SeedSource {

  /** The type of an OSB stage4 artifact (extension {@code tar.xz}, see components.xml). */
  static final String TYPE = "stage4";
  static final String EXTENSION = "tar.xz";

  private SeedSource() {}

  /**
   * A seed ready for fingerprinting.
   *
   * @param file the file to copy into the store: the resolved artifact; null for a URL or file
   *     seed (SeedFetcher reads those from the os.yaml)
   * @param sha512 its SHA-512, lowercase: the seed digest of the fingerprints and the manifest
   */
  record Resolved(Path file, String sha512) {}

  // ---------------------------------------------------------------- what the validator needs

  /** The POM's dependencies of type stage4 and scope provided, in order, where they are declared. */
  static List<Inputs.ProvidedSeed> providedSeeds(MavenProject project) {
    List<Inputs.ProvidedSeed> out = new ArrayList<>();
    for (Dependency d : project.getDependencies()) {
      if (TYPE.equals(d.getType()) && "provided".equals(d.getScope())) {
        out.add(new Inputs.ProvidedSeed(coordinates(d), location(d, project)));
      }
    }
    return out;
  }

  /** {@code groupId:artifactId} of every project of the reactor (all of it, not only those selected). */
  static Set<String> reactorProjects(MavenSession session) {
    List<MavenProject> all = session.getAllProjects() != null ? session.getAllProjects() : session.getProjects();
    Set<String> out = new LinkedHashSet<>();
    for (MavenProject p : all == null ? List.<MavenProject>of() : all) {
      out.add(p.getGroupId() + ":" + p.getArtifactId());
    }
    return out;
  }

  static String coordinates(Dependency d) {
    String c = d.getGroupId() + ":" + d.getArtifactId() + ":" + d.getVersion();
    return d.getClassifier() == null || d.getClassifier().isEmpty() ? c : c + ":" + d.getClassifier();
  }

  /** Where the POM declares the dependency (its own file or a parent's); the POM itself when Maven did not track it. */
  static Location location(Dependency d, MavenProject project) {
    File pom = project.getFile();
    InputLocation at = d.getLocation("");
    if (at == null) {
      return Location.of(pomPath(pom, project));
    }
    Path file = at.getSource() != null && at.getSource().getLocation() != null
        ? Path.of(at.getSource().getLocation()) : pomPath(pom, project);
    return new Location(file, Math.max(1, at.getLineNumber()), Math.max(1, at.getColumnNumber()));
  }

  private static Path pomPath(File pom, MavenProject project) {
    return pom != null ? pom.toPath() : project.getBasedir().toPath().resolve("pom.xml");
  }

  // ---------------------------------------------------------------- what a build needs

  /**
   * The seed's file and digest; resolves an artifact seed.
   *
   * @param base messages show locations relative to it (the project's directory)
   */
  static Resolved resolve(Seed seed, MavenProject project, RepositorySystem system,
      RepositorySystemSession session, Path base) throws MojoExecutionException, MojoFailureException {
    Path file = switch (seed.kind()) {
      case URL -> null;
      case FILE -> seed.file();
      case ARTIFACT -> resolveArtifact(seed, system, session, project.getRemoteProjectRepositories(), base);
      case PROVIDED -> providedFile(seed, project.getArtifacts(), base);
    };
    try {
      Optional<String> declared = declaredSha512(seed);
      return new Resolved(file, declared.isPresent() ? declared.get() : SeedFetcher.sha512(file));
    } catch (IOException e) {
      throw new MojoExecutionException("cannot read the seed " + file + " (" + seed.describe() + "): "
          + e.getMessage(), e);
    }
  }

  /**
   * The seed's SHA-512 as far as it is known without resolving anything: os.yaml's
   * {@code seed.sha512}, or a {@code seed.file}'s own; empty for an artifact seed.
   */
  static Optional<String> declaredSha512(Seed seed) throws IOException {
    if (seed.sha512() != null) {
      return Optional.of(seed.sha512());
    }
    if (seed.kind() == Seed.Kind.FILE) {
      return Optional.of(SeedFetcher.sha512(seed.file()));
    }
    return Optional.empty();
  }

  /** The resolved file of the provided stage4 dependency among the project's resolved artifacts. */
  static Path providedFile(Seed seed, Collection<Artifact> artifacts, Path base) throws MojoFailureException {
    String[] c = seed.artifact().split(":");
    String classifier = c.length > 3 ? c[3] : "";
    for (Artifact a : artifacts) {
      if (a.getGroupId().equals(c[0]) && a.getArtifactId().equals(c[1]) && TYPE.equals(a.getType())
          && Objects.toString(a.getClassifier(), "").equals(classifier)) {
        if (a.getFile() != null && a.getFile().isFile()) {
          return a.getFile().toPath();
        }
        throw new MojoFailureException("the seed, the stage4 <dependency> " + seed.artifact() + " with scope "
            + "provided (" + where(seed, base) + "), has no file: " + (a.getFile() == null ? "Maven resolved none"
            : a.getFile() + " does not exist") + ". Build that project first (in a reactor, run the phase package "
            + "or later, e.g. mvn install, so its osb:package sets its stage4), or run mvn install in it");
      }
    }
    throw new MojoFailureException("the seed, the stage4 <dependency> " + seed.artifact() + " with scope provided ("
        + where(seed, base) + "), is not among the project's resolved dependencies; the goal needs dependency "
        + "resolution: run it in the lifecycle (mvn package) or as osb:build, osb:package or osb:plan");
  }

  /** Resolves {@code seed.artifact} (extension tar.xz) from the local and the project's remote repositories. */
  static Path resolveArtifact(Seed seed, RepositorySystem system, RepositorySystemSession session,
      List<RemoteRepository> repositories, Path base) throws MojoFailureException {
    String[] c = seed.artifact().split(":");
    DefaultArtifact artifact = new DefaultArtifact(c[0], c[1], c.length > 3 ? c[3] : "", EXTENSION, c[2]);
    ArtifactRequest request = new ArtifactRequest(artifact, repositories, null);
    ArtifactResult result;
    try {
      result = system.resolveArtifact(session, request);
    } catch (ArtifactResolutionException e) {
      throw new MojoFailureException(unresolved(seed, base, e.getMessage(), session.isOffline()));
    }
    File file = result.getArtifact() == null ? null : result.getArtifact().getFile();
    if (file == null || !file.isFile()) {
      throw new MojoFailureException(unresolved(seed, base, "no file", session.isOffline()));
    }
    return file.toPath();
  }

  static String unresolved(Seed seed, Path base, String why, boolean offline) {
    return "seed.artifact " + seed.artifact() + " (" + where(seed, base) + ") cannot be resolved as a stage4 ("
        + EXTENSION + "): " + why + ". It is the stage4 of another OSB project: run mvn install in that project "
        + "(or deploy it), check the coordinates, and check that the repositories of this POM or of settings.xml "
        + "hold it" + (offline ? "; Maven runs offline (-o), so only the local repository is read" : "");
  }

  private static String where(Seed seed, Path base) {
    return seed.declaredAt() == null ? "os.yaml" : seed.declaredAt().format(base);
  }
}
