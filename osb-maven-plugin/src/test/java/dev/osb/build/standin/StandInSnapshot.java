package dev.osb.build.standin;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * TEST STAND-IN, not catalyst: {@code catalyst -s TREEISH} without network. As catalyst 4 with a
 * treeish other than {@code stable}: the treeish must already be in {@code
 * <repos_storedir>/<repo_name>.git}; it is resolved with the real git, logged with catalyst's
 * line ({@code Creating gentoo tree snapshot <sha> from <gitdir>}) and written with {@code git
 * archive | tar2sqfs} to {@code <storedir>/snapshots/<repo_name>-<sha>.sqfs}; without tar2sqfs
 * (squashfs-tools-ng) it fails as catalyst does. {@code stable} (a network fetch) is refused.
 */
final class StandInSnapshot {

  private final Map<String, Object> conf;
  private final String treeish;
  private final CatalystStandIn.Log log;
  private final Tools tools;

  StandInSnapshot(Map<String, Object> conf, String treeish, CatalystStandIn.Log log) {
    this.conf = conf;
    this.treeish = treeish;
    this.log = log;
    this.tools = new Tools(log.stream());
  }

  int run() {
    try {
      String repo = String.valueOf(conf.get("repo_name"));
      Path gitDir = Path.of(String.valueOf(conf.get("repos_storedir")), repo + ".git");
      if (treeish.equals("stable")) {
        throw new Tools.BuildFailure("the stand-in does not fetch: -s stable needs the network; pass a commit "
            + "that is in " + gitDir);
      }
      if (!Files.isDirectory(gitDir)) {
        throw new Tools.BuildFailure(gitDir + " is not a git repository; catalyst -s with a treeish other than "
            + "stable does not fetch");
      }
      String sha = tools.capture(List.of("git", "--git-dir=" + gitDir, "rev-parse", "--verify", "--quiet",
          treeish + "^{commit}"), null).strip();
      log.notice("Creating " + repo + " tree snapshot " + sha + " from " + gitDir);
      if (!Tools.onPath("tar2sqfs")) {
        throw new Tools.BuildFailure("tar2sqfs not found on PATH (catalyst needs sys-fs/squashfs-tools-ng)");
      }
      Path snapshots = Path.of(String.valueOf(conf.get("storedir")), "snapshots");
      Files.createDirectories(snapshots);
      Path target = snapshots.resolve(repo + "-" + sha + ".sqfs");
      tools.pipeline(List.of(List.of("git", "--git-dir=" + gitDir, "archive", "--format=tar", sha),
          List.of("tar2sqfs", target.toString(), "-q", "-f", "-j1", "-c", "gzip")), Path.of("/dev/null"));
      log.notice("Wrote snapshot to " + target);
      return 0;
    } catch (Tools.BuildFailure e) {
      log.error(e.getMessage());
      return 2;
    } catch (java.io.IOException e) {
      log.error(e.toString());
      return 2;
    }
  }
}
