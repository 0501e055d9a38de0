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
    Path config,
    List<String> dracutArgs,
    List<String> modules,
    List<String> emergeOptions) {

  public Kernel {
    dracutArgs = List.copyOf(dracutArgs);
    modules = List.copyOf(modules);
    emergeOptions = List.copyOf(emergeOptions);
  }

  /** A distribution kernel (built by portage, initramfs by dracut). */
  public boolean isDist() {
    return !packageAtom.contains("-sources");
  }

  /** A prebuilt dist kernel, which cannot take a config. */
  public boolean isBin() {
    return packageAtom.contains("-bin");
  }
}
