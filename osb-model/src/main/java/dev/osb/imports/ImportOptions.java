package dev.osb.imports;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * How to read a set of catalyst specs. Every field but {@code paths} may be null.
 *
 * @param name the OS name for the os.yaml, or null for the first spec's build name
 * @param paths where the host paths the specs name are on this machine: a path prefix as the
 *     spec writes it ({@code @REPO_DIR@}, {@code @REPO_DIR@/releases/portage}, {@code
 *     /var/tmp/releng}, {@code /osb/out}) to a local directory; the longest matching prefix wins.
 *     Without a match, {@code @REPO_DIR@} is the releng checkout the spec lies in (the directory
 *     above {@code releases/specs/}), and an absolute path is taken as it is
 * @param timestamp the value of {@code @TIMESTAMP@} in stamped specs (catalyst-auto's copies),
 *     turned back into {@code ${osb.timestamp}}; null to look for one in version_stamp
 * @param datestamp likewise {@code @DATESTAMP@}, turned into {@code ${osb.datestamp}}
 * @param treeish the ::gentoo commit: the value of {@code @TREEISH@} in stamped specs, and
 *     snapshot.treeish when the specs say {@code @TREEISH@}
 * @param repoDir the value of {@code @REPO_DIR@} in stamped specs, turned back into it
 * @param seedUrl the seed of the first spec, when its source_subpath is not one to download
 *     (releng's {@code stage3-amd64-openrc-latest})
 * @param seedSha512 the seed's sha512, with {@code seedUrl}
 */
public record ImportOptions(
    String name,
    Map<String, Path> paths,
    String timestamp,
    String datestamp,
    String treeish,
    String repoDir,
    String seedUrl,
    String seedSha512) {

  public ImportOptions {
    paths = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(paths, "paths")));
  }

  /** No name, no path mappings, nothing stamped, no seed. */
  public static ImportOptions defaults() {
    return new ImportOptions(null, Map.of(), null, null, null, null, null, null);
  }

  public ImportOptions withName(String value) {
    return new ImportOptions(value, paths, timestamp, datestamp, treeish, repoDir, seedUrl, seedSha512);
  }

  /** Adds one mapping: host paths starting with {@code prefix} are below {@code local}. */
  public ImportOptions withPath(String prefix, Path local) {
    Map<String, Path> p = new LinkedHashMap<>(paths);
    p.put(prefix.endsWith("/") && prefix.length() > 1 ? prefix.substring(0, prefix.length() - 1) : prefix, local);
    return new ImportOptions(name, p, timestamp, datestamp, treeish, repoDir, seedUrl, seedSha512);
  }

  /** The values catalyst-auto stamped into the specs (any may be null). */
  public ImportOptions withStamps(String timestampValue, String datestampValue, String treeishValue, String repoDirValue) {
    return new ImportOptions(name, paths, timestampValue, datestampValue, treeishValue, repoDirValue, seedUrl, seedSha512);
  }

  public ImportOptions withTreeish(String value) {
    return new ImportOptions(name, paths, timestamp, datestamp, value, repoDir, seedUrl, seedSha512);
  }

  public ImportOptions withSeed(String url, String sha512) {
    return new ImportOptions(name, paths, timestamp, datestamp, treeish, repoDir, url, sha512);
  }
}
