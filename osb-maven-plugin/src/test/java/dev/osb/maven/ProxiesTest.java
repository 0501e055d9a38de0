package dev.osb.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProxiesTest {

  @Test
  void keepsProxiesSortedAndDropsUnsetOnes() {
    List<String> warnings = new ArrayList<>();
    Map<String, String> p = Proxies.of(Map.of("https_proxy", "http://proxy:3128", "no_proxy", "localhost",
        "http_proxy", "", "PATH", "/bin"), warnings::add);
    assertEquals(Map.of("https_proxy", "http://proxy:3128", "no_proxy", "localhost"), p);
    assertEquals(List.of("https_proxy", "no_proxy"), List.copyOf(p.keySet()));
    assertEquals(List.of(), warnings);
  }

  @Test
  void neverRendersCredentials() {
    List<String> warnings = new ArrayList<>();
    Map<String, String> p = Proxies.of(Map.of("http_proxy", "http://bob:s3cret@proxy:3128/"), warnings::add);
    assertEquals(Map.of(), p);
    assertEquals(1, warnings.size());
    assertTrue(warnings.get(0).startsWith("$http_proxy holds credentials"));
    assertTrue(warnings.stream().noneMatch(w -> w.contains("s3cret")));
    assertTrue(Proxies.hasCredentials("user@proxy:3128"));
    assertTrue(!Proxies.hasCredentials("http://proxy:3128/a@b"));
  }
}
