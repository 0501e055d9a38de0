package dev.osb.build.run;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/** A machine for the first-use checks: commands on PATH, uid, files, canned command results. */
final class FakeHost implements Host {
  final Set<String> commands = new HashSet<>();
  final Set<Path> files = new HashSet<>();
  final Map<String, Exec> results = new HashMap<>();
  final List<List<String>> executed = new ArrayList<>();
  long uid;
  Function<List<String>, Exec> fallback = argv -> new Exec(0, "");

  FakeHost(long uid, String... commands) {
    this.uid = uid;
    this.commands.addAll(List.of(commands));
  }

  FakeHost withLoop() {
    files.add(Path.of("/dev/loop-control"));
    return this;
  }

  FakeHost result(String argv, int exit, String output) {
    results.put(argv, new Exec(exit, output));
    return this;
  }

  @Override
  public Optional<Path> which(String command) {
    if (command.contains("/")) {
      return commands.contains(command) ? Optional.of(Path.of(command)) : Optional.empty();
    }
    return commands.contains(command) ? Optional.of(Path.of("/usr/bin", command)) : Optional.empty();
  }

  @Override
  public long uid() {
    return uid;
  }

  @Override
  public boolean exists(Path path) {
    return files.contains(path);
  }

  @Override
  public Exec exec(List<String> argv, Duration timeout) {
    executed.add(argv);
    Exec r = results.get(String.join(" ", argv));
    return r != null ? r : fallback.apply(argv);
  }
}
