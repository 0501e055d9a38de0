package dev.osb.validate;

import static dev.osb.validate.GrammarAssert.assertInvalid;
import static dev.osb.validate.GrammarAssert.assertValid;
import static dev.osb.validate.GrammarAssert.bad;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Password hashes and ssh public keys. */
class GrammarSecretsTest {

  // real hashes of the password "secret", made with openssl passwd and libxcrypt
  static final String SHA512 = "$6$saltsalt$TVLlQcbpFVof5W3Yz4DTP6gRstiNuHwwTt6GLc1E5n0U0aDehy0S5knV8wiOQSpT0Y77vwPZN.Pq.H91p5hVO1";
  static final String SHA512_ROUNDS = "$6$rounds=5000$abcdefgh$ltjgWl6579NluT/Vi1nwEvcil.G5Nbc4NiXZaNGStk8PSwGfQv72N2CKPPrVACtLtip/cZ/1GM/O6IND4WQhG.";
  static final String SHA512_16 = "$6$abcdefghijklmnop$J/AWykHqo2Tx5UtavGnFc3ytI33la50JpzLTarSWVhkIXK6wOjNwwZjsrIw2UgmrER2EKrSHCeQyAINEEXAk1/";
  static final String SHA256 = "$5$abc$qsg6EHbUzHQzF1POlD7zUwBINSELQxypPaeDcZe6vH0";
  static final String YESCRYPT = "$y$j9T$F5Jx5fExrKuPp53xLKQ..1$GmcwIgvdUC9qLWcKCi6gklUa1dM3ziD43YxYNURLKy0";
  static final String YESCRYPT2 = "$y$jC5$/3E6GxXrPwzp8HMTMt1GT.$2eZ1OHbwt10u9mjoB6xlvD/HRAzXq9RCnvY8uyLxYp/";
  static final String BCRYPT = "$2b$12$abcdefghijklmnopqrstuuT1Iwu6o8Wx7BoOyIMHfgVJq6JO/IJhW";
  static final String MD5 = "$1$abc$iCQ2D3nhptRYi27fDYv2s1";

  @ParameterizedTest(name = "[{index}] {0}")
  @ValueSource(strings = {SHA512, SHA512_ROUNDS, SHA512_16, SHA256, YESCRYPT, YESCRYPT2, BCRYPT,
      "$2a$10$abcdefghijklmnopqrstuuT1Iwu6o8Wx7BoOyIMHfgVJq6JO/IJhW", "$2y$04$abcdefghijklmnopqrstuuT1Iwu6o8Wx7BoOyIMHfgVJq6JO/IJhW",
      "$5$rounds=999999999$abc$qsg6EHbUzHQzF1POlD7zUwBINSELQxypPaeDcZe6vH0",
      "!", "*", "!*", "!" + SHA512, "!" + YESCRYPT, "!" + BCRYPT})
  void validHashes(String s) {
    assertValid(Grammar::cryptHash, s);
  }

