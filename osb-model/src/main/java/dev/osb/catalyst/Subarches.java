package dev.osb.catalyst;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The subarches catalyst 4.1 knows: every {@code [<arch>.<subarch>]} table of its {@code
 * arch/*.toml} files (gentoo/catalyst df01e21b, 175 subarches), with the values catalyst copies
 * into its settings. {@code StageBase} reads every {@code arch/<file>.toml} and looks the spec's
 * {@code subarch} up in those of its tables whose name starts with {@code <file>} ({@code
 * ppc.toml} holds {@code ppc} and {@code ppc64}; {@code setarch} is skipped). An unknown subarch
 * aborts the build with {@code Unknown host machine type}. Names are case-sensitive.
 *
 * <ul>
 *   <li>{@code static boolean isKnown(String subarch)}
 *   <li>{@code static List<String> all()}: every subarch, sorted
 *   <li>{@code static Optional<String> archOf(String subarch)}: its table, e.g. {@code amd64},
 *       {@code ppc64}, {@code mips64}
 *   <li>{@code static Optional<Subarch> get(String subarch)}: everything the toml says
 * </ul>
 */
public final class Subarches {

  private Subarches() {}

  /**
   * One {@code [<arch>.<name>]} table.
   *
   * @param name the subarch, the value of the spec's {@code subarch}
   * @param arch the table it is in, e.g. {@code amd64}, {@code ppc64}, {@code mips64}, {@code
   *     s390x}
   * @param file the toml file without {@code .toml}, e.g. {@code ppc} for {@code ppc64}
   * @param commonFlags {@code COMMON_FLAGS} verbatim (catalyst writes it into make.conf), or
   *     {@code null} ({@code x86} has none)
   * @param chost {@code CHOST}, or {@code null} when the profile sets it (all of amd64, some
   *     others)
   * @param cpuFlagsX86 {@code CPU_FLAGS_X86}; catalyst 4.1 never writes it anywhere
   * @param use {@code USE} (only some ppc subarches); catalyst 4.1 copies it but never reads it
   */
  public record Subarch(
      String name,
      String arch,
      String file,
      String commonFlags,
      String chost,
      List<String> cpuFlagsX86,
      List<String> use) {

    public Subarch {
      cpuFlagsX86 = List.copyOf(cpuFlagsX86);
      use = List.copyOf(use);
    }
  }

  private static final Map<String, Subarch> ALL = build();

  /** Whether catalyst finds {@code subarch} in its arch tables. */
  public static boolean isKnown(String subarch) {
    return subarch != null && ALL.containsKey(subarch);
  }

  /** Every subarch catalyst knows, sorted by name. */
  public static List<String> all() {
    return List.copyOf(ALL.keySet());
  }

  /** The arch table of {@code subarch}: {@code amd64} for x32, {@code ppc64} for power9. */
  public static Optional<String> archOf(String subarch) {
    return get(subarch).map(Subarch::arch);
  }

  /** The toml entry of {@code subarch}. */
  public static Optional<Subarch> get(String subarch) {
    return subarch == null ? Optional.empty() : Optional.ofNullable(ALL.get(subarch));
  }

  private static Map<String, Subarch> build() {
    Rows rows = new Rows();
    rows.fill();
    Map<String, Subarch> m = new TreeMap<>();
    for (Subarch s : rows.list) {
      if (m.put(s.name(), s) != null) {
        throw new IllegalStateException("duplicate subarch " + s.name());
      }
    }
    return Collections.unmodifiableMap(m);
  }

  /** The arch tables, one {@code add} per {@code [<arch>.<subarch>]}, in toml file order. */
  private static final class Rows {
    final List<Subarch> list = new ArrayList<>();

    private void add(String name, String arch, String file, String flags, String chost) {
      list.add(new Subarch(name, arch, file, flags, chost, List.of(), List.of()));
    }

    private void add(
        String name,
        String arch,
        String file,
        String flags,
        String chost,
        List<String> cpu,
        List<String> use) {
      list.add(new Subarch(name, arch, file, flags, chost, cpu, use));
    }

    void fill() {
      // arch/alpha.toml
      add("alpha", "alpha", "alpha", "-mieee -pipe -O2 -mcpu=ev4", "alpha-unknown-linux-gnu");
      add("ev4", "alpha", "alpha", "-mieee -pipe -O2 -mcpu=ev4", "alpha-unknown-linux-gnu");
      add("ev45", "alpha", "alpha", "-mieee -pipe -O2 -mcpu=ev45", "alpha-unknown-linux-gnu");
      add("ev5", "alpha", "alpha", "-mieee -pipe -O2 -mcpu=ev5", "alpha-unknown-linux-gnu");
      add("ev56", "alpha", "alpha", "-mieee -pipe -O2 -mcpu=ev56", "alpha-unknown-linux-gnu");
      add("pca56", "alpha", "alpha", "-mieee -pipe -O2 -mcpu=pca56", "alpha-unknown-linux-gnu");
      add("ev6", "alpha", "alpha", "-mieee -pipe -O2 -mcpu=ev6", "alpha-unknown-linux-gnu");
      add("ev67", "alpha", "alpha", "-mieee -pipe -O2 -mcpu=ev67", "alpha-unknown-linux-gnu");
      // arch/amd64.toml
      add("amd64", "amd64", "amd64", "-O2 -pipe", null);
      add("x86_64", "amd64", "amd64", "-O2 -pipe", null);
      add("k8", "amd64", "amd64",
          "-O2 -march=k8 -pipe", null, List.of("mmx", "mmxext", "3dnow", "3dnowext", "sse", "sse2"),
          List.of());
      add("nocona", "amd64", "amd64",
          "-O2 -march=nocona -pipe", null, List.of("mmx", "mmxext", "sse", "sse2", "sse3"),
          List.of());
      add("core2", "amd64", "amd64",
          "-O2 -march=core2 -pipe", null, List.of("mmx", "mmxext", "sse", "sse2", "sse3", "ssse3"),
          List.of());
      add("k8-sse3", "amd64", "amd64",
          "-O2 -march=k8-sse3 -pipe", null,
          List.of("mmx", "mmxext", "3dnow", "3dnowext", "sse", "sse2", "sse3"), List.of());
      add("amdfam10", "amd64", "amd64",
          "-O2 -march=amdfam10 -pipe", null,
          List.of("mmx", "mmxext", "3dnow", "3dnowext", "sse", "sse2", "sse3", "sse4a"), List.of());
      add("x32", "amd64", "amd64", "-O2 -pipe", null);
      // arch/arm.toml
      add("arm", "arm", "arm", "-O2 -pipe", "arm-unknown-linux-gnu");
      add("armv4l", "arm", "arm", "-O2 -pipe -march=armv4", "armv4l-unknown-linux-gnu");
      add("armv4tl", "arm", "arm", "-O2 -pipe -march=armv4t", null);
      add("armv5tl", "arm", "arm", "-O2 -pipe -march=armv5t", "armv5tl-softfloat-linux-gnueabi");
      add("armv5tel", "arm", "arm", "-O2 -pipe -march=armv5te", null);
      add("armv5tejl", "arm", "arm",
          "-O2 -pipe -march=armv5te", "armv5tejl-softfloat-linux-gnueabi");
      add("armv6j", "arm", "arm", "-O2 -pipe -march=armv6j -mfpu=vfp -mfloat-abi=softfp", null);
      add("armv6z", "arm", "arm",
          "-O2 -pipe -march=armv6z -mfpu=vfp -mfloat-abi=softfp", "armv6z-softfp-linux-gnueabi");
      add("armv6zk", "arm", "arm",
          "-O2 -pipe -march=armv6zk -mfpu=vfp -mfloat-abi=softfp", "armv6zk-softfp-linux-gnueabi");
      add("armv7a", "arm", "arm",
          "-O2 -pipe -march=armv7-a -mfpu=vfpv3-d16 -mfloat-abi=softfp", null);
      add("armv6j_hardfp", "arm", "arm",
          "-O2 -pipe -march=armv6j -mfpu=vfp -mfloat-abi=hard", null);
      add("armv6j_hardfp_musl", "arm", "arm",
          "-O2 -pipe -march=armv6j -mfpu=vfp -mfloat-abi=hard", "armv6j-unknown-linux-musleabihf");
      add("armv7a_hardfp", "arm", "arm",
          "-O2 -pipe -march=armv7-a -mfpu=vfpv3-d16 -mfloat-abi=hard", null);
      add("armv7a_hardfp_musl", "arm", "arm",
          "-O2 -pipe -march=armv7-a -mfpu=vfpv3-d16 -mfloat-abi=hard",
          "armv7a-unknown-linux-musleabihf");
      add("armeb", "arm", "arm", "-O2 -pipe", "armeb-unknown-linux-gnu");
      add("armv5teb", "arm", "arm", "-O2 -pipe -mcpu=xscale", "armv5teb-softfloat-linux-gnueabi");
      // arch/arm64.toml
      add("arm64", "arm64", "arm64", "-O2 -pipe", "aarch64-unknown-linux-gnu");
      add("aarch64", "arm64", "arm64", "-O2 -pipe", "aarch64-unknown-linux-gnu");
      add("aarch64_be", "arm64", "arm64", "-O2 -pipe", "aarch64_be-unknown-linux-gnu");
      // arch/hppa.toml
      add("hppa1.1", "hppa", "hppa", "-O2 -pipe -march=1.1", "hppa1.1-unknown-linux-gnu");
      add("hppa2.0", "hppa", "hppa", "-O2 -pipe -march=2.0", "hppa2.0-unknown-linux-gnu");
      // arch/ia64.toml
      add("ia64", "ia64", "ia64", "-O2 -pipe", "ia64-unknown-linux-gnu");
      // arch/loong.toml
      add("loong", "loong", "loong",
          " -pipe -O2 -march=loongarch64 ", "loongarch64-unknown-linux-gnu");
      // arch/m68k.toml
      add("m68k", "m68k", "m68k", " -pipe -O2", "m68k-unknown-linux-gnu");
      add("m68k_a32", "m68k", "m68k", " -pipe -O2 -malign-int", null);
      add("m68k_musl", "m68k", "m68k", " -pipe -O2", null);
      // arch/mips.toml
      add("mips1", "mips", "mips",
          "-O2 -march=mips1 -mabi=32 -mplt -pipe", "mips-unknown-linux-gnu");
      add("mips2", "mips", "mips", "-O2 -march=mips2 -mabi=32 -mplt -pipe", null);
      add("mips2_softfloat", "mips", "mips",
          "-O2 -march=mips2 -mabi=32 -mplt -msoft-float -pipe", null);
      add("mips2_musl", "mips", "mips",
          "-O2 -march=mips2 -mabi=32 -mplt -pipe", "mips-gentoo-linux-musl");
      add("mips32", "mips", "mips",
          "-O2 -march=mips32 -mabi=32 -mplt -pipe", "mips-unknown-linux-gnu");
      add("mips32_softfloat", "mips", "mips",
          "-O2 -march=mips32 -mabi=32 -mplt -msoft-float -pipe", "mips-softfloat-linux-gnu");
      add("mips32r2", "mips", "mips",
          "-O2 -march=mips32r2 -mabi=32 -mplt -pipe", "mips-unknown-linux-gnu");
      add("mips32r2_softfloat", "mips", "mips",
          "-O2 -march=mips32r2 -mabi=32 -mplt -msoft-float -pipe", "mips-softfloat-linux-gnu");
      add("mips3", "mips", "mips",
          "-O2 -march=mips3 -mabi=32 -mplt -mfix-r4000 -mfix-r4400 -pipe",
          "mips-unknown-linux-gnu");
      add("mips3_musl", "mips", "mips",
          "-O2 -march=mips3 -mabi=32 -mplt -mfix-r4000 -mfix-r4400 -pipe",
          "mips-gentoo-linux-musl");
      add("mips4_r5k", "mips", "mips",
          "-O2 -march=r5k -mabi=32 -mplt -pipe", "mips-unknown-linux-gnu");
      add("mips4_r10k", "mips", "mips",
          "-O2 -march=r10k -mabi=32 -mplt -pipe", "mips-unknown-linux-gnu");
      add("mips4_r12k", "mips", "mips",
          "-O2 -march=r12k -mno-fix-r10000 -mabi=32 -mplt -pipe", "mips-unknown-linux-gnu");
      add("mips64", "mips", "mips",
          "-O2 -march=mips64 -mabi=32 -mplt -pipe", "mips-unknown-linux-gnu");
      add("mips64r2", "mips", "mips",
          "-O2 -march=mips64r2 -mabi=32 -mplt -pipe", "mips-unknown-linux-gnu");
      add("mipsel1", "mips", "mips",
          "-O2 -march=mips1 -mabi=32 -mplt -pipe", "mipsel-unknown-linux-gnu");
      add("mipsel2", "mips", "mips", "-O2 -march=mips2 -mabi=32 -mplt -pipe", null);
      add("mipsel2_softfloat", "mips", "mips",
          "-O2 -march=mips2 -mabi=32 -mplt -msoft-float -pipe", null);
      add("mipsel2_musl", "mips", "mips",
          "-O2 -march=mips2 -mabi=32 -mplt -pipe", "mipsel-gentoo-linux-musl");
      add("mips32el", "mips", "mips",
          "-O2 -march=mips32 -mabi=32 -mplt -pipe", "mipsel-unknown-linux-gnu");
      add("mips32el_softfloat", "mips", "mips",
          "-O2 -march=mips32 -mabi=32 -mplt -msoft-float -pipe", "mipsel-softfloat-linux-gnu");
      add("mips32r2el", "mips", "mips",
          "-O2 -march=mips32r2 -mabi=32 -mplt -pipe", "mipsel-unknown-linux-gnu");
      add("mips32r2el_softfloat", "mips", "mips",
          "-O2 -march=mips32r2 -mabi=32 -mplt -msoft-float -pipe", "mipsel-softfloat-linux-gnu");
      add("mipsel3", "mips", "mips",
          "-O2 -march=mips3 -mabi=32 -mplt -Wa,-mfix-loongson2f-nop -mfix-r5900 -pipe",
          "mipsel-unknown-linux-gnu");
      add("mipsel3_musl", "mips", "mips",
          "-O2 -march=mips3 -mabi=32 -mplt -Wa,-mfix-loongson2f-nop -mfix-r5900 -pipe",
          "mipsel-gentoo-linux-musl");
      add("mipsel4_r5k", "mips", "mips",
          "-O2 -march=r5k -mabi=32 -mplt -pipe", "mipsel-unknown-linux-gnu");
      add("mips64el", "mips", "mips",
          "-O2 -march=mips64 -mabi=32 -mplt -pipe", "mipsel-unknown-linux-gnu");
      add("mips64r2el", "mips", "mips",
          "-O2 -march=mips64r2 -mabi=32 -mplt -pipe", "mipsel-unknown-linux-gnu");
      add("loongson2e", "mips", "mips",
          "-O2 -march=loongson2e -mabi=32 -mplt -pipe", "mipsel-unknown-linux-gnu");
      add("loongson2f", "mips", "mips",
          "-O2 -march=loongson2f -mabi=32 -mplt -Wa,-mfix-loongson2f-nop -pipe",
          "mipsel-unknown-linux-gnu");
      add("loongson3a", "mips", "mips",
          "-O2 -march=loongson3a -mabi=32 -mplt -pipe", "mipsel-unknown-linux-gnu");
      add("mips3_n32", "mips64", "mips",
          "-O2 -march=mips3 -mabi=n32 -mplt -mfix-r4000 -mfix-r4400 -pipe", null);
      add("mips3_n32_softfloat", "mips64", "mips",
          "-O2 -march=mips3 -mabi=n32 -mplt -mfix-r4000 -mfix-r4400 -msoft-float -pipe",
          "mips64-softfloat-linux-gnu");
      add("mips3_n64", "mips64", "mips",
          "-O2 -march=mips3 -mabi=64 -mfix-r4000 -mfix-r4400 -pipe", "mips64-unknown-linux-gnu");
      add("mips3_n64_musl", "mips64", "mips",
          "-O2 -march=mips3 -mabi=64 -mfix-r4000 -mfix-r4400 -pipe", "mips64-gentoo-linux-musl");
      add("mips3_multilib", "mips64", "mips",
          "-O2 -march=mips3 -mplt -mfix-r4000 -mfix-r4400 -pipe", null);
      add("mips4_r5k_n32", "mips64", "mips",
          "-O2 -march=r5k -mabi=n32 -mplt -pipe", "mips64-unknown-linux-gnu");
      add("mips4_r5k_n64", "mips64", "mips",
          "-O2 -march=r5k -mabi=64 -pipe", "mips64-unknown-linux-gnu");
      add("mips4_r5k_multilib", "mips64", "mips",
          "-O2 -march=r5k -mplt -pipe", "mips64-unknown-linux-gnu");
      add("mips4_r10k_n32", "mips64", "mips",
          "-O2 -march=r10k -mabi=n32 -mplt -pipe", "mips64-unknown-linux-gnu");
      add("mips4_r10k_n64", "mips64", "mips",
          "-O2 -march=r10k -mabi=64 -pipe", "mips64-unknown-linux-gnu");
      add("mips4_r10k_multilib", "mips64", "mips",
          "-O2 -march=r10k -mplt -pipe", "mips64-unknown-linux-gnu");
      add("mips4_r12k_n32", "mips64", "mips",
          "-O2 -march=r12k -mno-fix-r10000 -mabi=n32 -mplt -pipe", "mips64-unknown-linux-gnu");
      add("mips4_r12k_n64", "mips64", "mips",
          "-O2 -march=r12k -mno-fix-r10000 -mabi=64 -pipe", "mips64-unknown-linux-gnu");
      add("mips4_r12k_multilib", "mips64", "mips",
          "-O2 -march=r12k -mno-fix-r10000 -mplt -pipe", "mips64-unknown-linux-gnu");
      add("mips64_n32", "mips64", "mips",
          "-O2 -march=mips64 -mabi=n32 -mplt -pipe", "mips64-unknown-linux-gnu");
      add("mips64_n64", "mips64", "mips",
          "-O2 -march=mips64 -mabi=64 -pipe", "mips64-unknown-linux-gnu");
      add("mips64_multilib", "mips64", "mips",
          "-O2 -march=mips64 -mplt -pipe", "mips64-unknown-linux-gnu");
      add("mips64r2_n32", "mips64", "mips",
          "-O2 -march=mips64r2 -mabi=n32 -mplt -pipe", "mips64-unknown-linux-gnu");
      add("mips64r2_n64", "mips64", "mips",
          "-O2 -march=mips64r2 -mabi=64 -pipe", "mips64-unknown-linux-gnu");
      add("mips64r2_multilib", "mips64", "mips",
          "-O2 -march=mips64r2 -mplt -pipe", "mips64-unknown-linux-gnu");
      add("mipsel3_n32", "mips64", "mips",
          "-O2 -march=mips3 -mabi=n32 -mplt -Wa,-mfix-loongson2f-nop -mfix-r5900 -pipe", null);
      add("mipsel3_n32_softfloat", "mips64", "mips",
          "-O2 -march=mips3 -mabi=n32 -mplt -Wa,-mfix-loongson2f-nop -mfix-r5900"
              + " -msoft-float -pipe",
          "mips64el-softfloat-linux-gnu");
      add("mipsel3_n64", "mips64", "mips",
          "-O2 -march=mips3 -mabi=64 -Wa,-mfix-loongson2f-nop -pipe", "mips64el-unknown-linux-gnu");
      add("mipsel3_multilib", "mips64", "mips",
          "-O2 -march=mips3 -mplt -Wa,-mfix-loongson2f-nop -mfix-r5900 -pipe", null);
      add("mipsel4_r5k_n32", "mips64", "mips",
          "-O2 -march=r5k -mabi=n32 -mplt -pipe", "mips64el-unknown-linux-gnu");
      add("mipsel4_r5k_n64", "mips64", "mips",
          "-O2 -march=r5k -mabi=64 -pipe", "mips64el-unknown-linux-gnu");
      add("mipsel4_r5k_multilib", "mips64", "mips",
          "-O2 -march=r5k -mplt -pipe", "mips64el-unknown-linux-gnu");
      add("mips64el_n32", "mips64", "mips",
          "-O2 -march=mips64 -mabi=n32 -mplt -pipe", "mips64el-unknown-linux-gnu");
      add("mips64el_n64", "mips64", "mips",
          "-O2 -march=mips64 -mabi=64 -pipe", "mips64el-unknown-linux-gnu");
      add("mips64el_n64_musl", "mips64", "mips",
          "-O2 -march=mips64 -mabi=64 -pipe", "mips64el-gentoo-linux-musl");
      add("mips64el_multilib", "mips64", "mips",
          "-O2 -march=mips64 -mplt -pipe", "mips64el-unknown-linux-gnu");
      add("mips64r2el_n32", "mips64", "mips",
          "-O2 -march=mips64r2 -mabi=n32 -mplt -pipe", "mips64el-unknown-linux-gnu");
      add("mips64r2el_n64", "mips64", "mips",
          "-O2 -march=mips64r2 -mabi=64 -pipe", "mips64el-unknown-linux-gnu");
      add("mips64r2el_multilib", "mips64", "mips",
          "-O2 -march=mips64r2 -mplt -pipe", "mips64el-unknown-linux-gnu");
      add("loongson2e_n32", "mips64", "mips",
          "-O2 -march=loongson2e -mabi=n32 -mplt -pipe", "mips64el-unknown-linux-gnu");
      add("loongson2e_n64", "mips64", "mips",
          "-O2 -march=loongson2e -mabi=64 -pipe", "mips64el-unknown-linux-gnu");
      add("loongson2e_multilib", "mips64", "mips",
          "-O2 -march=loongson2e -mplt -pipe", "mips64el-unknown-linux-gnu");
      add("loongson2f_n32", "mips64", "mips",
          "-O2 -march=loongson2f -mabi=n32 -mplt -Wa,-mfix-loongson2f-nop -pipe",
          "mips64el-unknown-linux-gnu");
      add("loongson2f_n64", "mips64", "mips",
          "-O2 -march=loongson2f -mabi=64 -Wa,-mfix-loongson2f-nop -pipe",
          "mips64el-unknown-linux-gnu");
      add("loongson2f_multilib", "mips64", "mips",
          "-O2 -march=loongson2f -mplt -Wa,-mfix-loongson2f-nop -pipe",
          "mips64el-unknown-linux-gnu");
      add("loongson3a_n32", "mips64", "mips",
          "-O2 -march=loongson3a -mabi=n32 -mplt -pipe", "mips64el-unknown-linux-gnu");
      add("loongson3a_n64", "mips64", "mips",
          "-O2 -march=loongson3a -mabi=64 -pipe", "mips64el-unknown-linux-gnu");
      add("loongson3a_multilib", "mips64", "mips",
          "-O2 -march=loongson3a -mplt -pipe", "mips64el-unknown-linux-gnu");
      // arch/ppc.toml
      add("970", "ppc64", "ppc",
          "-O2 -pipe -mcpu=970 -mtune=970", "powerpc64-unknown-linux-gnu", List.of(),
          List.of("altivec"));
      add("cell", "ppc64", "ppc",
          "-O2 -pipe -mcpu=cell -mtune=cell", "powerpc64-unknown-linux-gnu", List.of(),
          List.of("altivec", "ibm"));
      add("power5", "ppc64", "ppc",
          "-O2 -pipe -mcpu=power5 -mtune=power5", "powerpc64-unknown-linux-gnu", List.of(),
          List.of("ibm"));
      add("power6", "ppc64", "ppc",
          "-O2 -pipe -mcpu=power6 -mtune=power6", "powerpc64-unknown-linux-gnu", List.of(),
          List.of("altivec", "ibm"));
      add("power7", "ppc64", "ppc",
          "-O2 -pipe -mcpu=power7 -mtune=power7", "powerpc64-unknown-linux-gnu", List.of(),
          List.of("altivec", "ibm"));
      add("power7le", "ppc64", "ppc",
          "-O2 -pipe -mcpu=power7 -mtune=power7", "powerpc64le-unknown-linux-gnu", List.of(),
          List.of("altivec", "ibm"));
      add("power8", "ppc64", "ppc",
          "-O2 -pipe -mcpu=power8 -mtune=power8", "powerpc64-unknown-linux-gnu", List.of(),
          List.of("altivec", "ibm"));
      add("power8le", "ppc64", "ppc",
          "-O2 -pipe -mcpu=power8 -mtune=power8", "powerpc64le-unknown-linux-gnu", List.of(),
          List.of("altivec", "ibm"));
      add("power9", "ppc64", "ppc",
          "-O2 -pipe -mcpu=power9 -mtune=power9", "powerpc64-unknown-linux-gnu", List.of(),
          List.of("altivec", "ibm"));
      add("power9le", "ppc64", "ppc",
          "-O2 -pipe -mcpu=power9 -mtune=power9", "powerpc64le-unknown-linux-gnu", List.of(),
          List.of("altivec", "ibm"));
      add("ppc64", "ppc64", "ppc", "-O2 -pipe", "powerpc64-unknown-linux-gnu");
      add("powerpc64", "ppc64", "ppc", "-O2 -pipe", "powerpc64-unknown-linux-gnu");
      add("ppc64le", "ppc64", "ppc", "-O2 -pipe", "powerpc64le-unknown-linux-gnu");
      add("powerpc64le", "ppc64", "ppc", "-O2 -pipe", "powerpc64le-unknown-linux-gnu");
      add("g3", "ppc", "ppc", "-O2 -mcpu=G3 -mtune=G3 -pipe", "powerpc-unknown-linux-gnu");
      add("g4", "ppc", "ppc",
          "-O2 -mcpu=G4 -mtune=G4 -maltivec -mabi=altivec -pipe", "powerpc-unknown-linux-gnu",
          List.of(), List.of("altivec"));
      add("g5", "ppc", "ppc",
          "-O2 -mcpu=G5 -mtune=G5 -maltivec -mabi=altivec -pipe", "powerpc-unknown-linux-gnu",
          List.of(), List.of("altivec"));
      add("ppc", "ppc", "ppc", "-O2 -mcpu=powerpc -mtune=powerpc -pipe", null);
      add("powerpc", "ppc", "ppc", "-O2 -mcpu=powerpc -mtune=powerpc -pipe", null);
      // arch/riscv.toml
      add("riscv", "riscv", "riscv", "-O2 -pipe", "riscv64-unknown-linux-gnu");
      add("rv64_multilib", "riscv", "riscv", "-O2 -pipe", "riscv64-unknown-linux-gnu");
      add("rv64_lp64d", "riscv", "riscv", "-O2 -pipe", "riscv64-unknown-linux-gnu");
      add("rv64_lp64d_musl", "riscv", "riscv", "-O2 -pipe", "riscv64-gentoo-linux-musl");
      add("rv64_lp64", "riscv", "riscv", "-O2 -pipe", "riscv64-unknown-linux-gnu");
      add("rv64_lp64_musl", "riscv", "riscv", "-O2 -pipe", "riscv64-gentoo-linux-musl");
      add("rv32_ilp32d", "riscv", "riscv", "-O2 -pipe", "riscv32-unknown-linux-gnu");
      add("rv32_ilp32d_musl", "riscv", "riscv", "-O2 -pipe", "riscv32-unknown-linux-musl");
      add("rv32_ilp32", "riscv", "riscv", "-O2 -pipe", "riscv32-unknown-linux-gnu");
      add("rv32_ilp32_musl", "riscv", "riscv", "-O2 -pipe", "riscv32-unknown-linux-musl");
      // arch/s390.toml
      add("s390", "s390", "s390", "-O2 -pipe", null);
      add("s390x", "s390x", "s390", "-O2 -pipe -march=z10", null);
      // arch/sh.toml
      add("sh", "sh", "sh", "-O2 -pipe", "sh-unknown-linux-gnu");
      add("sh2", "sh", "sh", "-O2 -m2 -pipe", "sh2-unknown-linux-gnu");
      add("sh2a", "sh", "sh", "-O2 -m2a -pipe", "sh2a-unknown-linux-gnu");
      add("sh3", "sh", "sh", "-O2 -m3 -pipe", "sh3-unknown-linux-gnu");
      add("sh4", "sh", "sh", "-O2 -m4 -pipe", "sh4-unknown-linux-gnu");
      add("sh4a", "sh", "sh", "-O2 -m4a -pipe", "sh4a-unknown-linux-gnu");
      add("sheb", "sh", "sh", "-O2 -pipe", "sheb-unknown-linux-gnu");
      add("sh2eb", "sh", "sh", "-O2 -m2 -pipe", "sh2eb-unknown-linux-gnu");
      add("sh2aeb", "sh", "sh", "-O2 -m2a -pipe", "sh2aeb-unknown-linux-gnu");
      add("sh3eb", "sh", "sh", "-O2 -m3 -pipe", "sh3eb-unknown-linux-gnu");
      add("sh4eb", "sh", "sh", "-O2 -m4 -pipe", "sh4eb-unknown-linux-gnu");
      add("sh4aeb", "sh", "sh", "-O2 -m4a -pipe", "sh4aeb-unknown-linux-gnu");
      // arch/sparc.toml
      add("sparc", "sparc", "sparc", "-O2 -mcpu=ultrasparc -pipe", "sparc-unknown-linux-gnu");
      add("sparc64", "sparc64", "sparc", "-O2 -mcpu=ultrasparc -pipe", "sparc64-unknown-linux-gnu");
      // arch/x86.toml
      add("x86", "x86", "x86", null, null);
      add("i486", "x86", "x86", "-O2 -march=i486 -pipe", "i486-pc-linux-gnu");
      add("i586", "x86", "x86", "-O2 -march=i586 -pipe", "i586-pc-linux-gnu");
      add("i686", "x86", "x86", "-O2 -march=i686 -pipe", null);
      add("pentium", "x86", "x86", "-O2 -march=i586 -pipe", "i586-pc-linux-gnu");
      add("pentium2", "x86", "x86", "-O2 -march=pentium2 -pipe", null, List.of("mmx"), List.of());
      add("pentium3", "x86", "x86",
          "-O2 -march=pentium3 -pipe", null, List.of("mmx", "mmxext", "sse"), List.of());
      add("pentiumpro", "x86", "x86", "-O2 -march=i686 -pipe", null);
      add("pentium-mmx", "x86", "x86",
          "-O2 -march=pentium-mmx -pipe", null, List.of("mmx"), List.of());
      add("k6", "x86", "x86", "-O2 -march=k6 -pipe", null, List.of("mmx"), List.of());
      add("k6-2", "x86", "x86", "-O2 -march=k6-2 -pipe", null, List.of("mmx", "3dnow"), List.of());
      add("athlon", "x86", "x86",
          "-O2 -march=athlon -pipe", null, List.of("mmx", "mmxext", "3dnow", "3dnowext"),
          List.of());
      add("athlon-xp", "x86", "x86",
          "-O2 -march=athlon-xp -pipe", null, List.of("mmx", "mmxext", "3dnow", "3dnowext", "sse"),
          List.of());
      add("i686-ssemath", "x86", "x86",
          "-O2 -march=i686 -msse2 -mfpmath=sse -pipe", null,
          List.of("mmx", "mmxext", "sse", "sse2"), List.of());
    }
  }
}
