package dev.osb.load;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * What an os.yaml is read against, from outside the file: the project root that paths must stay
 * in, the values of {@code ${project.*}}, the environment for {@code ${env.*}}, the secret store
 * for {@code ${secret:*}}, the build timestamp for {@code ${osb.timestamp}}, and what the build
 * tool knows about the seed: the stage4 dependencies it provides as the seed, and the projects of
 * its reactor.
 *
 * @param projectRoot paths in the os.yaml (and extends) must stay below it
 * @param project {@code ${project.KEY}} values, e.g. version, groupId, artifactId
 * @param env {@code ${env.NAME}} values
 * @param secrets looks up {@code ${secret:NAME}}; never logged
 * @param timestamp the build's timestamp (Maven's project.build.outputTimestamp when set)
 * @param providedSeeds the project's dependencies of type {@code stage4} with scope
 *     {@code provided}, in declaration order: the one there may be is the seed (and the os.yaml
 *     then sets none). Empty when there are none, or when the tool says nothing (then the os.yaml
 *     must name the seed)
 * @param reactorProjects {@code groupId:artifactId} of every project of the build tool's current
 *     reactor; a {@code seed.artifact} naming one of them is an error (it must be a provided
 *     dependency, so the reactor builds it first)
 */
public record Inputs(
    Path projectRoot,
    Map<String, String> project,
    Map<String, String> env,
    Function<String, Optional<String>> secrets,
    Instant timestamp,
    List<ProvidedSeed> providedSeeds,
    Set<String> reactorProjects) {

  /**
   * A dependency of type {@code stage4} with scope {@code provided}: the stage4 a derived OS is
   * built on, from the same reactor or a repository.
   *
   * @param coordinates {@code groupId:artifactId:version}, or with {@code :classifier} (a variant)
   * @param declaredAt where it is declared (the POM's {@code <dependency>}), for messages
   */
  public record ProvidedSeed(String coordinates, Location declaredAt) {
    public ProvidedSeed {
      Objects.requireNonNull(coordinates, "coordinates");
      Objects.requireNonNull(declaredAt, "declaredAt");
    }
  }

  public Inputs {
    project = java.util.Collections.unmodifiableMap(new TreeMap<>(project));
    env = Map.copyOf(env);
    providedSeeds = List.copyOf(providedSeeds);
    reactorProjects = java.util.Collections.unmodifiableSet(new TreeSet<>(reactorProjects));
  }

  /** Inputs without anything from the build tool about the seed. */
  public Inputs(Path projectRoot, Map<String, String> project, Map<String, String> env,
      Function<String, Optional<String>> secrets, Instant timestamp) {
    this(projectRoot, project, env, secrets, timestamp, List.of(), Set.of());
  }

  /** Inputs for a plain directory, with no project values, environment or secrets. */
  public static Inputs forDirectory(Path root) {
    return new Inputs(root, Map.of(), Map.of(), n -> Optional.empty(), Instant.EPOCH);
  }

  public Inputs withProject(Map<String, String> values) {
    return new Inputs(projectRoot, values, env, secrets, timestamp, providedSeeds, reactorProjects);
  }

  public Inputs withEnv(Map<String, String> values) {
    return new Inputs(projectRoot, project, values, secrets, timestamp, providedSeeds, reactorProjects);
  }

  public Inputs withSecrets(Function<String, Optional<String>> lookup) {
    return new Inputs(projectRoot, project, env, lookup, timestamp, providedSeeds, reactorProjects);
  }

  public Inputs withTimestamp(Instant when) {
    return new Inputs(projectRoot, project, env, secrets, when, providedSeeds, reactorProjects);
  }

  public Inputs withProvidedSeeds(List<ProvidedSeed> seeds) {
    return new Inputs(projectRoot, project, env, secrets, timestamp, seeds, reactorProjects);
  }

  public Inputs withReactorProjects(Set<String> groupIdArtifactIds) {
    return new Inputs(projectRoot, project, env, secrets, timestamp, providedSeeds, groupIdArtifactIds);
  }
}
