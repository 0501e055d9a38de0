package dev.osb.templates;

import dev.osb.catalyst.KeyTables;
import dev.osb.plan.CatalystConf;

/**
 * A catalyst.conf as {@code catalyst.conf.ftl} prints it: every value is already a TOML
 * literal (strings escaped, {@code %} doubled because catalyst {@code %}-formats strings);
 * {@code loadAverage}, {@code distccHosts}, {@code envscript} and {@code repoOpenpgpKeyPath} are
 * null when not set, and then not printed (catalyst's defaults apply).
 *
 * @param name the file name in the rendered tree (not a TOML value)
 */
public record ConfView(
    String name,
    String options,
    String storedir,
    String distdir,
    String digests,
    String jobs,
    String loadAverage,
    String distccHosts,
    String envscript,
    String repoOpenpgpKeyPath) {

  /** Refuses an option catalyst does not know, a digest name that is not a word, jobs below 1. */
  public static ConfView of(CatalystConf c) {
    for (String o : c.options()) {
      if (!KeyTables.OPTIONS.contains(o)) {
        throw new IllegalArgumentException(c.name() + ": catalyst option '" + o + "' is not one of "
            + KeyTables.OPTIONS);
      }
    }
    for (String d : c.digests()) {
      if (!d.matches("[a-z0-9_]+")) {
        throw new IllegalArgumentException(c.name() + ": digest '" + d + "' is not a hashlib name");
      }
    }
    if (c.jobs() < 1) {
      throw new IllegalArgumentException(c.name() + ": jobs must be at least 1, not " + c.jobs());
    }
    return new ConfView(
        c.name(),
        Toml.array(c.options()),
        Toml.catalystString(c.storedir()),
        Toml.catalystString(c.distdir()),
        Toml.array(c.digests()),
        Integer.toString(c.jobs()),
        c.loadAverage() == null ? null : Toml.decimal(c.loadAverage()),
        c.distccHosts() == null ? null : Toml.catalystString(c.distccHosts()),
        c.envscript() == null ? null : Toml.catalystString(c.envscript()),
        c.repoOpenpgpKeyPath() == null ? null : Toml.catalystString(c.repoOpenpgpKeyPath()));
  }
}
