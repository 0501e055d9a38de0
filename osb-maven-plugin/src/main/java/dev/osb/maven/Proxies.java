package dev.osb.maven;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The proxy settings of the environment Maven runs in. Catalyst scrubs the environment of its
 * chroot, so OSB carries them into the generated envscript.
 */
final class Proxies {

  static final List<String> NAMES = List.of("http_proxy", "https_proxy", "ftp_proxy", "no_proxy",
      "HTTP_PROXY", "HTTPS_PROXY", "FTP_PROXY", "NO_PROXY");

  private Proxies() {}

  /** The proxy variables set (and not empty) in {@code env}, sorted by name. */
  static Map<String, String> of(Map<String, String> env) {
    Map<String, String> out = new TreeMap<>();
    for (String name : NAMES) {
      String v = env.get(name);
      if (v != null && !v.isBlank()) {
        out.put(name, v);
      }
    }
    return out;
  }
}
