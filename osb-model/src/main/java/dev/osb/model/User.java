package dev.osb.model;

import dev.osb.load.Location;
import java.util.List;

/**
 * An account the generated fsscript creates or updates (root included).
 *
 * @param uid null for the next free id
 * @param passwordHash a crypt hash or a locked form; null leaves the password as it is
 * @param passwordSecret the {@code ${secret:NAME}} the hash came from, or null
 */
public record User(
    String name,
    Integer uid,
    List<String> groups,
    String shell,
    String home,
    String comment,
    String passwordHash,
    String passwordSecret,
    List<String> sshAuthorizedKeys,
    Location location) {

  public User {
    groups = List.copyOf(groups);
    sshAuthorizedKeys = List.copyOf(sshAuthorizedKeys);
  }
}
