package io.github.jenkinsdind.maven;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.jenkinsdind.core.api.Credential;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.crypto.DefaultSettingsDecrypter;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sonatype.plexus.components.cipher.DefaultPlexusCipher;
import org.sonatype.plexus.components.sec.dispatcher.DefaultSecDispatcher;

/** Credentials from settings.xml servers, decrypted by Maven's real decrypter. */
class SettingsCredentialsTest {
  private static final String MASTER = "master-password-of-the-test";

  @TempDir Path directory;

  private final List<String> warnings = new ArrayList<>();

  private static Server server(String id, String username, String password) {
    Server server = new Server();
    server.setId(id);
    server.setUsername(username);
    server.setPassword(password);
    return server;
  }

  /** Maven's decrypter, reading the master password from a settings-security.xml of its own. */
  private SettingsDecrypter decrypter(DefaultPlexusCipher cipher) throws Exception {
    Path security = directory.resolve("settings-security.xml");
    Files.writeString(
        security,
        "<settingsSecurity><master>"
            + cipher.encryptAndDecorate(MASTER, "settings.security")
            + "</master></settingsSecurity>\n");
    return new DefaultSettingsDecrypter(
        new DefaultSecDispatcher(cipher, Map.of(), security.toString()));
  }

  @Test
  void serverWhoseIdIsTheRegistryHostGivesItsCredential() throws Exception {
    DefaultPlexusCipher cipher = new DefaultPlexusCipher();
    SettingsCredentials credentials =
        new SettingsCredentials(
            List.of(
                server("other:5001", "someone", "else"),
                server("127.0.0.1:5001", "jenkinsdind", "plain-secret")),
            decrypter(cipher),
            warnings::add);

    assertThat(credentials.credentialFor("127.0.0.1:5001"))
        .contains(new Credential("jenkinsdind", "plain-secret"));
    assertThat(credentials.credentialFor("127.0.0.1")).isEmpty();
    assertThat(credentials.credentialFor("registry.example.com")).isEmpty();
    assertThat(warnings).isEmpty();
  }

  @Test
  void encryptedPasswordIsDecrypted() throws Exception {
    DefaultPlexusCipher cipher = new DefaultPlexusCipher();
    String encrypted = cipher.encryptAndDecorate("the-real-secret", MASTER);
    SettingsCredentials credentials =
        new SettingsCredentials(
            List.of(server("registry.example.com", "ci", encrypted)),
            decrypter(cipher),
            warnings::add);

    assertThat(encrypted).startsWith("{").doesNotContain("the-real-secret");
    assertThat(credentials.credentialFor("registry.example.com"))
        .contains(new Credential("ci", "the-real-secret"));
    assertThat(warnings).isEmpty();
  }

  @Test
  void undecryptablePasswordIsReportedOnceWithoutShowingIt() throws Exception {
    DefaultPlexusCipher cipher = new DefaultPlexusCipher();
    // encrypted under another master password: with a random salt, about one in 256 of such values
    // happens to decrypt (to garbage) under the test's master, with no error to report; take one
    // that does not, as a real wrong password almost always is
    String encrypted;
    do {
      encrypted = cipher.encryptAndDecorate("the-real-secret", "another master password");
    } while (decrypts(cipher, encrypted));
    SettingsCredentials credentials =
        new SettingsCredentials(
            List.of(server("registry.example.com", "ci", encrypted)),
            decrypter(cipher),
            warnings::add);

    credentials.credentialFor("registry.example.com");
    credentials.credentialFor("registry.example.com");

    assertThat(warnings).hasSize(1);
    assertThat(warnings.get(0))
        .contains("registry.example.com", "settings.xml")
        .doesNotContain("the-real-secret")
        .doesNotContain(encrypted);
  }

  @Test
  void dockerHubMatchesAnyOfItsNames() throws Exception {
    SettingsCredentials credentials =
        new SettingsCredentials(
            List.of(server("docker.io", "hubuser", "token")),
            decrypter(new DefaultPlexusCipher()),
            warnings::add);

    assertThat(credentials.credentialFor("registry-1.docker.io"))
        .contains(new Credential("hubuser", "token"));
    assertThat(credentials.credentialFor("index.docker.io"))
        .contains(new Credential("hubuser", "token"));
  }

  @Test
  void serverWithoutUsernameIsSkippedWithAWarning() throws Exception {
    SettingsCredentials credentials =
        new SettingsCredentials(
            List.of(server("registry.example.com", null, "token")),
            decrypter(new DefaultPlexusCipher()),
            warnings::add);

    assertThat(credentials.credentialFor("registry.example.com")).isEmpty();
    assertThat(warnings).singleElement().asString().contains("<username>", "registry.example.com");
  }

  private static boolean decrypts(DefaultPlexusCipher cipher, String encrypted) {
    try {
      cipher.decryptDecorated(encrypted, MASTER);
      return true;
    } catch (Exception e) {
      return false;
    }
  }
}
