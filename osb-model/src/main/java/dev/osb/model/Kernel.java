package dev.osb.model;

import java.nio.file.Path;
import java.util.List;

/**
 * The kernel. A dist kernel ({@code sys-kernel/gentoo-kernel}, {@code gentoo-kernel-bin}) is an
 * ordinary package with dracut in a stage4; a {@code *-sources} package is built by genkernel
 * through catalyst's boot/kernel keys.
 */
public record Kernel(
    String name,
    String packageAtom,
    String packageKey,
    Path config,
    List<String> dracutArgs,
    List<String> modules,
    List<String> emergeOptions) {

  public Kernel {
    dracutArgs = List.copyOf(dracutArgs);
    modules = List.copyOf(modules);
    emergeOptions = List.copyOf(emergeOptions);
  }

  /** Kernel sources that genkernel builds through catalyst's boot/kernel keys. */
  public static boolean isSources(String packageKey) {
    return packageKey.endsWith("-sources");
  }

  /** The distribution kernels: built by portage, initramfs by dracut through installkernel. */
  public static final java.util.Set<String> DIST = java.util.Set.of("sys-kernel/gentoo-kernel",
      "sys-kernel/gentoo-kernel-bin", "sys-kernel/vanilla-kernel", "sys-kernel/vanilla-kernel-bin");

  /** A distribution kernel (built by portage, initramfs by dracut). */
  public boolean isDist() {
    return DIST.contains(packageKey);
  }

  /** A prebuilt dist kernel, which cannot take a config. */
  public boolean isBin() {
    return packageKey.endsWith("-bin");
  }
}
