package dev.osb.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProjectRootTest {

  @TempDir Path tmp;

  @Test
  void gitRootAboveTheReactorWins() throws IOException {
    Files.createDirectories(tmp.resolve("repo/.git"));
    Path reactor = Files.createDirectories(tmp.resolve("repo/build"));
    Path module = Files.createDirectories(reactor.resolve("os/server"));
    assertEquals(tmp.resolve("repo"), ProjectRoot.find(module, reactor));
  }

  @Test
  void reactorRootAboveTheGitRootWins() throws IOException {
    Path reactor = Files.createDirectories(tmp.resolve("reactor"));
    Files.createDirectories(reactor.resolve("sub/.git"));
    Path module = Files.createDirectories(reactor.resolve("sub/os"));
    assertEquals(reactor, ProjectRoot.find(module, reactor));
  }

  @Test
  void gitFileOfAWorktreeCounts() throws IOException {
    Path worktree = Files.createDirectories(tmp.resolve("wt"));
    Files.writeString(worktree.resolve(".git"), "gitdir: /elsewhere/.git/worktrees/wt\n");
    Path module = Files.createDirectories(worktree.resolve("a/b"));
    assertEquals(worktree, ProjectRoot.find(module, module));
  }

  @Test
  void withoutGitOrReactorItIsTheProjectItself() throws IOException {
    Path module = Files.createDirectories(tmp.resolve("lonely/project"));
    assertEquals(ProjectRoot.gitRoot(module).orElse(module), ProjectRoot.find(module, null));
  }

  @Test
  void aReactorRootThatDoesNotHoldTheProjectIsIgnored() throws IOException {
    Path module = Files.createDirectories(tmp.resolve("here/os"));
    Path elsewhere = Files.createDirectories(tmp.resolve("there"));
    Path found = ProjectRoot.find(module, elsewhere);
    assertTrue(module.startsWith(found), found + " must hold " + module);
  }

  @Test
  void relativeAndUnnormalizedPathsAreNormalized() throws IOException {
    Files.createDirectories(tmp.resolve("r/.git"));
    Path module = Files.createDirectories(tmp.resolve("r/m"));
    assertEquals(tmp.resolve("r"), ProjectRoot.find(module.resolve("../m/."), null));
  }

  @Test
  void theWalkStopsAtTheFilesystemRoot() {
    Path fsRoot = tmp.getRoot();
    assertEquals(fsRoot, ProjectRoot.find(fsRoot, fsRoot));
  }
}
