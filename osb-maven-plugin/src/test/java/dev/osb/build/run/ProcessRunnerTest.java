package dev.osb.build.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessRunnerTest {

  final List<String> lines = Collections.synchronizedList(new ArrayList<>());
  final LineSink sink = lines::add;

  ProcessRunner runner(Duration heartbeat) {
    return new ProcessRunner(sink, heartbeat, Duration.ofSeconds(2), Map.of("OSB_TEST_VAR", "from-runner"));
  }

  static List<String> bash(String script) {
    return List.of("bash", "-c", script);
  }

  @Test
  void streamsMergedOutputLineByLineToSinkAndLog(@TempDir Path tmp) throws Exception {
    Path log = tmp.resolve("logs/stage4.log");
    int code = runner(null).run(new ProcessRunner.Invocation("catalyst stage4",
        bash("echo one; echo two >&2; printf 'three\\n'; echo \"$OSB_TEST_VAR\"; printf 'no newline'"), log,
        Duration.ofSeconds(30)));
    assertEquals(0, code);
    assertEquals(List.of("one", "two", "three", "from-runner", "no newline"), lines);
    List<String> logged = Files.readAllLines(log);
    assertTrue(logged.get(0).startsWith("osb: $ bash -c echo one;"), logged.get(0));
    assertEquals(List.of("one", "two", "three", "from-runner", "no newline"), logged.subList(1, logged.size()));
  }

  @Test
  void theLogIsAppendedTo(@TempDir Path tmp) throws Exception {
    Path log = tmp.resolve("b.log");
    ProcessRunner r = runner(null);
    r.run(new ProcessRunner.Invocation("a", bash("echo first"), log, null));
    r.run(new ProcessRunner.Invocation("a", bash("echo second"), log, null));
    List<String> logged = Files.readAllLines(log);
    assertEquals(4, logged.size(), logged::toString);
    assertEquals("first", logged.get(1));
    assertEquals("second", logged.get(3));
  }

  @Test
  void aFailureCarriesExitCodeTheLast50LinesAndTheLogPath(@TempDir Path tmp) throws Exception {
    Path log = tmp.resolve("stage4.log");
    AtomicInteger cleanups = new AtomicInteger();
    StepFailedException e = assertThrows(StepFailedException.class, () -> runner(null).runOrFail(
        new ProcessRunner.Invocation("catalyst stage4", bash("seq 1 120; exit 3"), log, Duration.ofSeconds(30),
            cleanups::incrementAndGet, null)));
    assertEquals(3, e.exitCode());
    assertEquals(StepFailedException.Reason.EXIT_CODE, e.reason());
    assertEquals(IntStream.rangeClosed(71, 120).mapToObj(String::valueOf).toList(), e.tail());
    assertEquals(log.toAbsolutePath(), e.log());
    assertEquals(1, cleanups.get(), "a failure runs the cleanup action");
    assertTrue(e.getMessage().startsWith("catalyst stage4 failed with exit code 3; full log: " + log.toAbsolutePath()
        + "; last 50 lines:\n  71\n  72\n"), e.getMessage());
    assertTrue(e.getMessage().endsWith("\n  120"), e.getMessage());
    assertEquals(120, lines.size(), "every line reached the sink");
    assertEquals(121, Files.readAllLines(log).size(), "header + every line in the log");
  }

  @Test
  void runReturnsANonZeroCodeAndStillCleansUp(@TempDir Path tmp) throws Exception {
    AtomicInteger cleanups = new AtomicInteger();
    int code = runner(null).run(new ProcessRunner.Invocation("x", bash("exit 4"), tmp.resolve("x.log"), null,
        cleanups::incrementAndGet, null));
    assertEquals(4, code);
    assertEquals(1, cleanups.get());
    StepFailedException e = assertThrows(StepFailedException.class,
        () -> runner(null).runOrFail(new ProcessRunner.Invocation("quiet step", bash("exit 5"), tmp.resolve("q.log"),
            null)));
    assertTrue(e.getMessage().endsWith("; it printed nothing"), e.getMessage());
    assertEquals(List.of(), e.tail());
  }

  @Test
  void successNeedsNoCleanup(@TempDir Path tmp) throws Exception {
    AtomicInteger cleanups = new AtomicInteger();
    runner(null).runOrFail(new ProcessRunner.Invocation("ok", bash("true"), tmp.resolve("ok.log"), null,
        cleanups::incrementAndGet, null));
    assertEquals(0, cleanups.get());
  }

  @Test
  void heartbeatsFillSilence(@TempDir Path tmp) throws Exception {
    runner(Duration.ofMillis(200)).run(new ProcessRunner.Invocation("catalyst stage4", bash("echo start; sleep 1.1"),
        tmp.resolve("hb.log"), Duration.ofSeconds(30)));
    List<String> beats = lines.stream().filter(l -> l.startsWith("still running: catalyst stage4, ")).toList();
    assertTrue(beats.size() >= 2 && beats.size() <= 6, lines::toString);
    assertEquals("start", lines.get(0));
    assertTrue(Files.readAllLines(tmp.resolve("hb.log")).stream().noneMatch(l -> l.startsWith("still running")),
        "heartbeats go to the Maven log only");
  }

  @Test
  void noHeartbeatWhileOutputFlows(@TempDir Path tmp) throws Exception {
    runner(Duration.ofMillis(400)).run(new ProcessRunner.Invocation("chatty",
        bash("for i in 1 2 3 4 5 6 7 8; do echo $i; sleep 0.1; done"), tmp.resolve("c.log"), null));
    assertTrue(lines.stream().noneMatch(l -> l.startsWith("still running")), lines::toString);
  }

  @Test
  void aTimeoutKillsTheChildAndItsGrandchildAndCleansUp(@TempDir Path tmp) throws Exception {
    AtomicInteger cleanups = new AtomicInteger();
    AtomicReference<ProcessHandle> child = new AtomicReference<>();
    long start = System.nanoTime();
    StepFailedException e = assertThrows(StepFailedException.class, () -> runner(null).runOrFail(
        new ProcessRunner.Invocation("catalyst stage4", bash("sleep 1000 & echo \"grandchild $!\"; wait"),
            tmp.resolve("t.log"), Duration.ofSeconds(1), cleanups::incrementAndGet, child::set)));
    assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(10), "stopped promptly");
    assertEquals(StepFailedException.Reason.TIMED_OUT, e.reason());
    assertTrue(e.getMessage().startsWith("catalyst stage4 timed out after 1s and was stopped (exit code "),
        e.getMessage());
    assertEquals(1, cleanups.get(), "the cleanup action ran");
    long grandchild = Long.parseLong(lines.stream().filter(l -> l.startsWith("grandchild ")).findFirst()
        .orElseThrow().substring("grandchild ".length()));
    assertGone(child.get().pid());
    assertGone(grandchild);
    assertTrue(e.tail().contains("grandchild " + grandchild));
  }

  @Test
  void anInterruptStopsTheTreeAndCleansUp(@TempDir Path tmp) throws Exception {
    AtomicInteger cleanups = new AtomicInteger();
    CountDownLatch started = new CountDownLatch(1);
    AtomicReference<ProcessHandle> child = new AtomicReference<>();
    CompletableFuture<Throwable> thrown = new CompletableFuture<>();
    Thread t = new Thread(() -> {
      try {
        runner(null).run(new ProcessRunner.Invocation("catalyst stage4", bash("sleep 1000 & wait"),
            tmp.resolve("i.log"), null, cleanups::incrementAndGet, h -> {
              child.set(h);
              started.countDown();
            }));
        thrown.complete(null);
      } catch (Throwable x) {
        thrown.complete(x);
      }
    });
    t.start();
    assertTrue(started.await(10, TimeUnit.SECONDS));
    List<ProcessHandle> tree = waitForDescendants(child.get());
    t.interrupt();
    assertInstanceOf(InterruptedException.class, thrown.get(10, TimeUnit.SECONDS));
    assertEquals(1, cleanups.get());
    assertGone(child.get().pid());
    for (ProcessHandle h : tree) {
      assertGone(h.pid());
    }
    assertTrue(lines.contains("osb: interrupted: stopping catalyst stage4"), lines::toString);
  }

  @Test
  void aCommandThatCannotStartSaysWhich(@TempDir Path tmp) {
    IOException e = assertThrows(IOException.class, () -> runner(null).run(new ProcessRunner.Invocation(
        "catalyst stage4", List.of("/nonexistent/osb-no-such-tool"), tmp.resolve("n.log"), null)));
    assertTrue(e.getMessage().startsWith("cannot start catalyst stage4 (/nonexistent/osb-no-such-tool): "),
        e.getMessage());
  }

  @Test
  void durationsReadWell() {
    assertEquals("42s", ProcessRunner.format(Duration.ofSeconds(42)));
    assertEquals("250ms", ProcessRunner.format(Duration.ofMillis(250)));
    assertEquals("3m 05s", ProcessRunner.format(Duration.ofSeconds(185)));
    assertEquals("2h 00m 07s", ProcessRunner.format(Duration.ofSeconds(7207)));
  }

  static List<ProcessHandle> waitForDescendants(ProcessHandle h) throws InterruptedException {
    for (int i = 0; i < 100; i++) {
      List<ProcessHandle> d = h.descendants().toList();
      if (!d.isEmpty()) {
        return d;
      }
      Thread.sleep(20);
    }
    throw new AssertionError("no child process appeared");
  }

  /** Gone or a zombie (killed, waiting for init to reap it). */
  static void assertGone(long pid) throws Exception {
    for (int i = 0; i < 250 && ProcessHandle.of(pid).map(ProcessRunner::isRunning).orElse(false); i++) {
      Thread.sleep(20);
    }
    assertFalse(ProcessHandle.of(pid).map(ProcessRunner::isRunning).orElse(false), "process " + pid + " still runs");
  }
}
