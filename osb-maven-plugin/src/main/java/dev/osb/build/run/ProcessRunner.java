package dev.osb.build.run;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Runs one external process for a runner step and watches it.
 *
 * <ul>
 *   <li>The command is an argv list ({@link ProcessBuilder}), never a shell string; stdin is
 *       {@code /dev/null}; stderr is merged into stdout.
 *   <li>Each output line goes, as it arrives, to the {@link LineSink} and to the step's log file
 *       (appended; the file starts with a header line naming the command). The last {@value
 *       #TAIL_LINES} lines are kept for the failure message.
 *   <li>With a heartbeat interval (batch mode), every interval of silence prints {@code still
 *       running: <what>, <elapsed>} to the sink, so a CI job that kills silent builds does not.
 *   <li>A timeout; on timeout, on failure (a non-zero exit) and when the calling thread is
 *       interrupted or the JVM shuts down (Ctrl-C), the step's cleanup action runs (a container
 *       runner stops its container by name), then the whole process tree is killed: every
 *       descendant and the process, {@code destroy} first, {@code destroyForcibly} after the
 *       grace period.
 * </ul>
 *
 * <p>Thread-safe: every call runs its own process; one instance may serve parallel builds.
 */
public final class ProcessRunner {

  /** How many of the last output lines a failure carries. */
  public static final int TAIL_LINES = 50;

  /** The default time between {@code destroy} and {@code destroyForcibly}. */
  public static final Duration DEFAULT_GRACE = Duration.ofSeconds(10);

  private final LineSink sink;
  private final Duration heartbeat;
  private final Duration grace;
  private final Map<String, String> environment;

  /**
   * @param sink where output lines and heartbeats go
   * @param heartbeat the silence after which a heartbeat line is printed, or null for none
   *     (interactive use: the Mojo passes one in batch mode only)
   * @param grace how long a killed process tree gets between {@code destroy} and {@code
   *     destroyForcibly}
   * @param environment variables added to (or replacing) the inherited environment
   */
  public ProcessRunner(LineSink sink, Duration heartbeat, Duration grace, Map<String, String> environment) {
    this.sink = Objects.requireNonNull(sink, "sink");
    if (heartbeat != null && (heartbeat.isNegative() || heartbeat.isZero())) {
      heartbeat = null;
    }
    this.heartbeat = heartbeat;
    this.grace = grace == null ? DEFAULT_GRACE : grace;
    this.environment = Map.copyOf(environment);
  }

  /** No heartbeat, the default grace period, the inherited environment. */
  public ProcessRunner(LineSink sink) {
    this(sink, null, DEFAULT_GRACE, Map.of());
  }

  public LineSink sink() {
    return sink;
  }

  public Duration grace() {
    return grace;
  }

  /** The variables this runner adds to every process's environment. */
  public Map<String, String> environment() {
    return environment;
  }

  /**
   * One process to run.
   *
   * @param what a short name for messages and heartbeats, e.g. {@code catalyst stage4}
   * @param argv the command and its arguments
   * @param log the log file the output is appended to (parent directories are created)
   * @param timeout how long it may run, or null for no limit
   * @param cleanup runs on timeout, failure, interrupt and JVM shutdown, before the process tree
   *     is killed (a container runner stops its container by name); may be null
   * @param started receives the process once it runs (a runner's {@code stop}); may be null
   */
  public record Invocation(
      String what, List<String> argv, Path log, Duration timeout, Runnable cleanup, Consumer<ProcessHandle> started) {

    public Invocation {
      Objects.requireNonNull(what, "what");
      argv = List.copyOf(argv);
      if (argv.isEmpty()) {
        throw new IllegalArgumentException("empty argv for " + what);
      }
      Objects.requireNonNull(log, "log");
    }

    public Invocation(String what, List<String> argv, Path log, Duration timeout) {
      this(what, argv, log, timeout, null, null);
    }
  }

  /**
   * Runs the invocation to its end and returns its exit code (zero or not). A non-zero exit still
   * runs the cleanup action and kills what is left of the process tree.
   *
   * @throws StepFailedException it ran past its timeout (it was stopped)
   * @throws IOException the process cannot be started or the log cannot be written
   * @throws InterruptedException the calling thread was interrupted (the process was stopped)
   */
  public int run(Invocation inv) throws StepFailedException, IOException, InterruptedException {
    return execute(inv).exitCode;
  }

