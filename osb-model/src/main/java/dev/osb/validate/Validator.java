package dev.osb.validate;

import dev.osb.load.ConfigLoader;
import dev.osb.load.Inputs;
import dev.osb.load.Interpolator;
import dev.osb.load.LoadException;
import dev.osb.load.MapNode;
import dev.osb.model.OsConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The entry point of the os.yaml language: load (with extends), interpolate, bind and validate.
 * It never throws for bad input; every problem comes back in the {@link Result}, all at once.
 */
public final class Validator {

  private Validator() {}

  public static Result validate(Path osYaml, Inputs inputs) {
    ConfigLoader.Loaded loaded;
    try {
      loaded = ConfigLoader.load(osYaml, inputs.projectRoot());
    } catch (LoadException e) {
      return new Result(null, e.problems(), List.of(osYaml), null);
    }
    List<Problem> problems = new ArrayList<>();
    MapNode tree = Interpolator.apply(loaded.tree(), inputs, problems);
    OsConfig config = Binder.bind(tree, osYaml.toAbsolutePath().normalize(), inputs, problems);
    boolean failed = problems.stream().anyMatch(Problem::isError);
    return new Result(failed ? null : config, problems, loaded.files(), tree);
  }
}
