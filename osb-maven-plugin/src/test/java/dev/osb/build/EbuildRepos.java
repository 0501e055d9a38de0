package dev.osb.build;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Test material: the smallest ebuild repository the snapshot, overlay and runner tests commit. */
public final class EbuildRepos {

  private EbuildRepos() {}

  /**
   * Writes {@code profiles/repo_name}, {@code metadata/layout.conf} (masters: {@code masters}),
   * {@code app-misc/hello/hello-1.ebuild} and, with {@code script} non-null, the file
   * {@code app-misc/hello/files/hello.sh} with that unix mode into {@code dir}.
   */
  public static Path write(Path dir, String name, String masters, Integer script) throws IOException {
    Files.createDirectories(dir.resolve("profiles"));
    Files.writeString(dir.resolve("profiles/repo_name"), name + "\n");
    Files.createDirectories(dir.resolve("metadata"));
    Files.writeString(dir.resolve("metadata/layout.conf"), "masters =" + (masters.isEmpty() ? "" : " " + masters)
        + "\nthin-manifests = true\n");
    Files.createDirectories(dir.resolve("app-misc/hello"));
    Files.writeString(dir.resolve("app-misc/hello/hello-1.ebuild"), "EAPI=8\nSLOT=\"0\"\n");
    if (script != null) {
      Path s = Files.createDirectories(dir.resolve("app-misc/hello/files")).resolve("hello.sh");
      Files.writeString(s, "#!/bin/sh\necho hello\n");
      Files.setAttribute(s, "unix:mode", script);
    }
    return dir;
  }
}
