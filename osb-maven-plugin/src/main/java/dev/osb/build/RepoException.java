package dev.osb.build;

/**
 * A git overlay cannot be put into the store: its name, commit or URL is not acceptable, the
 * commit cannot be fetched (unknown, not pushed, the repository unreachable), its
 * {@code profiles/repo_name} does not name it, or git archive failed. The message names the
 * os.yaml place of the repository, its name, its URL without credentials, the commit, what git
 * said and what to check.
 */
public final class RepoException extends Exception {

  private static final long serialVersionUID = 1L;

  public RepoException(String message) {
    super(message);
  }
}
