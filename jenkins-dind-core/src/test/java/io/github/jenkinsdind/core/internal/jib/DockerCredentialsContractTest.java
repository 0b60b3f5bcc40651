package io.github.jenkinsdind.core.internal.jib;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.cloud.tools.jib.api.Credential;
import com.google.cloud.tools.jib.api.CredentialRetriever;
import com.google.cloud.tools.jib.api.ImageReference;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the core relies on from jib-core's {@code CredentialRetrieverFactory}, through {@link
 * DockerCredentials}, with Docker configuration files written here: a jib-core upgrade that reads
 * them differently fails these tests.
 */
class DockerCredentialsContractTest {
  @TempDir Path dir;
  private final List<String> log = new ArrayList<>();

  private static String auth(String user, String password) {
    return Base64.getEncoder()
        .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  private Path write(String name, String json) throws Exception {
    Path file = dir.resolve(name);
    Files.writeString(file, json);
    return file;
  }

  @Test
  void findsTheAuthsEntryOfTheRegistryInAConfigJson() throws Exception {
    Path config =
        write(
            "config.json",
            """
            {"auths": {
              "registry.example.com:5000": {"auth": "%s"},
              "other.example.com": {"auth": "%s"}}}"""
                .formatted(auth("alice", "s3cret"), auth("bob", "other")));

    Optional<Credential> found =
        DockerCredentials.forImage(
                ImageReference.parse("registry.example.com:5000/team/app:1"), log::add)
            .dockerConfig(config);

    assertThat(found).contains(Credential.from("alice", "s3cret"));
    assertThat(log).noneMatch(line -> line.contains("s3cret"));
  }

  @Test
  void findsDockerHubUnderItsIndexUrl() throws Exception {
    Path config =
        write(
            "config.json",
            """
            {"auths": {"https://index.docker.io/v1/": {"auth": "%s"}}}"""
                .formatted(auth("hubuser", "hubpass")));

    assertThat(
            DockerCredentials.forImage(ImageReference.parse("jenkins/jenkins:lts"), log::add)
                .dockerConfig(config))
        .contains(Credential.from("hubuser", "hubpass"));
  }

  @Test
  void aMissingFileOrAnotherRegistryGivesNothing() throws Exception {
    Path config =
        write(
            "config.json",
            """
            {"auths": {"other.example.com": {"auth": "%s"}}}"""
                .formatted(auth("bob", "other")));
    DockerCredentials lookup =
        DockerCredentials.forImage(ImageReference.parse("registry.example.com/app"), log::add);

    assertThat(lookup.dockerConfig(config)).isEmpty();
    assertThat(lookup.dockerConfig(dir.resolve("missing.json"))).isEmpty();
    assertThat(lookup.legacyDockerConfig(dir.resolve(".dockercfg"))).isEmpty();
  }

  @Test
  void findsTheRegistryInALegacyDockercfg() throws Exception {
    Path legacy =
        write(
            ".dockercfg",
            """
            {"registry.example.com": {"auth": "%s", "email": "a@example.com"}}"""
                .formatted(auth("carol", "legacy")));

    assertThat(
            DockerCredentials.forImage(ImageReference.parse("registry.example.com/app"), log::add)
                .legacyDockerConfig(legacy))
        .contains(Credential.from("carol", "legacy"));
  }

  @Test
  void aCredentialHelperThatIsNotInstalledGivesNothingRatherThanAFailure() throws Exception {
    Path config =
        write(
            "config.json",
            """
            {"credHelpers": {"registry.example.com": "jenkins-dind-no-such-helper"}}""");
    DockerCredentials lookup =
        DockerCredentials.forImage(ImageReference.parse("registry.example.com/app"), log::add);

    assertThat(lookup.dockerConfig(config)).isEmpty();
  }

  @Test
  void theRetrieverGivesWhatTheLookupFinds() throws Exception {
    Path config =
        write(
            "config.json",
            """
            {"auths": {"registry.example.com": {"auth": "%s"}}}"""
                .formatted(auth("dave", "pw")));
    DockerCredentials lookup =
        DockerCredentials.forImage(ImageReference.parse("registry.example.com/app"), log::add);

    CredentialRetriever retriever = DockerCredentials.retriever(() -> lookup.dockerConfig(config));

    assertThat(retriever.retrieve()).contains(Credential.from("dave", "pw"));
    assertThat(DockerCredentials.retriever(Optional::empty).retrieve()).isEmpty();
  }
}
