import dev.osb.load.Inputs;
import dev.osb.plan.PlanInputs;
import dev.osb.plan.Planner;
import dev.osb.templates.Generator;
import dev.osb.templates.Rendered;
import dev.osb.validate.Result;
import dev.osb.validate.Validator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;

/**
 * In-process generate benchmarks: (a) sample-os, warm: validate + plan + render, median of many
 * runs after warm-up; (b) a synthetic os.yaml with 1,000 variants, one cold run (run this JVM
 * with -Xmx256m to check the memory target). Prints one line per figure.
 */
public final class GenerateBench {

  public static void main(String[] args) throws Exception {
    Path repo = Path.of(args[0]).toAbsolutePath().normalize();
    String which = args.length > 1 ? args[1] : "all";
    if (which.equals("all") || which.equals("sample")) {
      Path os = repo.resolve("sample-os/os.yaml");
      for (int i = 0; i < 200; i++) {
        once(repo, os);
      }
      long[] t = new long[300];
      for (int i = 0; i < t.length; i++) {
        long s = System.nanoTime();
        once(repo, os);
        t[i] = System.nanoTime() - s;
      }
      Arrays.sort(t);
      System.out.printf("(a) sample-os generate in-process, warm: median %.2f ms, p90 %.2f ms (%d runs)%n",
          t[t.length / 2] / 1e6, t[t.length * 9 / 10] / 1e6, t.length);
    }
    if (which.equals("all") || which.equals("variants")) {
      Path dir = Files.createTempDirectory("osb-bench");
      Path os = dir.resolve("os.yaml");
      StringBuilder y = new StringBuilder(Files.readString(repo.resolve("sample-os/os.yaml"))
          .replaceAll("(?s)\nvariants:.*", "\n")
          .replace("overlay: rootfs/", "overlay: null").replace("fsscript: scripts/finalize.sh", "fsscript: null"));
      y.append("variants:\n");
      for (int i = 0; i < 1000; i++) {
        y.append("  v").append(i).append(": { packages: [app-misc/pkg").append(i)
            .append("], services: { enable: [svc").append(i).append("] } }\n");
      }
      Files.writeString(os, y);
      long s = System.nanoTime();
      Rendered r = once(dir, os);
      long ms = (System.nanoTime() - s) / 1_000_000;
      Runtime rt = Runtime.getRuntime();
      System.out.printf("(b) 1,000 variants: %d ms cold, %d files, max heap %d MiB, used after %d MiB%n",
          ms, r.size(), rt.maxMemory() >> 20, (rt.totalMemory() - rt.freeMemory()) >> 20);
    }
  }

  static Rendered once(Path root, Path os) {
    Inputs in = Inputs.forDirectory(root)
        .withProject(Map.of("groupId", "dev.osb.samples", "artifactId", "sample-os", "version", "0.1.0-SNAPSHOT"))
        .withTimestamp(Instant.parse("2026-11-25T00:00:00Z"));
    Result r = Validator.validate(os, in);
    if (!r.ok()) {
      throw new IllegalStateException(r.problems().toString());
    }
    Planner.Result p = Planner.plan(r.config(), new PlanInputs("dev.osb.samples", "sample-os",
        "0.1.0-SNAPSHOT", root, in.timestamp(), Map.of()));
    return Generator.render(p.plan(), null);
  }
}
