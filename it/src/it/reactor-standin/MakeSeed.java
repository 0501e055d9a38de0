import dev.osb.build.standin.StandInSeed;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Builds the TEST STAND-IN's fake stage3 seed: {@code java -cp <stand-in classes> MakeSeed.java
 * ROOT TARBALL}. The stand-in emerges nothing, so the seed already holds the world file and the
 * installed-package entries the stage4s' emerges of os.yaml {@code packages} would leave: base's
 * app-misc/hello and derived's app-misc/screen.
 */
public class MakeSeed {
  public static void main(String[] args) throws Exception {
    Path root = Path.of(args[0]);
    Files.createDirectories(root.resolve("var/lib/portage"));
    Files.writeString(root.resolve("var/lib/portage/world"), "app-misc/hello\napp-misc/screen\n");
    for (String pkg : new String[] {"app-misc/hello-2.12.1", "app-misc/screen-5.0.0"}) {
      Path vdb = root.resolve("var/db/pkg/" + pkg);
      Files.createDirectories(vdb);
      Files.writeString(vdb.resolve("CONTENTS"), "");
    }
    StandInSeed.build(root, Path.of(args[1]));
  }
}
