package dev.osb.catalyst;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The arch tables of catalyst df01e21b ({@code arch/*.toml}). */
class SubarchesTest {

  @Test
  void amd64() {
    List<String> amd64 = new ArrayList<>();
    for (String s : Subarches.all()) {
      if (Subarches.archOf(s).orElseThrow().equals("amd64")) {
        amd64.add(s);
      }
    }
    assertEquals(List.of("amd64", "amdfam10", "core2", "k8", "k8-sse3", "nocona", "x32", "x86_64"),
        amd64);
    Subarches.Subarch k8 = Subarches.get("k8").orElseThrow();
    assertEquals("-O2 -march=k8 -pipe", k8.commonFlags());
    assertNull(k8.chost(), "amd64 takes CHOST from the profile");
    assertEquals(List.of("mmx", "mmxext", "3dnow", "3dnowext", "sse", "sse2"), k8.cpuFlagsX86());
    assertEquals("-O2 -pipe", Subarches.get("amd64").orElseThrow().commonFlags());
    assertEquals("-O2 -pipe", Subarches.get("x32").orElseThrow().commonFlags());
  }

  @Test
  void knownAndUnknown() {
    for (String s : List.of("amd64", "x86_64", "x32", "arm64", "aarch64", "i686", "x86",
        "armv7a_hardfp", "ppc64le", "power9le", "rv64_lp64d", "s390x", "hppa2.0", "loong",
        "sparc64", "mips3_n64", "alpha", "ia64", "m68k", "sh4")) {
      assertTrue(Subarches.isKnown(s), s);
    }
    for (String s : List.of("AMD64", "amd64 ", "x86-64", "arm", "riscv64", "ppc64el", "",
        "setarch", "linux32")) {
      assertEquals(s.equals("arm"), Subarches.isKnown(s), s);
    }
    assertFalse(Subarches.isKnown(null));
    assertEquals(Optional.empty(), Subarches.archOf("nope"));
  }

  @Test
  void tablesAreNamedByArchNotFile() {
    assertEquals("ppc64", Subarches.archOf("power9le").orElseThrow());
    assertEquals("ppc", Subarches.get("power9le").orElseThrow().file());
    assertEquals("ppc", Subarches.archOf("g4").orElseThrow());
    assertEquals("mips64", Subarches.archOf("mips3_n64").orElseThrow());
    assertEquals("s390x", Subarches.archOf("s390x").orElseThrow());
    assertEquals("sparc64", Subarches.archOf("sparc64").orElseThrow());
    assertEquals("hppa", Subarches.archOf("hppa1.1").orElseThrow());
  }

  @Test
  void valuesVerbatim() {
    Subarches.Subarch x86 = Subarches.get("x86").orElseThrow();
    assertNull(x86.commonFlags());
    assertNull(x86.chost());
    assertEquals(" -pipe -O2 -march=loongarch64 ",
        Subarches.get("loong").orElseThrow().commonFlags());
    assertEquals("aarch64-unknown-linux-gnu", Subarches.get("arm64").orElseThrow().chost());
    assertEquals(List.of("altivec", "ibm"), Subarches.get("power9le").orElseThrow().use());
    assertEquals("riscv64-gentoo-linux-musl",
        Subarches.get("rv64_lp64d_musl").orElseThrow().chost());
  }

  @Test
  void allSortedAndComplete() {
    List<String> all = Subarches.all();
    assertEquals(175, all.size());
    List<String> sorted = new ArrayList<>(all);
    sorted.sort(null);
    assertEquals(sorted, all);
    long perArch = all.stream().map(s -> Subarches.archOf(s).orElseThrow()).distinct().count();
    assertEquals(19, perArch, "tables: alpha amd64 arm arm64 hppa ia64 loong m68k mips mips64 ppc"
        + " ppc64 riscv s390 s390x sh sparc sparc64 x86");
  }
}
