package dev.osb.maven;

/**
 * Every {@code osb.*} user property, in one place: what users pass as {@code -Dosb.NAME=...} and
 * what the Mojo parameters read. A test checks that every property in the generated plugin
 * descriptor is declared here.
 */
public final class PropertyNames {

  private PropertyNames() {}

  /** Skips every OSB goal ({@code <skip>}). */
  public static final String SKIP = "osb.skip";

  /** The os.yaml to read ({@code <osYaml>}); default {@code ${project.basedir}/os.yaml}. */
  public static final String OS_YAML = "osb.osYaml";

  /** Where generated files go ({@code <outputDirectory>}); default {@code target/osb}. */
  public static final String OUTPUT_DIRECTORY = "osb.outputDirectory";

  /**
   * A directory of templates that override OSB's by file name ({@code <templateDirectory>});
   * default {@code src/main/osb/templates}.
   */
  public static final String TEMPLATE_DIRECTORY = "osb.templateDirectory";

  /** Makes warnings fail the build ({@code <failOnWarning>}); default false. */
  public static final String FAIL_ON_WARNING = "osb.failOnWarning";
}
