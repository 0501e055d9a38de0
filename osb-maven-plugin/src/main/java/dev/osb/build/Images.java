package dev.osb.build;

import dev.osb.build.verify.Tarball;
import dev.osb.plan.Build;
import dev.osb.plan.Plan;
import dev.osb.templates.Containers;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The images of the generated Containerfiles, built in their order with {@link ImageBuilder}:
 *
 * <ol>
 *   <li>the portage image ({@code containers/portage.Containerfile}, context {@code snapshots/}):
 *       the verified {@code git archive} of the pinned commit, tagged by its inputs and also as
 *       {@code Plan.portageImage} ({@code osb-portage:<treeish>}), the name the catalyst
 *       Containerfile bind-mounts the tree from for its emerge;
 *   <li>the catalyst image ({@code containers/catalyst.Containerfile}, context the store's seed
 *       directory): the verified seed, decompressed to the plain tar the Containerfile ADDs (a
 *       plain tar unpacks fast; it is deleted again after the build), with catalyst emerged;
 *   <li>a stage image ({@code containers/<build>.Containerfile}, context the build's output
 *       directory): the built tarball, decompressed the same way, saved as an OCI archive by
 *       {@link #saveArgv}.
 * </ol>
 *
 * <p>Each tag is a hash of the Containerfile and the identities of its context files (treeish,
 * seed SHA-512, output SHA-512), so an image is rebuilt exactly when one of them changes, and
 * the tag can be known before anything is built ({@link #catalystTag}).
 */
public final class Images {

  /** The repository name of the catalyst image. */
  public static final String CATALYST = "osb-catalyst";

  /** The repository name of the portage image's input tag. */
  public static final String PORTAGE = "osb-portage";

  private Images() {}

  /** {@code <out>/containers/<name>}, a rendered Containerfile. */
  public static Path containerfile(Path out, String name) {
    return out.resolve("containers").resolve(name);
  }

  /** The catalyst image's tag: a function of its Containerfile and the seed's SHA-512 only. */
  public static String catalystTag(Plan plan, Path out, String seedSha512) throws IOException {
    return catalystTag(plan, Files.readAllBytes(containerfile(out, "catalyst.Containerfile")), seedSha512);
  }

  /** {@link #catalystTag(Plan, Path, String)} of the rendered Containerfile's bytes. */
  public static String catalystTag(Plan plan, byte[] containerfile, String seedSha512) {
    return ImageBuilder.tag(CATALYST, containerfile, Map.of(Containers.catalyst(plan).seedTar(), seedSha512));
  }

  /**
   * Builds the portage image from {@code snapshots/gentoo-<treeish>.tar} (which must exist,
   * verified: {@link SnapshotMaker#ensureTar}) unless it exists, and names it
   * {@code Plan.portageImage}.
   *
   * @return the input tag
   */
  public static String portage(String engine, Plan plan, Path out, Store store, ImageBuilder.Executor executor)
      throws ImageException, IOException, InterruptedException {
    Containers.PortageImage c = Containers.portage(plan);
    Path context = store.host(c.context());
    Path tar = context.resolve(c.tarName());
    if (!Files.isRegularFile(tar)) {
      throw new IOException("the verified snapshot tar " + tar + " is missing");
    }
    String tag = ImageBuilder.ensure(engine, PORTAGE, containerfile(out, "portage.Containerfile"), context,
        Map.of(c.tarName(), plan.treeish()), executor);
    tagAs(engine, tag, c.image(), executor);
    return tag;
  }

  /**
   * Builds the catalyst image unless its tag exists: writes the verified seed decompressed into
   * the build context, builds, deletes the plain tar.
   *
   * @param seed the verified seed in the store
   * @return {@link #catalystTag}
   */
  public static String catalyst(String engine, Plan plan, Path out, Store store, Path seed, String seedSha512,
      ImageBuilder.Executor executor, Progress progress) throws ImageException, IOException, InterruptedException {
    Containers.CatalystImage c = Containers.catalyst(plan);
    Path context = store.host(c.context());
    Path file = containerfile(out, "catalyst.Containerfile");
    return withPlainTar(seed, context.resolve(c.seedTar()), progress, () -> ImageBuilder.ensure(engine, CATALYST,
        file, context, Map.of(c.seedTar(), seedSha512), executor), engine, catalystTag(plan, out, seedSha512),
        executor);
  }

  /**
   * Builds the image of a build's stage tarball (its {@code containers/<id>.Containerfile})
   * unless it exists.
   *
   * @param name the image repository, e.g. {@code osb/<artifactId>-<build>}
   * @param output the build's tarball in the store
   * @param outputSha512 its SHA-512
   * @return the input tag
   */
  public static String stage(String engine, String name, Plan plan, Build b, Path out, Store store, Path output,
      String outputSha512, ImageBuilder.Executor executor, Progress progress)
      throws ImageException, IOException, InterruptedException {
    Containers.StageImage c = Containers.stage(plan, b);
    Path context = store.host(c.context());
    Path file = containerfile(out, b.id() + ".Containerfile");
    String tag = ImageBuilder.tag(name, file, Map.of(c.tarName(), outputSha512));
    return withPlainTar(output, context.resolve(c.tarName()), progress,
        () -> ImageBuilder.ensure(engine, name, file, context, Map.of(c.tarName(), outputSha512), executor),
        engine, tag, executor);
  }

  /**
   * {@code podman save --format oci-archive -o FILE TAG}; docker (whose {@code save} writes an
   * OCI image layout since 25): {@code docker save -o FILE TAG}.
   */
  public static List<String> saveArgv(String engine, String tag, Path file) {
    List<String> a = new ArrayList<>(List.of(engine, "save"));
    if (engine.substring(engine.lastIndexOf('/') + 1).equals("podman")) {
      a.add("--format");
      a.add("oci-archive");
    }
    a.addAll(List.of("-o", file.toString(), tag));
    return a;
  }

  /** {@code ENGINE image inspect --format {{.Id}} TAG}: the image's id (its config digest). */
  public static List<String> idArgv(String engine, String tag) {
    return List.of(engine, "image", "inspect", "--format", "{{.Id}}", tag);
  }

  private interface Build0 {
    String build() throws ImageException, IOException, InterruptedException;
  }

  /**
   * Runs {@code build} with {@code plain} written from {@code source}, only when the image is
   * missing. A source that already is that plain tar (an uncompressed seed, a stage built with
   * {@code compression: tar}) is used as it is, and never deleted.
   */
  private static String withPlainTar(Path source, Path plain, Progress progress, Build0 build, String engine,
      String tag, ImageBuilder.Executor executor) throws ImageException, IOException, InterruptedException {
    if (executor.run(engine + " image exists " + tag, ImageBuilder.existsArgv(engine, tag)) == 0) {
      return tag;
    }
    if (source.toAbsolutePath().normalize().equals(plain.toAbsolutePath().normalize())) {
      return build.build();
    }
    progress.line("writing " + plain.getFileName() + " (" + source.getFileName() + " decompressed) for " + tag);
    decompress(source, plain);
    try {
      return build.build();
    } finally {
      Files.deleteIfExists(plain);
    }
  }

  private static void tagAs(String engine, String tag, String name, ImageBuilder.Executor executor)
      throws ImageException, IOException, InterruptedException {
    if (!name.equals(tag)) {
      int code = executor.run(engine + " tag " + name, ImageBuilder.tagArgv(engine, tag, name));
      if (code != 0) {
        throw new ImageException("naming the image " + tag + " " + name + " failed with exit code " + code);
      }
    }
  }

  /** Writes {@code source} (xz, gzip, bzip2, zstd or plain) as a plain tar, atomically. */
  static void decompress(Path source, Path target) throws IOException {
    Files.createDirectories(target.getParent());
    Path part = target.resolveSibling(target.getFileName() + ".part");
    try (InputStream in = Tarball.open(source); OutputStream os = Files.newOutputStream(part)) {
      in.transferTo(os);
    } catch (IOException e) {
      Files.deleteIfExists(part);
      throw new IOException("cannot decompress " + source + " to " + part + ": " + e.getMessage(), e);
    }
    Store.move(part, target);
  }
}
