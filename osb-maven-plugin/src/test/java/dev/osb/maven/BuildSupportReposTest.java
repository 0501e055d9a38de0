package dev.osb.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.osb.build.Progress;
import dev.osb.build.RepoFetcher;
import dev.osb.build.SnapshotMaker;
import dev.osb.build.Store;
import dev.osb.build.run.Mounts;
import dev.osb.build.run.NativeRunner;
import dev.osb.load.Inputs;
import dev.osb.model.OsConfig;
import dev.osb.plan.Plan;
import dev.osb.plan.PlanInputs;
import dev.osb.plan.Planner;
import dev.osb.validate.Result;
import dev.osb.validate.Validator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How osb:build and osb:plan hand a plan's git overlays to the fetch step and the runner. */
class BuildSupportReposTest {

  static final String COMMIT = "3f0f5e1c8b6a4d2e9f7a1b3c5d7e9f0a1b2c3d4e";
  static final String OS_YAML = String.join("\n",
      "osb: 1",
      "name: repos",
      "profile: default/linux/amd64/23.0",
      "snapshot:",
      "  treeish: 5f6a0c3e1d2b4a6978877665544332211aabbccd",
      "seed:",
      "  url: https://distfiles.gentoo.org/releases/amd64/autobuilds/20261124T170000Z/"
          + "stage3-amd64-openrc-20261124T170000Z.tar.xz",
      "  sha512: " + "ab".repeat(64),
      "packages: [app-misc/hello]",
      "repos:",
      "  - { name: site, sync: git, uri: \"https://git.example/site.git\", commit: " + COMMIT + " }",
      "variants:",
      "  debug: { packages: [dev-debug/gdb] }",
      "");

  @TempDir Path tmp;

  Path project;
  OsConfig os;
  Plan plan;
  Store store;
  Mounts base;

  @BeforeEach
  void plan() throws Exception {
    project = Files.createDirectories(tmp.resolve("project"));
    Files.writeString(project.resolve("os.yaml"), OS_YAML);
    Instant when = Instant.parse("2026-11-25T00:00:00Z");
    Result r = Validator.validate(project.resolve("os.yaml"), Inputs.forDirectory(project).withTimestamp(when)
        .withProject(Map.of("groupId", "dev.osb.test", "artifactId", "repos", "version", "1.0.0")));
    assertTrue(r.ok(), r.problems().toString());
    os = r.config();
    Planner.Result p = Planner.plan(os, new PlanInputs("dev.osb.test", "repos", "1.0.0", project, when, Map.of()));
    assertTrue(p.problems().stream().noneMatch(q -> q.isError()), p.problems().toString());
    plan = p.plan();
    store = new Store(tmp.resolve("store"), Progress.NONE);
    base = Mounts.of(project, project.resolve("target/osb"), store.root(), tmp.resolve("distfiles"));
  }

  @Test
  void theStage4AndTheVariantGetTheTarOfTheirCommit() {
    Path tar = store.root().resolve("repos/site-" + COMMIT + ".tar");
    for (String id : List.of("stage4", "debug")) {
      assertEquals("/osb/input/repos/site", plan.build(id).value("repos"), id);
      Mounts m = BuildSupport.mounts(base, plan.build(id), os, project);
      assertEquals(Map.of("site", tar), m.repos(), id);
    }
    assertEquals(List.of(new RepoFetcher.Pinned("site", "https://git.example/site.git", COMMIT, "os.yaml:11:5")),
        RepoFetcher.pinned(plan, os, project), "fetched once for both builds");
  }

  @Test
  void theCommandOsbPlanPrintsCarriesTheRepo() {
    Mounts m = BuildSupport.mounts(base, plan.build("debug"), os, project);
    String line = PlanReason.shellLine(NativeRunner.argv(true, "catalyst", BuildSupport.catalystArgs(plan.build("debug")),
        m));
    assertTrue(line.endsWith(" --repo site /var/tmp/catalyst/repos/site-" + COMMIT + ".tar -- catalyst -c "
        + "/osb/out/catalyst-sticky.conf -f /osb/out/specs/debug.spec"), line);
  }

  @Test
  void thePlanSaysWhatWouldBeFetchedThenThatItIsInTheStore() throws Exception {
    Path tar = store.root().resolve("repos/site-" + COMMIT + ".tar");
    assertEquals(List.of("osb:plan: the repository site would be fetched: commit " + COMMIT + " from "
        + "https://git.example/site.git (git fetch --depth=1), archived to " + tar + " and unpacked to "
        + "/osb/input/repos/site; not verified by a signature: the pinned commit is the check"),
        BuildSupport.planRepos(plan, os, project, store));
    assertTrue(!Files.exists(store.root()), "the dry run creates nothing");
    Files.createDirectories(tar.getParent());
    Files.writeString(tar, "");
    assertEquals(List.of("osb:plan: the repository site at commit " + COMMIT + " is in the store: " + tar),
        BuildSupport.planRepos(plan, os, project, store));
  }

  @Test
  void aFailedFetchFailsTheBuildNamingTheRepository() {
    List<List<String>> calls = new ArrayList<>();
    RepoFetcher fetcher = new RepoFetcher((argv, env, stdin, timeout) -> {
      calls.add(argv);
      return argv.contains("fetch")
          ? new SnapshotMaker.Result(128, "fatal: unable to access 'https://git.example/site.git/': Could not resolve "
              + "host: git.example\n")
          : new SnapshotMaker.Result(argv.contains("cat-file") ? 1 : 0, "");
    }, java.time.Duration.ofMinutes(1));
    ProblemReportTest.RecordingLog log = new ProblemReportTest.RecordingLog();
    MojoFailureException e = assertThrows(MojoFailureException.class,
        () -> BuildSupport.fetchRepos(plan, os, project, store, fetcher, Progress.NONE, log));
    assertEquals("osb:build: os.yaml:11:5: repository 'site', commit " + COMMIT + " of https://git.example/site.git: "
        + "cannot fetch it (git fetch, exit 128: fatal: unable to access 'https://git.example/site.git/': Could not "
        + "resolve host: git.example); check that the URL is right and reachable from this machine (network, proxy, "
        + "credentials) and that the commit is pushed to that repository (the full 40-hex id of a commit on one of its "
        + "branches or tags)", e.getMessage());
    assertTrue(calls.stream().anyMatch(a -> a.containsAll(List.of("fetch", "--depth=1",
        "https://git.example/site.git", COMMIT))), calls.toString());
    assertEquals(List.of(), log.lines);
  }

  @Test
  void aTarInTheStoreIsUsedWithoutGit() throws Exception {
    Path tar = RepoFetcher.tar(store, "site", COMMIT);
    Files.createDirectories(tar.getParent());
    Files.writeString(tar, "");
    ProblemReportTest.RecordingLog log = new ProblemReportTest.RecordingLog();
    BuildSupport.fetchRepos(plan, os, project, store, new RepoFetcher((argv, env, stdin, timeout) -> {
      throw new AssertionError("git ran: " + argv);
    }, java.time.Duration.ofMinutes(1)), Progress.NONE, log);
    assertEquals(List.of("INFO osb:build: repository site at commit " + COMMIT + ": " + tar), log.lines);
  }
}
