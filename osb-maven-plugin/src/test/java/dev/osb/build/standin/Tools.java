package dev.osb.build.standin;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * TEST STAND-IN helper: runs the real tools the stand-in uses (tar, xz, gzip, sha512sum, b2sum,
 * chroot, useradd, sed, git), argv only, their output copied to the stand-in's output.
 */
final class Tools {

  /** A step that failed: catalyst's build failure (exit 2). */
  static final class BuildFailure extends Exception {
    private static final long serialVersionUID = 1L;

    BuildFailure(String message) {
      super(message);
    }
  }

  private final PrintStream out;

  Tools(PrintStream out) {
    this.out = out;
  }

  /** Runs {@code argv}, output to the stand-in's output; fails on a non-zero exit. */
  void run(List<String> argv) throws BuildFailure {
    run(argv, null, null);
  }

  /**
   * Runs {@code argv} with {@code env} (null: inherited; else exactly these variables) and
   * {@code workDir}; output to the stand-in's output.
   */
  void run(List<String> argv, Map<String, String> env, Path workDir) throws BuildFailure {
    int code = exitCode(argv, env, workDir);
    if (code != 0) {
      throw new BuildFailure(argv.get(0) + " failed with exit code " + code + ": " + String.join(" ", argv));
    }
  }

  /** Like {@link #run(List, Map, Path)} but returns the exit code. */
  int exitCode(List<String> argv, Map<String, String> env, Path workDir) throws BuildFailure {
    out.flush();
    ProcessBuilder pb = new ProcessBuilder(argv).redirectErrorStream(true)
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    if (env != null) {
      pb.environment().clear();
      pb.environment().putAll(env);
    }
    if (workDir != null) {
      pb.directory(workDir.toFile());
    }
    try {
      Process p = pb.start();
      try (InputStream in = p.getInputStream()) {
        in.transferTo(out);
      }
      int code = p.waitFor();
      out.flush();
      return code;
    } catch (IOException e) {
      throw new BuildFailure("cannot run " + argv.get(0) + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BuildFailure("interrupted while running " + argv.get(0));
    }
  }

  /** Runs {@code argv} with {@code input} on stdin; returns its stdout; fails on a non-zero exit. */
  String capture(List<String> argv, String input) throws BuildFailure {
    try {
      Process p = new ProcessBuilder(argv).redirectError(ProcessBuilder.Redirect.INHERIT).start();
      try (var stdin = p.getOutputStream()) {
        if (input != null) {
          stdin.write(input.getBytes(StandardCharsets.UTF_8));
        }
      }
      String result = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      int code = p.waitFor();
      if (code != 0) {
        throw new BuildFailure(argv.get(0) + " failed with exit code " + code + ": " + String.join(" ", argv));
      }
      return result;
    } catch (IOException e) {
      throw new BuildFailure("cannot run " + argv.get(0) + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BuildFailure("interrupted while running " + argv.get(0));
    }
  }

  /** {@code a | b | ...  > target}, every stage checked. */
  void pipeline(List<List<String>> commands, Path target) throws BuildFailure {
    List<ProcessBuilder> builders = new ArrayList<>();
    for (List<String> c : commands) {
      builders.add(new ProcessBuilder(c).redirectError(ProcessBuilder.Redirect.INHERIT));
    }
    builders.get(0).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    builders.get(builders.size() - 1).redirectOutput(target.toFile());
    out.flush();
    try {
      List<Process> ps = ProcessBuilder.startPipeline(builders);
      for (int k = 0; k < ps.size(); k++) {
        int code = ps.get(k).waitFor();
        if (code != 0) {
          throw new BuildFailure(commands.get(k).get(0) + " failed with exit code " + code + " in "
              + String.join(" | ", commands.stream().map(c -> String.join(" ", c)).toList()));
        }
      }
    } catch (IOException e) {
      throw new BuildFailure("cannot run " + commands + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BuildFailure("interrupted");
    }
  }

  /** The first word of a {@code <tool> FILE} digest line. */
  String digest(String tool, Path file) throws BuildFailure {
    String line = capture(List.of(tool, "--", file.toString()), null);
    int sp = line.indexOf(' ');
    if (sp <= 0) {
      throw new BuildFailure(tool + " printed no digest for " + file);
    }
    String hex = line.substring(0, sp);
    return hex.startsWith("\\") ? hex.substring(1) : hex;
  }

  static boolean onPath(String tool) {
    String path = System.getenv("PATH");
    if (path == null) {
      return false;
    }
    for (String d : path.split(File.pathSeparator)) {
      if (!d.isEmpty() && Files.isExecutable(Path.of(d, tool))) {
        return true;
      }
    }
    return false;
  }
}
