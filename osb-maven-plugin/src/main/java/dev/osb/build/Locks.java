package dev.osb.build;

import dev.osb.plan.Build;
import dev.osb.plan.Layout;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Locks on the shared parts of the store, so that {@code mvn -T} (threads of one JVM) and
 * several Maven processes on one machine can build unrelated modules in parallel and never
 * write the same thing at once.
 *
 * <p>A lock is a file {@code <store>/locks/<kind>-<sha256(name), 16 hex>.lock} locked with
 * {@link FileChannel#lock} (other processes), plus a JVM-wide {@link ReentrantReadWriteLock} per
 * lock file (other threads: within one JVM {@code FileChannel.lock} would throw
 * {@code OverlappingFileLockException} instead of waiting). A JVM holds at most one file lock per
 * lock file: the first holder takes it, the last releases it.
 *
 * <p>Deadlock freedom: {@link #acquire(Collection)} takes all the keys a step needs in one fixed
 * global order (kind, then name), and a step acquires everything it needs in one call. Holding
 * a {@link Held} and calling {@code acquire} again in the same thread is allowed only for keys
 * that sort after every key already held; otherwise it throws {@link IllegalStateException}.
 * Upgrading a shared lock to exclusive is refused the same way.
 *
 * <p>Which locks a step takes:
 *
 * <ul>
 *   <li>fetching a seed: {@link #seed(String)} exclusive ({@link SeedFetcher} does this);
 *   <li>creating a snapshot squashfs: {@link #snapshot(String)} exclusive;
 *   <li>fetching and archiving a git overlay: {@link #repo(String)} of its bare repository and of
 *       its tar, exclusive ({@link RepoFetcher} does this);
 *   <li>running catalyst for a build: {@link #forBuild(Build)}: its output exclusive, its
 *       pkgcache_path exclusive, its snapshot and (first build) its seed shared.
 * </ul>
 */
public final class Locks {

  /** What a lock protects; the declaration order is the global acquisition order. */
  public enum Kind {
    SEED,
    SNAPSHOT,
    REPO,
    PKGCACHE,
    BUILD;

    String id() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /**
   * One lock to take.
   *
   * @param kind what it protects
   * @param name the protected thing: a seed file name, a treeish, a pkgcache path, a build's
   *     {@code <relType>/<outputName>}
   * @param shared a shared (read) lock instead of an exclusive one
   */
  public record Key(Kind kind, String name, boolean shared) implements Comparable<Key> {

    public Key {
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(name, "name");
    }

    /** The same key, exclusive. */
    public Key exclusive() {
      return new Key(kind, name, false);
    }

    /** The same key, shared. */
    public Key asShared() {
      return new Key(kind, name, true);
    }

    @Override
    public int compareTo(Key o) {
      int c = kind.compareTo(o.kind);
      return c != 0 ? c : name.compareTo(o.name);
    }

    /** What a waiting message calls it. */
    String describe() {
      return switch (kind) {
        case SEED -> "seed " + name;
        case SNAPSHOT -> "snapshot " + name;
        case REPO -> "repository " + name;
        case PKGCACHE -> "pkgcache " + name;
        case BUILD -> "output " + name;
      };
    }
  }

  /** The lock of a seed file below {@code builds/osb-seeds}, exclusive. */
  public static Key seed(String fileName) {
    return new Key(Kind.SEED, fileName, false);
  }

  /** The lock of the snapshot of {@code treeish}, exclusive (create); use {@link Key#asShared()} to read. */
  public static Key snapshot(String treeish) {
    return new Key(Kind.SNAPSHOT, treeish, false);
  }

  /**
   * The lock of a git overlay's file in the store ({@code repos/overlays/<hash>.git},
   * {@code repos/<name>-<commit>.tar}, relative to the store), exclusive.
   */
  public static Key repo(String storePath) {
    return new Key(Kind.REPO, storePath, false);
  }

  /** The lock of a pkgcache path (as written in the spec), exclusive. */
  public static Key pkgcache(String path) {
    return new Key(Kind.PKGCACHE, path, false);
  }

  /** The lock of a build's output ({@code <relType>/<outputName>}), exclusive. */
  public static Key output(Build build) {
    return new Key(Kind.BUILD, build.subpath(), false);
  }

  /**
   * Everything a catalyst run of {@code build} needs: its output and pkgcache exclusive, its
   * snapshot shared and, when its source is a seed in {@code builds/osb-seeds}, that seed shared.
   */
  public static List<Key> forBuild(Build build) {
    List<Key> keys = new ArrayList<>();
    keys.add(output(build));
    String pkgcache = build.value("pkgcache_path");
    if (pkgcache != null) {
      keys.add(pkgcache(pkgcache));
    }
    String treeish = build.value("snapshot_treeish");
    if (treeish != null) {
      keys.add(snapshot(treeish).asShared());
    }
    String source = build.value("source_subpath");
    if (source != null && source.startsWith(Layout.SEEDS + "/")) {
      keys.add(seed(source.substring(Layout.SEEDS.length() + 1)).asShared());
    }
    return keys;
  }

  /** The JVM-wide state of one lock file, shared by every {@link Locks} instance. */
  private static final class Slot {
    final ReentrantReadWriteLock rw = new ReentrantReadWriteLock(true);
    FileChannel channel;
    FileLock fileLock;
    int holders;
  }

  private static final ConcurrentHashMap<Path, Slot> SLOTS = new ConcurrentHashMap<>();

  /** Keys held by the current thread, to enforce the global order across calls. */
  private static final ThreadLocal<List<Key>> HELD = ThreadLocal.withInitial(ArrayList::new);

  private final Path dir;
  private final Progress progress;

  /**
   * @param lockDir the directory of the lock files ({@code <store>/locks}); created when needed
   * @param progress where "waiting for ..." lines go
   */
  public Locks(Path lockDir, Progress progress) {
    this.dir = lockDir.toAbsolutePath().normalize();
    this.progress = Objects.requireNonNull(progress, "progress");
  }

  /** The lock file of {@code key}. */
  public Path file(Key key) {
    return dir.resolve(key.kind().id() + "-" + sha256(key.name()).substring(0, 16) + ".lock");
  }

  /** Acquires one key; see {@link #acquire(Collection)}. */
  public Held acquire(Key key) throws IOException, InterruptedException {
    return acquire(List.of(key));
  }

  /**
   * Acquires every key, in the global order, blocking until each is free. A key given twice is
   * taken once (exclusive wins). Logs one line per key it has to wait for.
   *
   * @throws IllegalStateException the current thread already holds a key that sorts after one
   *     of these, or holds one of these shared and asks for it exclusive
   * @throws InterruptedException interrupted while waiting; nothing is held then
   */
  public Held acquire(Collection<Key> keys) throws IOException, InterruptedException {
    TreeMap<Key, Key> sorted = new TreeMap<>();
    for (Key k : keys) {
      sorted.merge(k, k, (a, b) -> a.shared() && b.shared() ? a : a.exclusive());
    }
    List<Key> held = HELD.get();
    for (Key k : sorted.values()) {
      for (Key h : held) {
        boolean same = h.compareTo(k) == 0;
        if (same && h.shared() && !k.shared()) {
          throw new IllegalStateException("cannot upgrade the shared lock of " + k.describe()
              + " to exclusive; acquire it exclusive in the first place");
        }
        if (!same && h.compareTo(k) > 0) {
          throw new IllegalStateException("lock order violated: " + k.describe() + " requested while "
              + h.describe() + " is held; acquire every lock of a step in one call");
        }
      }
    }
    List<Taken> taken = new ArrayList<>();
    try {
      for (Key k : sorted.values()) {
        taken.add(take(k));
      }
    } catch (IOException | InterruptedException | RuntimeException | Error e) {
      for (int i = taken.size() - 1; i >= 0; i--) {
        release(taken.get(i));
      }
      throw e;
    }
    return new Held(taken);
  }

  private record Taken(Key key, Path file, Slot slot, Lock jvmLock) {}

  private Taken take(Key key) throws IOException, InterruptedException {
    // one slot per real file, however the store was named (a symlink, a relative path)
    Files.createDirectories(dir);
    Path file = dir.toRealPath().resolve(file(key).getFileName());
    Slot slot = SLOTS.computeIfAbsent(file, f -> new Slot());
    Lock jvm = key.shared() ? slot.rw.readLock() : slot.rw.writeLock();
    boolean announced = false;
    if (!jvm.tryLock()) {
      announce(key, file);
      announced = true;
      jvm.lockInterruptibly();
    }
    try {
      synchronized (slot) {
        if (slot.holders == 0) {
          FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
              StandardOpenOption.WRITE);
          try {
            FileLock fl = ch.tryLock(0, Long.MAX_VALUE, key.shared());
            if (fl == null) {
              if (!announced) {
                announce(key, file);
              }
              fl = ch.lock(0, Long.MAX_VALUE, key.shared());
            }
            slot.channel = ch;
            slot.fileLock = fl;
          } catch (IOException | RuntimeException e) {
            ch.close();
            if (Thread.interrupted()) {
              InterruptedException ie = new InterruptedException("interrupted while waiting for " + key.describe());
              ie.initCause(e);
              throw ie;
            }
            throw e;
          }
        }
        slot.holders++;
      }
    } catch (IOException | InterruptedException | RuntimeException | Error e) {
      jvm.unlock();
      throw e;
    }
    HELD.get().add(key);
    return new Taken(key, file, slot, jvm);
  }

  private void announce(Key key, Path file) {
    progress.line("waiting for another build of " + key.describe() + " (lock file " + file + ")");
  }

  private static void release(Taken t) {
    try {
      synchronized (t.slot()) {
        t.slot().holders--;
        if (t.slot().holders == 0) {
          try {
            t.slot().fileLock.release();
          } catch (IOException ignored) {
            // closing the channel releases it too
          }
          try {
            t.slot().channel.close();
          } catch (IOException ignored) {
            // nothing left to do
          }
          t.slot().fileLock = null;
          t.slot().channel = null;
        }
      }
    } finally {
      HELD.get().remove(t.key());
      t.jvmLock().unlock();
    }
  }

  /** Locks taken by one {@link #acquire} call; closing releases them in reverse order. */
  public static final class Held implements AutoCloseable {

    private final List<Taken> taken;
    private final Thread owner = Thread.currentThread();
    private boolean closed;

    private Held(List<Taken> taken) {
      this.taken = taken;
    }

    /** The keys held, in acquisition order. */
    public List<Key> keys() {
      return taken.stream().map(Taken::key).toList();
    }

    /** Releases every lock; must run in the thread that acquired them. Idempotent. */
    @Override
    public void close() {
      if (closed) {
        return;
      }
      if (Thread.currentThread() != owner) {
        throw new IllegalStateException("locks must be released by the thread that acquired them");
      }
      closed = true;
      for (int i = taken.size() - 1; i >= 0; i--) {
        release(taken.get(i));
      }
    }
  }

  static String sha256(String s) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
