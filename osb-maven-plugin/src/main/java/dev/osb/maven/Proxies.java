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

  /**
   * The proxy variables set (and not empty) in {@code env}, sorted by name. A proxy URL with
   * credentials ({@code user:password@host}) is left out, and {@code warn} is told why: the
   * envscript is a rendered file, and credentials are never written to one.
   */
  static Map<String, String> of(Map<String, String> env, java.util.function.Consumer<String> warn) {
    Map<String, String> out = new TreeMap<>();
    for (String name : NAMES) {
      String v = env.get(name);
      if (v == null || v.isBlank()) {
        continue;
      }
      if (hasCredentials(v)) {
        warn.accept("$" + name + " holds credentials; OSB does not write them into the rendered "
            + "envscript, so the build runs without this proxy. Use a proxy that needs no "
            + "credentials in the URL (e.g. an authenticating local relay).");
        continue;
      }
      out.put(name, v);
    }
    return out;
  }

  /** {@code scheme://user[:password]@host...}: an '@' in the authority. */
  static boolean hasCredentials(String url) {
    int start = url.indexOf("://");
    String rest = start < 0 ? url : url.substring(start + 3);
    int end = rest.indexOf('/');
    String authority = end < 0 ? rest : rest.substring(0, end);
    return authority.contains("@");
  }
}
