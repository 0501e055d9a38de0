package dev.osb.build;

/**
 * A seed cannot be used: its digest does not match {@code seed.sha512}, the server refused it,
 * every download attempt failed, or the file is missing. The message names the seed (a URL
 * without credentials, or a file), what was expected and found, and the fix; the Mojo reports it
 * as a build failure the user can act on.
 */
public final class SeedException extends Exception {

  private static final long serialVersionUID = 1L;

  public SeedException(String message) {
    super(message);
  }

  public SeedException(String message, Throwable cause) {
    super(message, cause);
  }
}
