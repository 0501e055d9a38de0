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
 * @param stamps build id to a suffix of its {@code version_stamp} ({@code <build>-<version>-<suffix>}):
 *     the 8-hex input fingerprint the plugin adds for SNAPSHOT versions; empty for none
 */
public record PlanInputs(
    String groupId,
    String artifactId,
    String version,
    Path projectRoot,
    Instant timestamp,
    Map<String, String> proxies,
    Map<String, String> stamps) {

  public PlanInputs {
    proxies = java.util.Collections.unmodifiableMap(new TreeMap<>(proxies));
    stamps = java.util.Collections.unmodifiableMap(new TreeMap<>(stamps));
    for (String suffix : stamps.values()) {
      if (!suffix.matches("[0-9a-f]{1,16}")) {
        throw new IllegalArgumentException("a version_stamp suffix is 1 to 16 lowercase hex digits: " + suffix);
      }
    }
  }

  /** Inputs without version_stamp suffixes. */
  public PlanInputs(String groupId, String artifactId, String version, Path projectRoot, Instant timestamp,
      Map<String, String> proxies) {
    this(groupId, artifactId, version, projectRoot, timestamp, proxies, Map.of());
  }

  /** The same inputs with these version_stamp suffixes. */
  public PlanInputs withStamps(Map<String, String> suffixes) {
    return new PlanInputs(groupId, artifactId, version, projectRoot, timestamp, proxies, suffixes);
  }
}
