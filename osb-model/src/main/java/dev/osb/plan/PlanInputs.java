package dev.osb.plan;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the planner needs besides the os.yaml: the Maven coordinates (rel_type namespace,
 * version stamps), the project root (paths are rendered relative to {@link Layout#PROJECT}),
 * the build timestamp (SOURCE_DATE_EPOCH) and the proxy settings the envscript carries.
 *
 * @param proxies http_proxy, https_proxy, no_proxy ... as given; sorted when rendered
 */
public record PlanInputs(
    String groupId,
    String artifactId,
    String version,
    Path projectRoot,
    Instant timestamp,
    Map<String, String> proxies) {

  public PlanInputs {
    proxies = java.util.Collections.unmodifiableMap(new TreeMap<>(proxies));
  }
}
