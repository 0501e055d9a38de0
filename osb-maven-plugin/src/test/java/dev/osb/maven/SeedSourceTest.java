package dev.osb.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.osb.build.SeedFetcher;
import dev.osb.load.Inputs;
import dev.osb.load.Location;
import dev.osb.model.Seed;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.artifact.handler.DefaultArtifactHandler;
import org.apache.maven.execution.DefaultMavenExecutionRequest;
import org.apache.maven.execution.DefaultMavenExecutionResult;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.model.Dependency;
import org.apache.maven.model.InputLocation;
import org.apache.maven.model.InputSource;
import org.apache.maven.model.Model;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.project.MavenProject;
import org.eclipse.aether.DefaultRepositorySystemSession;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.resolution.ArtifactRequest;
import org.eclipse.aether.resolution.ArtifactResolutionException;
import org.eclipse.aether.resolution.ArtifactResult;
import org.eclipse.aether.transfer.ArtifactNotFoundException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The seed as Maven knows it: the POM's provided stage4 dependencies, the reactor, resolution. */
class SeedSourceTest {

  @TempDir Path dir;

  static Dependency dependency(String g, String a, String v, String type, String scope, int line, Path pom) {
    Dependency d = new Dependency();
    d.setGroupId(g);
    d.setArtifactId(a);
    d.setVersion(v);
    d.setType(type);
    d.setScope(scope);
    InputSource source = new InputSource();
    source.setLocation(pom.toString());
    source.setModelId("com.example:derived:1.0");
    d.setLocation("", new InputLocation(line, 7, source));
    return d;
  }

  MavenProject project(List<Dependency> deps) {
    Model m = new Model();
    m.setGroupId("com.example");
    m.setArtifactId("derived");
    m.setVersion("1.0");
    m.setDependencies(deps);
    MavenProject p = new MavenProject(m);
    p.setFile(dir.resolve("pom.xml").toFile());
    return p;
  }

  @Test
  void onlyStage4DependenciesWithScopeProvidedAreSeeds() {
    Path pom = dir.resolve("pom.xml");
    Dependency seed = dependency("com.example", "base", "1.0", "stage4", "provided", 20, pom);
    Dependency variant = dependency("com.example", "base", "1.0", "stage4", "provided", 27, pom);
    variant.setClassifier("zfs");
    MavenProject p = project(List.of(
        dependency("com.example", "other", "1.0", "stage4", "compile", 10, pom),
        dependency("com.example", "lib", "1.0", "jar", "provided", 14, pom),
        seed, variant));
    assertEquals(List.of(new Inputs.ProvidedSeed("com.example:base:1.0", new Location(pom, 20, 7)),
        new Inputs.ProvidedSeed("com.example:base:1.0:zfs", new Location(pom, 27, 7))), SeedSource.providedSeeds(p));
  }

  @Test
  void aDependencyWithoutTrackedLocationIsPlacedAtThePom() {
    Dependency d = new Dependency();
    d.setGroupId("com.example");
    d.setArtifactId("base");
    d.setVersion("1.0");
    d.setType("stage4");
    d.setScope("provided");
    assertEquals(List.of(new Inputs.ProvidedSeed("com.example:base:1.0", Location.of(dir.resolve("pom.xml")))),
        SeedSource.providedSeeds(project(List.of(d))));
  }

  @Test
  @SuppressWarnings("deprecation") // the constructor Maven 3.8 has
  void theReactorIsEveryProjectOfTheSession() {
    MavenSession session = new MavenSession(null, null, new DefaultMavenExecutionRequest(),
        new DefaultMavenExecutionResult());
    MavenProject base = project(List.of());
    base.setArtifactId("base");
    MavenProject derived = project(List.of());
    session.setProjects(List.of(derived));
    session.setAllProjects(List.of(base, derived));
    assertEquals(Set.of("com.example:base", "com.example:derived"), SeedSource.reactorProjects(session));
  }

  static Artifact artifact(String a, String type, String classifier, Path file) {
    DefaultArtifactHandler handler = new DefaultArtifactHandler(type);
    handler.setExtension("stage4".equals(type) ? "tar.xz" : type);
    Artifact x = new org.apache.maven.artifact.DefaultArtifact("com.example", a, "1.0", "provided", type,
        classifier, handler);
    x.setFile(file == null ? null : file.toFile());
    return x;
  }

  @Test
  void aProvidedSeedIsItsResolvedDependencyAndItsDigestIsTheFilesOwn() throws Exception {
    Path tarball = Files.writeString(dir.resolve("stage4-amd64-base.tar.xz"), "the base stage4\n");
    Path other = Files.writeString(dir.resolve("zfs.tar.xz"), "a variant\n");
    Seed seed = new Seed(Seed.Kind.PROVIDED, null, null, null, "com.example:base:1.0",
        new Location(dir.resolve("pom.xml"), 20, 7));
    MavenProject p = project(List.of());
    p.setArtifacts(new java.util.LinkedHashSet<>(List.of(artifact("base", "stage4", "zfs", other),
        artifact("base", "jar", null, other), artifact("base", "stage4", null, tarball))));
    SeedSource.Resolved r = SeedSource.resolve(seed, p, null, null, dir);
    assertEquals(tarball, r.file());
    assertEquals(SeedFetcher.sha512(tarball), r.sha512());
  }

