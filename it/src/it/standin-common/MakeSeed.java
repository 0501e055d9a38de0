import dev.osb.build.standin.StandInSeed;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Builds the TEST STAND-IN's fake stage3 seed: {@code java -cp <stand-in classes> MakeSeed.java
 * ROOT TARBALL}. The stand-in emerges nothing, so the seed already holds the world file the
 * stage4's emerge of os.yaml {@code packages} would leave, and the package's
 * entry in the installed-package database: the *-standin ITs' os.yaml files list exactly
 * {@code packages: [app-misc/hello]}. Run by {@code setup.groovy}.
 */
public class MakeSeed {
  public static void main(String[] args) throws Exception {
    Path root = Path.of(args[0]);
    Files.createDirectories(root.resolve("var/lib/portage"));
    Files.writeString(root.resolve("var/lib/portage/world"), "app-misc/hello\n");
    Path pkg = root.resolve("var/db/pkg/app-misc/hello-2.12.1");
    Files.createDirectories(pkg);
    Files.writeString(pkg.resolve("CONTENTS"), "");
    StandInSeed.build(root, Path.of(args[1]));
  }
}