  static Stream<Arguments> invalidHashes() {
    String plaintext = "plaintext passwords are never accepted; store a crypt hash, e.g. from 'openssl passwd -6' "
        + "or 'mkpasswd -m sha-512'";
    return Stream.of(
        bad(null, "is empty"), bad("", "is empty"),
        bad("hunter2", plaintext),
        bad("correcthorsebatterystaple", plaintext),
        bad("$hunter2", plaintext),
        bad("abJnggxhB/yWI", plaintext),
        bad(MD5, "md5-crypt ($1$) is too weak; use sha-512 ($6$) or yescrypt ($y$)"),
        bad("!" + MD5, "after the lock mark '!': md5-crypt ($1$) is too weak"),
        bad("!hunter2", "'!' locks the account; what follows it must be a crypt hash"),
        bad("!!", "'!' locks the account"),
        bad("*" + SHA512, "'*' locks the account on its own; to lock an account and keep its hash, put '!' in front"),
        bad("$7$abc$def", "unsupported hash scheme; use sha-512 ($6$), sha-256 ($5$), yescrypt ($y$) or bcrypt ($2b$)"),
        bad("$gy$j9T$abc$def", "unsupported hash scheme"),
        bad("$$abc", "has no hash scheme between the first two '$'"),
        bad("$6$", "a sha-512 hash has the form $6$[rounds=N$]salt$hash"),
        bad("$6$saltsalt", "a sha-512 hash has the form"),
        bad("$6$a$b$c", "a sha-512 hash has the form"),
        bad("$6$$TVLlQcbpFVof5W3Yz4DTP6gRstiNuHwwTt6GLc1E5n0U0aDehy0S5knV8wiOQSpT0Y77vwPZN.Pq.H91p5hVO1", "the salt is empty"),
        bad("$6$abcdefghijklmnopq$J/AWykHqo2Tx5UtavGnFc3ytI33la50JpzLTarSWVhkIXK6wOjNwwZjsrIw2UgmrER2EKrSHCeQyAINEEXAk1/",
            "the salt is longer than 16 characters; sha-crypt would cut it"),
        bad("$6$sa-lt$TVLlQcbpFVof5W3Yz4DTP6gRstiNuHwwTt6GLc1E5n0U0aDehy0S5knV8wiOQSpT0Y77vwPZN.Pq.H91p5hVO1",
            "the salt has a character outside ./0-9A-Za-z"),
        bad(SHA512.substring(0, SHA512.length() - 1), "the hash part has 85 characters; a sha-512 hash has 86 (a truncated copy?)"),
        bad(SHA512 + "x", "has 87 characters"),
        bad(SHA512.replace('N', '-'), "the hash part has a character outside ./0-9A-Za-z"),
        bad("$6$rounds=05000$abcdefgh$ltjgWl6579NluT/Vi1nwEvcil.G5Nbc4NiXZaNGStk8PSwGfQv72N2CKPPrVACtLtip/cZ/1GM/O6IND4WQhG.",
            "rounds=N must be a number from 1000 to 999999999, without leading zeros"),
        bad("$6$rounds=999$abcdefgh$ltjgWl6579NluT/Vi1nwEvcil.G5Nbc4NiXZaNGStk8PSwGfQv72N2CKPPrVACtLtip/cZ/1GM/O6IND4WQhG.",
            "rounds=N must be a number from 1000"),
        bad("$6$rounds=x$abcdefgh$ltjgWl6579NluT/Vi1nwEvcil.G5Nbc4NiXZaNGStk8PSwGfQv72N2CKPPrVACtLtip/cZ/1GM/O6IND4WQhG.",
            "rounds=N must be a number"),
        bad("$6$rounds=5000", "a sha-512 hash has the form"),
        bad("$5$abc$qsg6EHbUzHQzF1POlD7zUwBINSELQxypPaeDcZe6vH", "a sha-256 hash has 43"),
        bad("$y$j9T$F5Jx5fExrKuPp53xLKQ..1", "a yescrypt hash has the form $y$params$salt$hash"),
        bad("$y$$F5Jx5fExrKuPp53xLKQ..1$GmcwIgvdUC9qLWcKCi6gklUa1dM3ziD43YxYNURLKy0", "the yescrypt parameters (e.g. j9T) are missing"),
        bad("$y$j9T$$GmcwIgvdUC9qLWcKCi6gklUa1dM3ziD43YxYNURLKy0", "the salt is empty"),
        bad("$y$j9T$F5Jx5fExrKuPp53xLKQ..1$GmcwIgvdUC9qLWcKCi6gklUa1dM3ziD43YxYNURLKy", "a yescrypt hash has 43"),
        bad("$y$j-T$F5Jx5fExrKuPp53xLKQ..1$GmcwIgvdUC9qLWcKCi6gklUa1dM3ziD43YxYNURLKy0", "parameters"),
        bad("$2b$1$abcdefghijklmnopqrstuuT1Iwu6o8Wx7BoOyIMHfgVJq6JO/IJhW", "a bcrypt hash has the form $2b$NN$"),
        bad("$2b$03$abcdefghijklmnopqrstuuT1Iwu6o8Wx7BoOyIMHfgVJq6JO/IJhW", "the bcrypt cost is two digits from 04 to 31"),
        bad("$2b$32$abcdefghijklmnopqrstuuT1Iwu6o8Wx7BoOyIMHfgVJq6JO/IJhW", "from 04 to 31"),
        bad("$2b$12$abcdefghijklmnopqrstuuT1Iwu6o8Wx7BoOyIMHfgVJq6JO/IJh", "a bcrypt hash has 53"),
        bad("$2$12$abcdefghijklmnopqrstuuT1Iwu6o8Wx7BoOyIMHfgVJq6JO/IJhW", "unsupported hash scheme"),
        // injection attempts: reasons name the character class, never the content
        bad(SHA512 + "\n", "contains a newline; a crypt hash is one word of printable ASCII"),
        bad(SHA512 + " x", "contains a space"),
        bad("$6$salt$x'; reboot; '", "contains a space"),
        bad("$6$salt$`reboot`", "the hash part has"),
        bad("$6$salt$$(reboot)", "a sha-512 hash has the form"),
        bad("$6$sa#lt$TVLlQcbpFVof5W3Yz4DTP6gRstiNuHwwTt6GLc1E5n0U0aDehy0S5knV8wiOQSpT0Y77vwPZN.Pq.H91p5hVO1", "the salt has a character outside"),
        bad("$6$sa%lt$x", "the salt has a character outside"),
        bad("$6$salt$a;b|c&d", "the hash part has"),
        bad("$6$salt$\"x\"", "the hash part has"),
        bad(SHA512 + "\u0000", "contains a NUL character"),
        bad("p\u00e4ss", "contains a non-ASCII character"),
        bad("$".repeat(1025), "is too long"));
  }