  @Test
  void aProvidedSeedWithoutAFileFailsNamingItAndWhatToDo() {
    Seed seed = new Seed(Seed.Kind.PROVIDED, null, null, null, "com.example:base:1.0",
        new Location(dir.resolve("pom.xml"), 20, 7));
    MojoFailureException noFile = assertThrows(MojoFailureException.class,
        () -> SeedSource.providedFile(seed, List.of(artifact("base", "stage4", null, null)), dir));
    assertEquals("the seed, the stage4 <dependency> com.example:base:1.0 with scope provided (pom.xml:20:7), has "
        + "no file: Maven resolved none. Build that project first (in a reactor, run the phase package or later, "
        + "e.g. mvn install, so its osb:package sets its stage4), or run mvn install in it", noFile.getMessage());
    MojoFailureException absent = assertThrows(MojoFailureException.class,
        () -> SeedSource.providedFile(seed, List.of(), dir));
    assertTrue(absent.getMessage().contains("is not among the project's resolved dependencies"), absent.getMessage());
  }

  /** A resolver that answers every request with {@code answer}. */
  interface Answer {
    ArtifactResult resolve(ArtifactRequest request) throws ArtifactResolutionException;
  }

  static RepositorySystem resolver(List<ArtifactRequest> seen, Answer answer) {
    return (RepositorySystem) Proxy.newProxyInstance(SeedSourceTest.class.getClassLoader(),
        new Class<?>[] {RepositorySystem.class}, (proxy, method, args) -> {
          if (method.getName().equals("resolveArtifact")) {
            ArtifactRequest request = (ArtifactRequest) args[1];
            seen.add(request);
            return answer.resolve(request);
          }
          throw new UnsupportedOperationException(method.getName());
        });
  }

  @Test
  void seedArtifactIsResolvedAsATarXzFromTheProjectsRepositories() throws Exception {
    Path tarball = Files.writeString(dir.resolve("base-os-1.4.0-zfs.tar.xz"), "an external stage4\n");
    List<ArtifactRequest> seen = new ArrayList<>();
    RepositorySystem system = resolver(seen, request -> {
      ArtifactResult result = new ArtifactResult(request);
      result.setArtifact(request.getArtifact().setFile(tarball.toFile()));
      return result;
    });
    RemoteRepository central = new RemoteRepository.Builder("central", "default", "https://repo.example/").build();
    MavenProject p = project(List.of());
    p.setRemoteArtifactRepositories(List.of());
    Seed seed = new Seed(Seed.Kind.ARTIFACT, null, null, null, "com.example:base-os:1.4.0:zfs",
        new Location(dir.resolve("os.yaml"), 9, 13));
    Path file = SeedSource.resolveArtifact(seed, system, new DefaultRepositorySystemSession(), List.of(central), dir);
    assertEquals(tarball, file);
    assertEquals(1, seen.size());
    DefaultArtifact asked = (DefaultArtifact) seen.get(0).getArtifact();
    assertEquals("com.example:base-os:tar.xz:zfs:1.4.0", asked.toString());
    assertEquals(List.of(central), seen.get(0).getRepositories());
  }

  @Test
  void anUnresolvableSeedArtifactFailsCleanlyWithTheFix() {
    List<ArtifactRequest> seen = new ArrayList<>();
    RepositorySystem system = resolver(seen, request -> {
      ArtifactResult result = new ArtifactResult(request);
      result.addException(new ArtifactNotFoundException(request.getArtifact(), null));
      throw new ArtifactResolutionException(List.of(result));
    });
    DefaultRepositorySystemSession session = new DefaultRepositorySystemSession();
    session.setOffline(true);
    Seed seed = new Seed(Seed.Kind.ARTIFACT, null, null, null, "com.example:base-os:1.4.0",
        new Location(dir.resolve("os.yaml"), 9, 13));
    MojoFailureException e = assertThrows(MojoFailureException.class,
        () -> SeedSource.resolveArtifact(seed, system, session, List.of(), dir));
    String m = e.getMessage();
    assertTrue(m.startsWith("seed.artifact com.example:base-os:1.4.0 (os.yaml:9:13) cannot be resolved as a stage4 "
        + "(tar.xz): "), m);
    assertTrue(m.contains("com.example:base-os:tar.xz:1.4.0"), "the resolver's reason: " + m);
    assertTrue(m.contains("run mvn install in that project (or deploy it), check the coordinates, and check that "
        + "the repositories of this POM or of settings.xml hold it; Maven runs offline (-o)"), m);
    assertNull(e.getCause(), "a user error, not a stack trace");
    assertFalse(m.contains("Exception"), m);
  }
}
