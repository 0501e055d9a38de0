package dev.osb.build.run;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * What a runner's first-use check asks of the machine: commands on PATH, the user id, device
 * files, and short commands whose output is read (not streamed). Tests replace it to check the
 * messages without the real machine.
 */
public interface Host {

  /** A finished short command: its exit code ({@code -1}: could not start or timed out) and output. */
  record Exec(int exit, String output) {

    /** The first non-blank output line, or {@code ""}. */
    public String firstLine() {
      return output.lines().map(String::strip).filter(l -> !l.isEmpty()).findFirst().orElse("");
    }
  }

  /** The executable {@code command} on PATH (or the path itself, when it contains a slash). */
  Optional<Path> which(String command);

  /** The effective user id of this process. */
  long uid();

  default boolean isRoot() {
    return uid() == 0;
  }

  /** Whether the path exists (not following a final symlink). */
  boolean exists(Path path);

  /** Runs a short command, stdin from /dev/null, stderr merged; kills it after {@code timeout}. */
  Exec exec(List<String> argv, Duration timeout) throws InterruptedException;

  /** This machine, with {@code environment} added to the environment of what it runs (and PATH). */
  static Host system(Map<String, String> environment) {
    return new SystemHost(environment);
  }

  /** This machine, with the inherited environment. */
  static Host system() {
    return new SystemHost(Map.of());
  }

  /** The real machine. */
  final class SystemHost implements Host {
    private final Map<String, String> environment;

    SystemHost(Map<String, String> environment) {
      this.environment = Map.copyOf(environment);
    }

    @Override
    public Optional<Path> which(String command) {
      if (command.contains("/")) {
        Path p = Path.of(command);
        return Files.isRegularFile(p) && Files.isExecutable(p) ? Optional.of(p) : Optional.empty();
      }
      String path = environment.getOrDefault("PATH", System.getenv("PATH"));
      if (path == null) {
        return Optional.empty();
      }
      for (String dir : path.split(File.pathSeparator)) {
        if (dir.isEmpty()) {
          continue;
        }
        Path p = Path.of(dir, command);
        if (Files.isRegularFile(p) && Files.isExecutable(p)) {
          return Optional.of(p.toAbsolutePath());
        }
      }
      return Optional.empty();
    }

    @Override
    public long uid() {
      // Linux: the effective uid is the second field of "Uid:" in /proc/self/status
      try {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"), StandardCharsets.UTF_8)) {
          if (line.startsWith("Uid:")) {
            return Long.parseLong(line.substring(4).trim().split("\\s+")[1]);
          }
        }
      } catch (IOException | RuntimeException e) {
        // fall through to id -u
      }
      try {
        Exec id = exec(List.of("id", "-u"), Duration.ofSeconds(10));
        return id.exit() == 0 ? Long.parseLong(id.firstLine()) : -1;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return -1;
      } catch (NumberFormatException e) {
        return -1;
      }
    }

    @Override
    public boolean exists(Path path) {
      return Files.exists(path, LinkOption.NOFOLLOW_LINKS);
    }

    @Override
    public Exec exec(List<String> argv, Duration timeout) throws InterruptedException {
      ProcessBuilder pb = new ProcessBuilder(argv).redirectErrorStream(true)
          .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
      pb.environment().putAll(environment);
      Process p;
      try {
        p = pb.start();
      } catch (IOException e) {
        return new Exec(-1, e.getMessage());
      }
      CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> {
        try {
          return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
          return "";
        }
      });
      if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        ProcessRunner.killTree(p.toHandle(), Duration.ofSeconds(2));
        return new Exec(-1, "no answer within " + ProcessRunner.format(timeout));
      }
      String text;
      try {
        text = out.get(5, TimeUnit.SECONDS);
      } catch (Exception e) {
        text = "";
      }
      return new Exec(p.exitValue(), text);
    }
  }
}