  @ParameterizedTest(name = "[{index}] {0} -> {1}")
  @MethodSource
  void invalidHashes(String s, String fragment) {
    assertInvalid(Grammar::cryptHash, s, fragment);
  }

  @Test
  void hashReasonsNeverEchoTheSecret() {
    for (String s : new String[] {"hunter2", "!hunter2", "$6$salt$hunter2", "$y$j9T$hunter2$x", "$2b$12$hunter2"}) {
      String r = Grammar.cryptHash(s);
      assertNotNull(r);
      org.junit.jupiter.api.Assertions.assertFalse(r.contains("hunter2"), r);
    }
  }

  // ------------------------------------------------------------------ ssh keys (generated with ssh-keygen)

  static final String ED25519 = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHKzb40TT6JJ420dCsquN3AZ4eaMXaG3kQ5O/ywKpqVY test@osb";
  static final String RSA3072 = "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABgQC4PetSeqd2QHEYIYfIkJG1reQWB1omFpPFDESpEhHmXslvMA21kgYEPBksfnT2IOHoiW9FWZ4pCG2OuI+MJqjXgUfnemcHGV9qFaWkHWm7tsiweVRIkzFqP3IELyl47VwOTi6YQsJyAHs1UaXsIPkO+MjRSWAR2Qoonkq9v+rUKFYLDv2TY85ExCiqRKSBSwFvlNJ+PzHlUvhM/i77XOmx3M8JvE/iDKEUgKOUnvmI3a8K7+PoDiG5cHcFCTGMpSmci96QR89BZBsbnfKSOb1W7bTU5SolQ+LqbjaroOu1APZ210ffcDRSDnNlcCMSvWoe25GfzV2obWSGs6NvkYXzm9fdTa3z3w49I9EV8C1EgZ/3WDrFZKgSKe8s56ii3kqocgb5MnbqSjZNVo4Luo+C2GGoqOxCpKJ4vpmD8rgTWAgDxSN2nClpPBlKGYdhe5pDfON716iVEzc7XQbIkTx7oatjnfN9SOcKknBCJOZjSjUlrIYz1l845EEFnOm+dTM= test@osb";
  static final String RSA1024 = "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAAAgQC2VpTWzRXEWLCc2zJxpXhDU/pWRr1a0NLGniA2btTxuVdNKVYPXbh7gnO/o5qEHzWwi/RSQjRLLxEuHFsibsaPWdx+/gX089HHjjCdQ8wv1AJZQGgJmns6xV4rMVSIfSXZltjUT1C5WRlfFlANdhPh0rWIE2wQbXPhk/mg2M54pw== test@osb";
  static final String ECDSA256 = "ecdsa-sha2-nistp256 AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYAAABBBHQ5H0IiTbXcCYtqhmv6SZQIVc+VcDI1G1abZJzjRK5Th1iKXKJaRwS+St2jkAsJ3LSNPScqk2iOLXcW/lMQdl0= test@osb";
  static final String ECDSA384 = "ecdsa-sha2-nistp384 AAAAE2VjZHNhLXNoYTItbmlzdHAzODQAAAAIbmlzdHAzODQAAABhBA1L6q2QlimLN0sru44JcQU9MFfUJHvm3AWHQykK4h2FxOq0F1NKIc9smTaOYrwJlDwClmz76tU6f3gz+Yi4SlvtX0Z4F0ulrptjal30kzc67RfH9/2PnjuhvwiXN3iang== test@osb";
  static final String ECDSA521 = "ecdsa-sha2-nistp521 AAAAE2VjZHNhLXNoYTItbmlzdHA1MjEAAAAIbmlzdHA1MjEAAACFBAEA3QlLHwS6ka0NapU9zS4SiobVO644fuiVNFF43ln1HKlzGApdGXVmwwGN9poLngXDHp35asd60yN/pZC95XUF8QFNVhGtDBqabjv4C/5bez9GWMBjLoq0XEns5cZ+0PWqE9hTzLMgMMnHostDBPzlY11pX/wwJRrH0Xjk4W2gLX0rpA== test@osb";
  static final String DSA = "ssh-dss AAAAB3NzaC1kc3MAAACBAISWlQ4gTcLDyCoGBPT4aEQ9OPaPOD5xTlHttKVTO9VAlFnmGc2usNqiQKg2AaF+J7MxdLz4D2DR+1D13W8kGnLi84vyQJGqRImEGFGwcrG65as16mjL1TiKy0kQqfRps2B7ENZITkJpSKzxVOiPEAgMjBxKUqsjYmwHu6v73JITAAAAFQCGBZ/9/Hy7VDfZsRLEQ8VIFjG73wAAAIBzbONQsVeQSspoUsiFWmuJIq0qpjdoIU676FKrn3u6eUD5/erwpFYX4n0HYqAINwd1Pq/ogaEvgLZsLW5WRwm3kevMOCQ9I0bLbZQ4H1QkvOy3ayJ3SdSzQnw+KMKjjq6Oej/ECM+DG+3K6D21hx9Td836G1PiZg7hmwE4fqgP+gAAAIAraLlrzHBVQVpj4bDEE1euFYXZyRPmpYvn7R5Wn3Rmk0MqEkSWf7oTpFrM0V8t4njOy6+Pl/XapwEemS72e1VETCItsqws8QsGJFft8jbZhQSroPOzUiTYtFN0k2gIp72OKArn8OUpskts6Uw8sZxa/tldsT6Py73HvBdVIMkRJA== test@osb";

