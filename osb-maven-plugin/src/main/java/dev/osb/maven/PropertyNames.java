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

  /** {@code osb:import}: the catalyst specs to read, files or directories, comma-separated. */
  public static final String IMPORT_SPECS = "osb.import.specs";

  /** {@code osb:import}: where the os.yaml and its files are written; default the current directory. */
  public static final String IMPORT_DIRECTORY = "osb.import.directory";

  /** {@code osb:import}: the local releng checkout that {@code @REPO_DIR@} names. */
  public static final String IMPORT_REPO_DIR = "osb.import.repoDir";

  /** {@code osb:import}: more host path mappings, {@code prefix=dir} comma-separated. */
  public static final String IMPORT_PATHS = "osb.import.paths";

  /** {@code osb:import}: the OS name of the os.yaml. */
  public static final String IMPORT_NAME = "osb.import.name";

  /** {@code osb:import}: the ::gentoo commit, for specs that say {@code @TREEISH@}. */
  public static final String IMPORT_TREEISH = "osb.import.treeish";

  /** {@code osb:import}: the value catalyst-auto stamped for {@code @TIMESTAMP@}. */
  public static final String IMPORT_TIMESTAMP = "osb.import.timestamp";

  /** {@code osb:import}: the value catalyst-auto stamped for {@code @DATESTAMP@}. */
  public static final String IMPORT_DATESTAMP = "osb.import.datestamp";

  /** {@code osb:import}: the value catalyst-auto stamped for {@code @REPO_DIR@}. */
  public static final String IMPORT_STAMPED_REPO_DIR = "osb.import.stampedRepoDir";

  /** {@code osb:import}: the seed's URL, for a first spec seeded from a -latest stage3. */
  public static final String IMPORT_SEED_URL = "osb.import.seedUrl";

  /** {@code osb:import}: the seed's sha512, with the URL. */
  public static final String IMPORT_SEED_SHA512 = "osb.import.seedSha512";

  /** {@code osb:import}: replace files that differ in the target directory. */
  public static final String IMPORT_OVERWRITE = "osb.import.overwrite";

  /** {@code osb:plan}: the catalyst store; default {@code ${user.home}/.osb/store}. */
  public static final String STORE = "osb.store";

  /** {@code osb:plan}: the distfiles cache; default {@code ${user.home}/.osb/distfiles}. */
  public static final String DISTFILES = "osb.distfiles";

  /** {@code osb:plan}: the runner, overriding os.yaml {@code build.runner}. */
  public static final String RUNNER = "osb.runner";

  /** {@code osb:verify}: the stage tarball to check. */
  public static final String VERIFY_TARBALL = "osb.verify.tarball";

  /** {@code osb:verify}: the build the tarball is the output of; default {@code stage4}. */
  public static final String VERIFY_BUILD = "osb.verify.build";

  /** {@code osb:build}: the catalyst image tag podman and docker run (required for them). */
  public static final String IMAGE = "osb.image";

  /** {@code osb:build}: how long one catalyst run may take, ISO-8601; default {@code PT12H}. */
  public static final String TIMEOUT = "osb.timeout";

  /** {@code osb:build}: rebuild every build, whatever the store holds. */
  public static final String FORCE = "osb.force";

  /** {@code osb:build}: build nothing (osb:package then attaches what the store holds). */
  public static final String BUILD_SKIP = "osb.build.skip";

  /** osb:build: the flags of podman/docker run. */
  public static final String CONTAINER_FLAGS = "osb.container.flags";

  /** osb:build: the OpenPGP key file the snapshot commit must be signed by. */
  public static final String SNAPSHOT_KEYS = "osb.snapshot.keys";

  /** osb:package: also build each shipped stage's OCI image and attach it as an oci-archive. */
  public static final String OCI = "osb.oci";

  /** osb:package: also attach stage1 and stage3 outputs. */
  public static final String PACKAGE_INTERMEDIATES = "osb.package.intermediates";
}
