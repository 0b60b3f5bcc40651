package io.github.jenkinsdind.core.internal.registry;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.cloud.tools.jib.api.Credential;
import com.google.cloud.tools.jib.api.ImageReference;
import io.github.jenkinsdind.core.api.CredentialProvider;
import io.github.jenkinsdind.core.api.Event;
import io.github.jenkinsdind.core.api.Setting;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegistryCredentialsTest {
  private static final String SECRET = "s3cret-Pa55";

  @TempDir Path dir;
  private final List<Event> events = Collections.synchronizedList(new ArrayList<>());

  private Path dockerConfig(String registry, String user, String password) throws Exception {
    String auth =
        Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    Path file = dir.resolve("config.json");
    Files.writeString(file, "{\"auths\":{\"" + registry + "\":{\"auth\":\"" + auth + "\"}}}");
    return file;
  }

  private RegistryCredentials credentials(CredentialProvider provider, Path... configs) {
    return new RegistryCredentials(provider, events::add, List.of(configs), List.of(), false);
  }

  @Test
  void readsDockerConfigJson() throws Exception {
    Path config = dockerConfig("127.0.0.1:5001", "docker-user", SECRET);
    ImageReference image = ImageReference.parse("127.0.0.1:5001/team/jenkins:lts");

    Optional<Credential> found =
        credentials(CredentialProvider.NONE, config).credentialFor(image, Setting.FROM);

    assertThat(found).contains(Credential.from("docker-user", SECRET));
    assertThat(credentials(CredentialProvider.NONE, config).retrieverFor(image).retrieve())
        .isEqualTo(found);
    assertThat(events).extracting(Event::toString).noneMatch(s -> s.contains(SECRET));
  }

  @Test
  void theCallersProviderComesFirst() throws Exception {
    Path config = dockerConfig("127.0.0.1:5001", "docker-user", "docker-password");
    CredentialProvider settings =
        registry ->
            registry.equals("127.0.0.1:5001")
                ? Optional.of(new io.github.jenkinsdind.core.api.Credential("maven-user", SECRET))
                : Optional.empty();

    Optional<Credential> found =
        credentials(settings, config)
            .credentialFor(ImageReference.parse("127.0.0.1:5001/x:1"), Setting.IMAGE);

    assertThat(found).contains(Credential.from("maven-user", SECRET));
    assertThat(events).extracting(Event::toString).noneMatch(s -> s.contains(SECRET));
  }

  @Test
  void dockerHubMatchesAnyOfItsNames() throws Exception {
    CredentialProvider settings =
        registry ->
            registry.equals("docker.io")
                ? Optional.of(new io.github.jenkinsdind.core.api.Credential("hub-user", SECRET))
                : Optional.empty();

    assertThat(
            credentials(settings)
                .credentialFor(ImageReference.parse("jenkins/jenkins:lts"), Setting.FROM))
        .contains(Credential.from("hub-user", SECRET));
  }

  @Test
  void anotherRegistryOrNoConfigFindsNothing() throws Exception {
    Path config = dockerConfig("127.0.0.1:5001", "docker-user", SECRET);
    ImageReference other = ImageReference.parse("127.0.0.1:5002/x:1");

    assertThat(credentials(CredentialProvider.NONE, config).credentialFor(other, Setting.FROM))
        .isEmpty();
    assertThat(
            credentials(CredentialProvider.NONE, dir.resolve("missing.json"))
                .credentialFor(other, Setting.FROM))
        .isEmpty();
  }

  @Test
  void dockerConfigEnvironmentComesBeforeTheHomeDirectory() {
    assertThat(
            RegistryCredentials.defaultDockerConfigFiles(
                Map.of("DOCKER_CONFIG", "/etc/dc"), "/home/u"))
        .containsExactly(Path.of("/etc/dc/config.json"), Path.of("/home/u/.docker/config.json"));
    assertThat(RegistryCredentials.defaultDockerConfigFiles(Map.of(), "/home/u"))
        .containsExactly(Path.of("/home/u/.docker/config.json"));
  }
}