  static final String ED25519_B64 = ED25519.split(" ")[1];

  /** Builds an OpenSSH key blob: length-prefixed strings. */
  static String blob(byte[]... fields) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] f : fields) {
      out.writeBytes(ByteBuffer.allocate(4).putInt(f.length).array());
      out.writeBytes(f);
    }
    return Base64.getEncoder().encodeToString(out.toByteArray());
  }

  static byte[] str(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  static byte[] point(int coord) {
    byte[] q = new byte[1 + 2 * coord];
    q[0] = 4;
    q[5] = 7;
    return q;
  }

  static final String SK_ED25519 = "sk-ssh-ed25519@openssh.com "
      + blob(str("sk-ssh-ed25519@openssh.com"), new byte[32], str("ssh:")) + " yubikey";
  static final String SK_ECDSA = "sk-ecdsa-sha2-nistp256@openssh.com "
      + blob(str("sk-ecdsa-sha2-nistp256@openssh.com"), str("nistp256"), point(32), str("ssh:"));

  @Test
  void validSecurityKeys() {
    assertValid(Grammar::sshPublicKey, SK_ED25519);
    assertValid(Grammar::sshPublicKey, SK_ECDSA);
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @ValueSource(strings = {ED25519, RSA3072, ECDSA256, ECDSA384, ECDSA521,
      "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHKzb40TT6JJ420dCsquN3AZ4eaMXaG3kQ5O/ywKpqVY",
      "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHKzb40TT6JJ420dCsquN3AZ4eaMXaG3kQ5O/ywKpqVY Jos\u00e9's laptop (work) #1",
      "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHKzb40TT6JJ420dCsquN3AZ4eaMXaG3kQ5O/ywKpqVY  two  spaces"})
  void validSshKeys(String s) {
    assertValid(Grammar::sshPublicKey, s);
  }

  static Stream<Arguments> invalidSshKeys() {
    return Stream.of(
        bad(null, "is empty"), bad("", "is empty"),
        bad("-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ\n-----END OPENSSH PRIVATE KEY-----",
            "looks like a private key; give the public key: the one line of the .pub file"),
        bad("-----BEGIN RSA PRIVATE KEY-----", "looks like a private key"),
        bad("PuTTY-User-Key-File-3: ssh-ed25519", "looks like a private key"),
        bad("---- BEGIN SSH2 PUBLIC KEY ----", "RFC 4716 (SSH2) format; convert it with 'ssh-keygen -i -f <file>'"),
        bad(DSA, "ssh-dss (DSA) keys are disabled in OpenSSH; use ssh-ed25519"),
        bad(RSA1024, "an RSA key of 1024 bits is too weak; use at least 2048 bits, or better ssh-ed25519"),
        bad("from=\"10.0.0.0/8\" " + ED25519, "key options (from=, command=, no-pty, ...) are not supported"),
        bad("no-pty " + ED25519, "key options"),
        bad("restrict,command=\"x\" " + ED25519, "key options"),
        bad("command=\"reboot\" " + ED25519, "key options"),
        bad(ED25519_B64 + " test", "starts with the key data; the key type (e.g. ssh-ed25519) must come first"),
        bad("ssh-ed25519-cert-v01@openssh.com AAAA", "certificates are not supported"),
        bad("ssh-foo AAAA", "unknown key type; use ssh-ed25519, ssh-rsa"),
        bad("ssh-ed25519", "has no key data after the key type"),
        bad("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHKzb40TT6JJ420dCsquN3AZ4eaMXaG3kQ5O/ywKpq", "truncated or damaged"),
        bad("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHKzb40TT6JJ420dCsquN3AZ4eaMXaG3kQ5O/ywKpqVY=x", "not valid base64"),
        bad("ssh-ed25519 AAAA*bad", "the key data is not base64"),
        bad("ssh-rsa " + ED25519_B64, "the key data is a ssh-ed25519 key, not ssh-rsa; fix the type in front"),
        bad("ssh-ed25519 " + blob(str("garbage")), "the key data does not start with its key type"),
        bad("ssh-ed25519 " + blob(str("ssh-ed25519"), new byte[31]), "truncated or damaged"),
        bad("ssh-ed25519 " + blob(str("ssh-ed25519"), new byte[32], new byte[1]), "truncated or damaged"),
        bad("ecdsa-sha2-nistp256 " + blob(str("ecdsa-sha2-nistp256"), str("nistp384"), point(32)), "truncated or damaged"),
        bad("ecdsa-sha2-nistp384 " + blob(str("ecdsa-sha2-nistp384"), str("nistp384"), point(32)), "truncated or damaged"),
        bad("ssh-ed25519 AAAA", "truncated or damaged"),
        bad(" " + ED25519, "starts with a space"),
        bad(ED25519 + " ", "ends with a space"),
        // injection attempts
        bad(ED25519 + "\n" + ED25519, "contains a line break; give one key per list item, on one line"),
        bad(ED25519 + "\n", "contains a line break"),
        bad(ED25519 + "\r", "contains a line break"),
        bad("ssh-ed25519\t" + ED25519_B64, "contains a tab; separate the fields with spaces"),
        bad(ED25519 + "\u0000", "contains a NUL character"),
        bad(ED25519 + "\u001b[2J", "contains a control character (U+001B)"),
        bad(ED25519 + "\u202e", "contains a non-ASCII character (U+202E)"),
        bad(ED25519 + "\u2028", "contains a non-ASCII character (U+2028)"),
        bad("ssh-ed25519 $(reboot)", "the key data is not base64"),
        bad("ssh-ed25519 `reboot`", "the key data is not base64"),
        bad("ssh-ed25519;reboot " + ED25519_B64, "unknown key type"),
        bad("ssh-ed25519 " + ED25519_B64 + ";reboot", "the key data is not base64"),
        bad("ssh-ed25519 AAAA#x", "the key data is not base64"),
        bad("ssh-ed25519 AAAA%x", "the key data is not base64"),
        bad("ssh-ed25519 AA|AA", "the key data is not base64"),
        bad("ssh-ed25519 AA&AA", "the key data is not base64"),
        bad("ssh-ed25519 'AAAA'", "the key data is not base64"),
        bad("x".repeat(16385), "is too long"));
  }

  @ParameterizedTest(name = "[{index}] {0} -> {1}")
  @MethodSource
  void invalidSshKeys(String s, String fragment) {
    assertInvalid(Grammar::sshPublicKey, s, fragment);
  }

  @Test
  void commentMayHoldPrintableText() {
    // the comment reaches the fsscript single-quoted; the grammar only keeps it on one printable line
    assertNull(Grammar.sshPublicKey(ED25519 + " it's $HOME; `x` | y & \"z\""));
  }
}