  /**
   * Runs the invocation and fails unless it exits with 0.
   *
   * @throws StepFailedException a non-zero exit or a timeout: exit code, last lines, log path
   */
  public void runOrFail(Invocation inv) throws StepFailedException, IOException, InterruptedException {
    Outcome o = execute(inv);
    if (o.exitCode != 0) {
      throw new StepFailedException(inv.what(), StepFailedException.Reason.EXIT_CODE, o.exitCode, null, o.tail,
          inv.log().toAbsolutePath());
    }
  }

  private record Outcome(int exitCode, List<String> tail) {}

  private Outcome execute(Invocation inv) throws StepFailedException, IOException, InterruptedException {
    Path log = inv.log().toAbsolutePath();
    if (log.getParent() != null) {
      Files.createDirectories(log.getParent());
    }
    try (Writer logWriter = Files.newBufferedWriter(log, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
        StandardOpenOption.APPEND, StandardOpenOption.WRITE)) {
      Output output = new Output(logWriter);
      output.logOnly("osb: $ " + String.join(" ", inv.argv()));

      ProcessBuilder pb = new ProcessBuilder(inv.argv())
          .redirectErrorStream(true)
          .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
      pb.environment().putAll(environment);
      Process p;
      try {
        p = pb.start();
      } catch (IOException e) {
        String msg = "cannot start " + inv.what() + " (" + inv.argv().get(0) + "): " + e.getMessage();
        output.logOnly("osb: " + msg);
        throw new IOException(msg, e);
      }
      Thread hook = new Thread(() -> stop(inv, p), "osb-shutdown-" + inv.what());
      boolean hooked = addHook(hook);
      try {
        if (inv.started() != null) {
          inv.started().accept(p.toHandle());
        }
        Thread reader = new Thread(() -> output.pump(p), "osb-output-" + inv.what());
        reader.setDaemon(true);
        reader.start();

        long start = System.nanoTime();
        boolean exited;
        try {
          exited = watch(inv, p, output, start);
        } catch (InterruptedException e) {
          output.note("osb: interrupted: stopping " + inv.what());
          stop(inv, p);
          reader.join(grace.toMillis());
          throw e;
        }
        if (!exited) {
          output.note("osb: " + inv.what() + " ran past its timeout of " + format(inv.timeout()) + ": stopping it");
          stop(inv, p);
          reader.join(grace.toMillis());
          int code = p.isAlive() ? -1 : p.exitValue();
          throw new StepFailedException(inv.what(), StepFailedException.Reason.TIMED_OUT, code, format(inv.timeout()),
              output.tail(), log);
        }
        int code = p.exitValue();
        if (code != 0) {
          stop(inv, p);
        }
        // a background process that kept our stdout open must not hold the build
        reader.join(grace.toMillis());
        if (reader.isAlive()) {
          output.note("osb: " + inv.what() + " exited, but something it started still holds its output open; "
              + "no longer reading it");
        }
        output.failIfBroken();
        return new Outcome(code, output.tail());
      } finally {
        if (hooked) {
          removeHook(hook);
        }
      }
    }
  }

  /**
   * Waits for the exit or the timeout; prints heartbeats. True when the process exited. Only
   * differences of {@link System#nanoTime()} values are compared (they may overflow).
   */
  private boolean watch(Invocation inv, Process p, Output output, long start) throws InterruptedException {
    long limit = nanos(inv.timeout());
    long hb = nanos(heartbeat);
    long lastBeat = start;
    while (true) {
      long now = System.nanoTime();
      long elapsed = now - start;
      if (elapsed >= limit) {
        return !p.isAlive();
      }
      long wait = limit - elapsed;
      if (hb != Long.MAX_VALUE) {
        long quiet = Math.min(now - output.lastActivity(), now - lastBeat);
        wait = Math.min(wait, hb - quiet);
      }
      if (p.waitFor(Math.max(1_000_000L, wait), TimeUnit.NANOSECONDS)) {
        return true;
      }
      now = System.nanoTime();
      if (hb != Long.MAX_VALUE && Math.min(now - output.lastActivity(), now - lastBeat) >= hb) {
        output.heartbeat("still running: " + inv.what() + ", " + format(Duration.ofNanos(now - start)));
        lastBeat = now;
      }
    }
  }

  /** Nanoseconds, {@code Long.MAX_VALUE} for null (no limit) or beyond. */
  private static long nanos(Duration d) {
    if (d == null) {
      return Long.MAX_VALUE;
    }
    try {
      return d.toNanos();
    } catch (ArithmeticException e) {
      return Long.MAX_VALUE;
    }
  }

