package dev.osb.plan;

/**
 * The fixed layout inside every runner. Specs, catalyst.conf and scripts are rendered against
 * these paths, so the rendered files are the same on every machine and in release:perform.
 */
public final class Layout {

  private Layout() {}

  /** The project checkout, mounted read-only. */
  public static final String PROJECT = "/osb/project";

  /** The rendered tree ({@code target/osb}), mounted read-only. */
  public static final String OUT = "/osb/out";

  /**
   * Root-owned, mode-normalised copies the runner makes inside the container before catalyst
   * starts: the portage trees and root overlays (catalyst's {@code rsync -a} would otherwise
   * give {@code /} and {@code /etc} the invoking user's uid), and git overlays checked out at
   * their pinned commit.
   */
  public static final String INPUT = "/osb/input";

  /** Secrets, one file per name, mounted read-only at build time; never in the rendered tree. */
  public static final String SECRETS = "/osb/secrets";

  /** catalyst's storedir: builds, tmp, packages, snapshots, kerncache. */
  public static final String STORE = "/var/tmp/catalyst";

  /** catalyst's distdir. */
  public static final String DISTFILES = "/var/cache/distfiles";

  /** Where seeds live below {@code STORE/builds}: shared by every project, keyed by file name. */
  public static final String SEEDS = "osb-seeds";

  /** The portage_prefix of every build: build-only settings go below this name. */
  public static final String PREFIX = "osb-build";

  public static String project(String relative) {
    return PROJECT + "/" + relative;
  }

  public static String out(String relative) {
    return OUT + "/" + relative;
  }

  public static String input(String relative) {
    return INPUT + "/" + relative;
  }
}
