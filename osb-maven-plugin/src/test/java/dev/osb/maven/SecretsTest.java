package dev.osb.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SecretsTest {

  @Test
  void envVariableNameIsUpperCasedWithOtherCharactersAsUnderscore() {
    assertEquals("OSB_SECRET_ROOT_PASSWORD", Secrets.envVariable("root_password"));
    assertEquals("OSB_SECRET_MY_SERVER_TOKEN_2", Secrets.envVariable("my.server-token.2"));
  }

  @Test
  void settingsServerPasswordComesFirst() {
    Secrets secrets = new Secrets(
        id -> id.equals("registry") ? Optional.of("from-settings") : Optional.empty(),
        Map.of("OSB_SECRET_REGISTRY", "from-env", "OSB_SECRET_OTHER", "other-env"));
    assertEquals(Optional.of("from-settings"), secrets.apply("registry"));
    assertEquals(Optional.of("other-env"), secrets.apply("other"));
  }

  @Test
  void unknownSecretIsEmpty() {
    Secrets secrets = new Secrets(id -> Optional.empty(), Map.of("ROOT", "not-a-secret-variable"));
    assertEquals(Optional.empty(), secrets.apply("root"));
  }
}
