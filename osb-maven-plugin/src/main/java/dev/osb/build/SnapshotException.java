package dev.osb.build;

/**
 * The ::gentoo snapshot cannot be made: the commit cannot be fetched, its signature does not
 * verify against the trusted keys, the treeish or repository URL is not acceptable, or
 * {@code tar2sqfs} is missing. The message names the commit, the repository (without
 * credentials) and what git or gpg said.
 */
public final class SnapshotException extends Exception {

  private static final long serialVersionUID = 1L;

  public SnapshotException(String message) {
    super(message);
  }

  public SnapshotException(String message, Throwable cause) {
    super(message, cause);
  }
}
