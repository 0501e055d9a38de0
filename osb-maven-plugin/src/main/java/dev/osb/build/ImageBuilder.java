package dev.osb.build;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Builds the images of the generated Containerfiles (portage, catalyst) with podman or docker,
 * each tagged by a hash of its inputs, and only when an image with that tag does not exist yet.
 *
 * <p>The tag is {@code <name>:<16 hex>}: the first 16 hex digits of a SHA-256 over the
 * Containerfile's bytes and the context inputs, sorted by name, each a name (the file name in
 * the build context) and an identity of its content (its SHA-256, or what fixes its content, such
 * as the snapshot's treeish or the seed's SHA-512). The tag does not depend on where the files
 * are, and changes with any byte of the Containerfile and any input's name or identity.
 *
 * <p>This class only makes argv lists and decides; an {@link Executor} runs them (the Mojo wraps
 * its {@code ProcessRunner}). No registry is contacted: builds use {@code --pull=never}
 * (podman) / {@code --pull=false} (docker).
 */
public final class ImageBuilder {

  /** Runs one command and returns its exit code. */
  @FunctionalInterface
  public interface Executor {
    /**
     * @param what a short name for logs and messages, e.g. {@code podman build osb-catalyst}
     * @param argv the command
     * @return the exit code
     */
    int run(String what, List<String> argv) throws IOException, InterruptedException;
  }

  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._/-]*");
  private static final Pattern INPUT = Pattern.compile("[^\\x00-\\x1f\\x7f]+");

  private ImageBuilder() {}

  /** The container engine, from the executable's file name ({@code podman}, {@code /usr/bin/docker}). */
  private static boolean isPodman(String engine) {
    Objects.requireNonNull(engine, "engine");
    String base = engine.substring(engine.lastIndexOf('/') + 1);
    if (base.equals("podman")) {
      return true;
    }
    if (base.equals("docker")) {
      return false;
    }
    throw new IllegalArgumentException("unknown container engine '" + engine + "': use podman or docker");
  }

  /**
   * {@code name:<16 hex>}, the hash of the Containerfile's bytes and the sorted context inputs.
   *
   * @param name the image name without a tag, lowercase ({@code [a-z0-9][a-z0-9._/-]*})
   * @param contextInputs file name in the build context to an identity of its content
   */
  public static String tag(String name, Path containerfile, Map<String, String> contextInputs) throws IOException {
    return tag(name, Files.readAllBytes(containerfile), contextInputs);
  }

  /** {@link #tag(String, Path, Map)} of a Containerfile's bytes (a rendering not written yet). */
  public static String tag(String name, byte[] containerfile, Map<String, String> contextInputs) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("image name '" + name + "' is not [a-z0-9][a-z0-9._/-]* (no tag)");
    }
    MessageDigest md = sha256();
    update(md, "osb-image-1");
    update(md, containerfile);
    for (Map.Entry<String, String> e : new TreeMap<>(contextInputs).entrySet()) {
      check("context input name", e.getKey());
      check("context input " + e.getKey(), e.getValue());
      update(md, e.getKey());
      update(md, e.getValue());
    }
    return name + ":" + HexFormat.of().formatHex(md.digest()).substring(0, 16);
  }

  /** {@code podman image exists TAG} / {@code docker image inspect TAG}: exit 0 when it exists. */
  public static List<String> existsArgv(String engine, String tag) {
    return isPodman(engine) ? List.of(engine, "image", "exists", tag) : List.of(engine, "image", "inspect", tag);
  }

  /**
   * {@code podman build --pull=never -t TAG -f FILE CONTEXT} / {@code docker build --pull=false
   * -t TAG -f FILE CONTEXT}.
   */
  public static List<String> buildArgv(String engine, String tag, Path containerfile, Path contextDir) {
    return List.of(engine, "build", isPodman(engine) ? "--pull=never" : "--pull=false", "-t", tag,
        "-f", containerfile.toString(), contextDir.toString());
  }

  /** {@code podman tag SOURCE TARGET} (docker the same): a second name for a built image. */
  public static List<String> tagArgv(String engine, String source, String target) {
    isPodman(engine);
    return List.of(engine, "tag", source, target);
  }

  /**
   * Builds the image unless one with its input tag exists.
   *
   * @return the tag ({@link #tag})
   * @throws ImageException the build exited non-zero
   */
  public static String ensure(String engine, String name, Path containerfile, Path contextDir,
      Map<String, String> contextInputs, Executor executor)
      throws ImageException, IOException, InterruptedException {
    String tag = tag(name, containerfile, contextInputs);
    if (executor.run(engine + " image exists " + tag, existsArgv(engine, tag)) == 0) {
      return tag;
    }
    int code = executor.run(engine + " build " + tag, buildArgv(engine, tag, containerfile, contextDir));
    if (code != 0) {
      throw new ImageException("building the image " + tag + " from " + containerfile + " (context " + contextDir
          + ") with " + engine + " failed with exit code " + code);
    }
    return tag;
  }

  /** The SHA-256 of a file, lowercase hex: the identity of a context input. */
  public static String sha256(Path file) throws IOException {
    MessageDigest md = sha256();
    byte[] buf = new byte[1 << 16];
    try (InputStream in = Files.newInputStream(file)) {
      int n;
      while ((n = in.read(buf)) > 0) {
        md.update(buf, 0, n);
      }
    }
    return HexFormat.of().formatHex(md.digest());
  }

  private static void check(String what, String value) {
    if (value == null || !INPUT.matcher(value).matches()) {
      throw new IllegalArgumentException(what + " is empty or contains a control character");
    }
  }

  /** Length-prefixed, so that no two different input lists hash the same bytes. */
  private static void update(MessageDigest md, String s) {
    update(md, s.getBytes(StandardCharsets.UTF_8));
  }

  private static void update(MessageDigest md, byte[] bytes) {
    md.update(Long.toString(bytes.length).getBytes(StandardCharsets.US_ASCII));
    md.update((byte) ':');
    md.update(bytes);
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
