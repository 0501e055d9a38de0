package dev.osb.load;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * What an os.yaml is read against, from outside the file: the project root that paths must stay
 * in, the values of {@code ${project.*}}, the environment for {@code ${env.*}}, the secret store
 * for {@code ${secret:*}}, and the build timestamp for {@code ${osb.timestamp}}.
 *
 * @param projectRoot paths in the os.yaml (and extends) must stay below it
 * @param project {@code ${project.KEY}} values, e.g. version, groupId, artifactId
 * @param env {@code ${env.NAME}} values
 * @param secrets looks up {@code ${secret:NAME}}; never logged
 * @param timestamp the build's timestamp (Maven's project.build.outputTimestamp when set)
 */
public record Inputs(
    Path projectRoot,
    Map<String, String> project,
    Map<String, String> env,
    Function<String, Optional<String>> secrets,
    Instant timestamp) {

  public Inputs {
    project = java.util.Collections.unmodifiableMap(new TreeMap<>(project));
    env = Map.copyOf(env);
  }

  /** Inputs for a plain directory, with no project values, environment or secrets. */
  public static Inputs forDirectory(Path root) {
    return new Inputs(root, Map.of(), Map.of(), n -> Optional.empty(), Instant.EPOCH);
  }

  public Inputs withProject(Map<String, String> values) {
    return new Inputs(projectRoot, values, env, secrets, timestamp);
  }

  public Inputs withEnv(Map<String, String> values) {
    return new Inputs(projectRoot, project, values, secrets, timestamp);
  }

  public Inputs withSecrets(Function<String, Optional<String>> lookup) {
    return new Inputs(projectRoot, project, env, lookup, timestamp);
  }

  public Inputs withTimestamp(Instant when) {
    return new Inputs(projectRoot, project, env, secrets, when);
  }
}