  /** Cleanup action, then the process tree. */
  private void stop(Invocation inv, Process p) {
    // the snapshot comes first: once the process is gone its children are re-parented and
    // descendants() no longer finds them
    List<ProcessHandle> tree = new ArrayList<>(p.descendants().toList());
    if (inv.cleanup() != null) {
      try {
        inv.cleanup().run();
      } catch (RuntimeException e) {
        sink.info("osb: cleanup of " + inv.what() + " failed: " + e.getMessage());
      }
    }
    tree.addAll(p.descendants().toList());
    tree.add(p.toHandle());
    killTree(tree, grace);
  }

  /**
   * Kills {@code process} and every descendant: {@code destroy} (SIGTERM) to all of them, then,
   * after {@code grace}, {@code destroyForcibly} (SIGKILL) to those still alive.
   */
  public static void killTree(ProcessHandle process, Duration grace) {
    List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
    tree.add(process);
    killTree(tree, grace);
  }

  private static void killTree(List<ProcessHandle> tree, Duration grace) {
    Map<Long, ProcessHandle> unique = new LinkedHashMap<>();
    for (ProcessHandle h : tree) {
      unique.putIfAbsent(h.pid(), h);
    }
    for (ProcessHandle h : unique.values()) {
      h.destroy();
    }
    // poll: onExit() of a process that is not our child is itself a slow poll
    long deadline = System.nanoTime() + grace.toNanos();
    while (System.nanoTime() - deadline < 0 && unique.values().stream().anyMatch(ProcessRunner::isRunning)) {
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    for (ProcessHandle h : unique.values()) {
      if (isRunning(h)) {
        h.destroyForcibly();
      }
    }
  }

  /**
   * Alive and not a zombie: a killed grandchild whose parent died with it waits, as a zombie,
   * until init reaps it, and {@link ProcessHandle#isAlive} counts that as alive.
   */
  static boolean isRunning(ProcessHandle h) {
    if (!h.isAlive()) {
      return false;
    }
    try {
      String stat = Files.readString(Path.of("/proc", String.valueOf(h.pid()), "stat"));
      int close = stat.lastIndexOf(')');
      return close < 0 || close + 2 >= stat.length() || stat.charAt(close + 2) != 'Z';
    } catch (IOException | RuntimeException e) {
      return h.isAlive(); // no /proc: trust the JDK
    }
  }

  private static boolean addHook(Thread hook) {
    try {
      Runtime.getRuntime().addShutdownHook(hook);
      return true;
    } catch (IllegalStateException e) {
      return false; // already shutting down
    }
  }

  private static void removeHook(Thread hook) {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // shutting down: the hook runs anyway and finds the process gone
    }
  }

  /** {@code 42s}, {@code 3m 05s}, {@code 1h 02m 03s}. */
  static String format(Duration d) {
    if (d == null) {
      return "no limit";
    }
    long s = d.toSeconds();
    if (s < 60) {
      return d.toMillis() < 1000 && !d.isZero() ? d.toMillis() + "ms" : s + "s";
    }
    if (s < 3600) {
      return String.format("%dm %02ds", s / 60, s % 60);
    }
    return String.format("%dh %02dm %02ds", s / 3600, (s % 3600) / 60, s % 60);
  }

  /** The output side of one process: sink, log, tail; shared by the reader and the watcher. */
  private final class Output {
    private final Writer log;
    private final Deque<String> tail = new ArrayDeque<>();
    private volatile long lastActivity = System.nanoTime();
    private IOException logFailure;

    Output(Writer log) {
      this.log = log;
    }

    void pump(Process p) {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = r.readLine()) != null) {
          line(line);
        }
      } catch (IOException e) {
        // the stream was closed under us (the process tree was killed)
      }
    }

    synchronized void line(String line) {
      lastActivity = System.nanoTime();
      sink.info(line);
      if (tail.size() == TAIL_LINES) {
        tail.removeFirst();
      }
      tail.addLast(line);
      write(line);
    }

    /** A runner note: sink and log, not the tail. */
    synchronized void note(String line) {
      sink.info(line);
      write(line);
    }

    synchronized void logOnly(String line) {
      write(line);
    }

    synchronized void heartbeat(String line) {
      sink.info(line);
    }

    private void write(String line) {
      if (logFailure != null) {
        return;
      }
      try {
        log.write(line);
        log.write('\n');
        log.flush();
      } catch (IOException e) {
        logFailure = e;
      }
    }

    long lastActivity() {
      return lastActivity;
    }

    synchronized List<String> tail() {
      return List.copyOf(tail);
    }

    synchronized void failIfBroken() throws IOException {
      if (logFailure != null) {
        throw new IOException("cannot write the log: " + logFailure.getMessage(), logFailure);
      }
    }
  }
}
