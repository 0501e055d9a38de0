import dev.osb.build.standin.StandInSeed;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the TEST STAND-IN's fake stage3 seed: {@code java -cp <stand-in classes> MakeSeed.java
 * ROOT TARBALL [CATEGORY/NAME-VERSION]...}. The stand-in emerges nothing, so the seed already
 * holds the world file the stage4s' emerges of os.yaml {@code packages} would leave, and the
 * packages' entries in the installed-package database: app-misc/hello-2.12.1 (the *-standin
 * ITs' os.yaml files list {@code packages: [app-misc/hello]}) and the packages given after the
 * tarball. Run by {@code setup.groovy}.
 */
public class MakeSeed {
  public static void main(String[] args) throws Exception {
    Path root = Path.of(args[0]);
    List<String> packages = new ArrayList<>(List.of("app-misc/hello-2.12.1"));
    packages.addAll(List.of(args).subList(2, args.length));
    StringBuilder world = new StringBuilder();
    for (String p : packages) {
      world.append(p.replaceFirst("-[0-9][^/]*$", "")).append('\n');
      Path vdb = root.resolve("var/db/pkg/" + p);
      Files.createDirectories(vdb);
      Files.writeString(vdb.resolve("CONTENTS"), "");
    }
    Files.createDirectories(root.resolve("var/lib/portage"));
    Files.writeString(root.resolve("var/lib/portage/world"), world.toString());
    StandInSeed.build(root, Path.of(args[1]));
  }
}
