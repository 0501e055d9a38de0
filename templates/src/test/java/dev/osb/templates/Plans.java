package dev.osb.templates;

import dev.osb.plan.Build;
import dev.osb.plan.CatalystConf;
import dev.osb.plan.Plan;
import java.util.List;

/** Copies of a plan with one part replaced, for tests of what the generator refuses. */
final class Plans {

  private Plans() {}

  static Plan withLabels(Plan p, List<Plan.Label> labels) {
    return new Plan(p.osName(), p.relType(), p.subarch(), p.treeish(), p.snapshotRepo(), p.seedSubpath(),
        p.seedUrl(), p.seedSha512(), p.builds(), p.confs(), p.envscript(), labels, p.portageImage(),
        p.catalystPackages(), p.catalystKeywords());
  }

  static Plan withConfs(Plan p, List<CatalystConf> confs) {
    return new Plan(p.osName(), p.relType(), p.subarch(), p.treeish(), p.snapshotRepo(), p.seedSubpath(),
        p.seedUrl(), p.seedSha512(), p.builds(), confs, p.envscript(), p.labels(), p.portageImage(),
        p.catalystPackages(), p.catalystKeywords());
  }

  static Plan withBuilds(Plan p, List<Build> builds) {
    return new Plan(p.osName(), p.relType(), p.subarch(), p.treeish(), p.snapshotRepo(), p.seedSubpath(),
        p.seedUrl(), p.seedSha512(), builds, p.confs(), p.envscript(), p.labels(), p.portageImage(),
        p.catalystPackages(), p.catalystKeywords());
  }

  static Plan withEnvscript(Plan p, List<String> envscript) {
    return new Plan(p.osName(), p.relType(), p.subarch(), p.treeish(), p.snapshotRepo(), p.seedSubpath(),
        p.seedUrl(), p.seedSha512(), p.builds(), p.confs(), envscript, p.labels(), p.portageImage(),
        p.catalystPackages(), p.catalystKeywords());
  }

  static Build withId(Build b, String id) {
    return new Build(id, b.kind(), b.target(), b.parent(), b.relType(), b.outputName(), b.spec(), b.portage(),
        b.fsscript(), b.conf(), b.shipped());
  }

  static Build withSpec(Build b, List<dev.osb.catalyst.SpecWriter.Entry> spec) {
    return new Build(b.id(), b.kind(), b.target(), b.parent(), b.relType(), b.outputName(), spec, b.portage(),
        b.fsscript(), b.conf(), b.shipped());
  }

  static CatalystConf conf(String name, List<String> options, Double loadAverage, String distcc, String storedir) {
    return new CatalystConf(name, options, storedir, "/var/cache/distfiles", List.of("blake2b", "sha512"), 4,
        loadAverage, distcc, "/osb/out/envscript", "");
  }
}
