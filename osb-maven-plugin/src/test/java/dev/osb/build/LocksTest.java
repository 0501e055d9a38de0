package dev.osb.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class LocksTest {

  @TempDir
  Path tmp;

  private final List<String> lines = new CopyOnWriteArrayList<>();
  private final ExecutorService pool = Executors.newCachedThreadPool();

  @AfterEach
  void tearDown() {
    pool.shutdownNow();
  }

  private Locks locks() {
    return new Locks(tmp.resolve("locks"), lines::add);
  }

  @Test
  void lockFilesAreNamedByKindAndHashedName() throws Exception {
    Locks locks = locks();
    Path f = locks.file(Locks.pkgcache("/var/tmp/catalyst/packages/osb-0123"));
    assertEquals(tmp.resolve("locks"), f.getParent());
    assertTrue(f.getFileName().toString().matches("pkgcache-[0-9a-f]{16}\\.lock"), f.toString());
    try (Locks.Held h = locks.acquire(Locks.snapshot("abc"))) {
      assertTrue(Files.exists(locks.file(Locks.snapshot("abc"))));
      assertEquals(List.of(Locks.snapshot("abc")), h.keys());
    }
  }

  @Test
  void twoThreadsOnOneNameSerialize() throws Exception {
    AtomicInteger inside = new AtomicInteger();
    AtomicInteger most = new AtomicInteger();
    CountDownLatch firstIn = new CountDownLatch(1);
    Runnable body = () -> {
      // a Locks per thread, as two Mojo executions have: the JVM-wide part still serializes them
      try (Locks.Held h = locks().acquire(Locks.output(build("com.example.a/stage4-amd64-x")))) {
        most.accumulateAndGet(inside.incrementAndGet(), Math::max);
        firstIn.countDown();
        Thread.sleep(300);
        inside.decrementAndGet();
      } catch (Exception e) {
        throw new RuntimeException(e);
      }
    };
    Future<?> a = pool.submit(body);
    assertTrue(firstIn.await(10, TimeUnit.SECONDS));
    long start = System.nanoTime();
    Future<?> b = pool.submit(body);
    a.get();
    b.get();
    assertEquals(1, most.get(), "never two holders at once");
    assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(250), "the second waited");
    assertTrue(lines.stream().anyMatch(l -> l.startsWith("waiting for another build of output com.example.a/stage4-amd64-x")
        && l.contains("(lock file " + tmp.resolve("locks"))), lines.toString());
  }

  @Test
  void differentNamesRunInParallel() throws Exception {
    CountDownLatch both = new CountDownLatch(2);
    Locks locks = locks();
    List<Future<Boolean>> fs = List.of("a", "b").stream().map(n -> pool.submit(() -> {
      try (Locks.Held h = locks.acquire(List.of(Locks.output(build("r/" + n)), Locks.pkgcache("/p/" + n),
          Locks.snapshot("t").asShared()))) {
        both.countDown();
        return both.await(10, TimeUnit.SECONDS); // only true if the other is inside at the same time
      }
    })).toList();
    for (Future<Boolean> f : fs) {
      assertTrue(f.get(), "both held their locks at the same time");
    }
    assertTrue(lines.isEmpty(), lines.toString());
  }

  @Test
  void sharedLocksShareAndExclusiveWaits() throws Exception {
    Locks locks = locks();
    CountDownLatch readers = new CountDownLatch(2);
    CountDownLatch release = new CountDownLatch(1);
    List<Future<Object>> rs = List.of(1, 2).stream().map(i -> pool.<Object>submit(() -> {
      try (Locks.Held h = locks.acquire(Locks.snapshot("t").asShared())) {
        readers.countDown();
        release.await();
      }
      return null;
    })).toList();
    assertTrue(readers.await(10, TimeUnit.SECONDS), "two shared holders at once");
    CountDownLatch writerIn = new CountDownLatch(1);
    Future<?> w = pool.submit(() -> {
      try (Locks.Held h = locks.acquire(Locks.snapshot("t"))) {
        writerIn.countDown();
      }
      return null;
    });
    assertTrue(!writerIn.await(300, TimeUnit.MILLISECONDS), "the exclusive lock waits for the readers");
    release.countDown();
    for (Future<Object> r : rs) {
      r.get();
    }
    w.get();
    assertEquals(0, writerIn.getCount());
  }

  @Test
  void aStoreNamedThroughASymlinkSharesItsLocks() throws Exception {
    Path real = Files.createDirectories(tmp.resolve("real/locks"));
    Path link = Files.createSymbolicLink(tmp.resolve("link"), tmp.resolve("real"));
    Locks a = new Locks(real, lines::add);
    Locks b = new Locks(link.resolve("locks"), lines::add);
    Future<Object> f;
    try (Locks.Held h = a.acquire(Locks.seed("s"))) {
      f = pool.submit(() -> {
        try (Locks.Held g = b.acquire(Locks.seed("s"))) {
          return g.keys();
        }
      });
      assertThrows(TimeoutException.class, () -> f.get(300, TimeUnit.MILLISECONDS), "waits, no OverlappingFileLockException");
    }
    assertEquals(List.of(Locks.seed("s")), f.get(10, TimeUnit.SECONDS));
  }

  @Test
  void theGlobalOrderIsEnforced() throws Exception {
    Locks locks = locks();
    try (Locks.Held h = locks.acquire(Locks.output(build("r/x")))) {
      IllegalStateException e = assertThrows(IllegalStateException.class, () -> locks.acquire(Locks.snapshot("t")));
      assertTrue(e.getMessage().contains("lock order"), e.getMessage());
    }
    try (Locks.Held h = locks.acquire(Locks.snapshot("t").asShared())) {
      assertThrows(IllegalStateException.class, () -> locks.acquire(Locks.snapshot("t")), "no upgrade");
      try (Locks.Held inner = locks.acquire(Locks.snapshot("t").asShared())) {
        assertEquals(1, inner.keys().size(), "re-entrant");
      }
      try (Locks.Held later = locks.acquire(Locks.output(build("r/x")))) {
        assertEquals(1, later.keys().size(), "a key after every held one is fine");
      }
    }
    // acquired together, any order in, global order out
    try (Locks.Held h = locks.acquire(List.of(Locks.output(build("r/x")), Locks.seed("s"), Locks.snapshot("t")))) {
      assertEquals(List.of(Locks.Kind.SEED, Locks.Kind.SNAPSHOT, Locks.Kind.BUILD),
          h.keys().stream().map(Locks.Key::kind).toList());
    }
  }

  @Test
  void forBuildTakesOutputPkgcacheSnapshotAndSeed() throws Exception {
    var p = FingerprintFixture.plan(FingerprintFixture.copy("chain", tmp.resolve("project")));
    List<Locks.Key> stage1 = Locks.forBuild(p.plan().build("stage1"));
    assertTrue(stage1.contains(Locks.output(p.plan().build("stage1"))));
    assertTrue(stage1.contains(Locks.snapshot(p.plan().treeish()).asShared()));
    assertTrue(stage1.contains(Locks.seed("stage3-amd64-openrc-20261124T170000Z.tar.xz").asShared()));
    assertTrue(stage1.stream().anyMatch(k -> k.kind() == Locks.Kind.PKGCACHE && !k.shared()));
    assertTrue(Locks.forBuild(p.plan().build("stage4")).stream().noneMatch(k -> k.kind() == Locks.Kind.SEED));
    try (Locks.Held h = locks().acquire(stage1)) {
      assertEquals(4, h.keys().size());
    }
  }

  @Test
  void anotherProcessHoldingTheFileLockIsWaitedFor() throws Exception {
    Locks locks = locks();
    Path file = locks.file(Locks.seed("shared.tar.xz"));
    Files.createDirectories(file.getParent());
    Path src = tmp.resolve("Hold.java");
    Files.writeString(src, """
        import java.nio.channels.FileChannel;
        import java.nio.file.*;
        public class Hold {
          public static void main(String[] a) throws Exception {
            try (FileChannel ch = FileChannel.open(Path.of(a[0]), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 var l = ch.lock()) {
              System.out.println("locked");
              System.out.flush();
              System.in.read();
            }
          }
        }
        """);
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process child = new ProcessBuilder(java.toString(), src.toString(), file.toString()).redirectErrorStream(true).start();
    try {
      BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
      assertEquals("locked", out.readLine());
      CountDownLatch in = new CountDownLatch(1);
      Future<?> f = pool.submit(() -> {
        try (Locks.Held h = locks.acquire(Locks.seed("shared.tar.xz"))) {
          in.countDown();
        }
        return null;
      });
      assertTrue(!in.await(500, TimeUnit.MILLISECONDS), "blocked by the other process");
      try (OutputStream o = child.getOutputStream()) {
        o.write('\n');
      }
      f.get(20, TimeUnit.SECONDS);
      assertTrue(lines.stream().anyMatch(l -> l.startsWith("waiting for another build of seed shared.tar.xz")), lines.toString());
    } finally {
      child.destroy();
      child.waitFor(10, TimeUnit.SECONDS);
    }
  }

  private static dev.osb.plan.Build build(String subpath) {
    int slash = subpath.indexOf('/');
    return new dev.osb.plan.Build("x", dev.osb.plan.Build.Kind.STAGE, "stage4", "seed", subpath.substring(0, slash),
        subpath.substring(slash + 1), List.of(), List.of(), null, "catalyst.conf", false);
  }
}
