package dev.osb.maven;

import dev.osb.load.Interpolator;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Where {@code ${secret:NAME}} is read from: the password of the settings.xml {@code <server>}
 * whose id is NAME, else the environment variable {@code OSB_SECRET_<NAME>} (upper-cased, other
 * characters as {@code _}). Values are handed to the engine and never logged.
 */
final class Secrets implements Function<String, Optional<String>> {

  static final String ENV_PREFIX = "OSB_SECRET_";

  private final Function<String, Optional<String>> serverPasswords;
  private final Map<String, String> env;

  /**
   * @param serverPasswords the (decrypted) password of the server with that id, if any
   * @param env the process environment
   */
  Secrets(Function<String, Optional<String>> serverPasswords, Map<String, String> env) {
    this.serverPasswords = serverPasswords;
    this.env = env;
  }

  /** The environment variable a secret falls back to. */
  static String envVariable(String name) {
    return ENV_PREFIX + Interpolator.envName(name);
  }

  @Override
  public Optional<String> apply(String name) {
    Optional<String> server = serverPasswords.apply(name);
    if (server.isPresent()) {
      return server;
    }
    return Optional.ofNullable(env.get(envVariable(name)));
  }
}
