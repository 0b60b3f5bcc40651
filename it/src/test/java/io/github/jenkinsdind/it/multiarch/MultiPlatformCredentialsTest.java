package io.github.jenkinsdind.it.multiarch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.jenkinsdind.core.api.BuildRequest;
import io.github.jenkinsdind.core.api.BuildResult;
import io.github.jenkinsdind.core.api.Credential;
import io.github.jenkinsdind.core.api.DockerCli;
import io.github.jenkinsdind.core.api.Event;
import io.github.jenkinsdind.core.api.ImagePlatform;
import io.github.jenkinsdind.core.api.ImageTarget;
import io.github.jenkinsdind.core.api.JenkinsDind;
import io.github.jenkinsdind.core.api.RegistryAuthenticationException;
import io.github.jenkinsdind.it.support.Commands;
import io.github.jenkinsdind.it.support.DockerCliServer;
import io.github.jenkinsdind.it.support.JenkinsBaseImages;
import io.github.jenkinsdind.it.support.TestServices;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The multi-platform path keeps the registry promises of the one-platform path: each platform's
 * image and the index reach a registry that wants credentials over TLS (the services' TLS registry
 * with basic authentication), and a wrong password fails naming the registry, with no tag pushed
 * and the password nowhere in the events. Read back with skopeo, with the credentials.
 */
class MultiPlatformCredentialsTest {
  private static final List<ImagePlatform> PLATFORMS =
      List.of(ImagePlatform.LINUX_AMD64, new ImagePlatform("linux", "arm64"));

  private static TestServices services;
  private static DockerCliServer server;

  @TempDir Path temp;

  private final List<Event> events = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void start() {
    services = TestServices.get().requireRunning();
    server = DockerCliServer.start();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private BuildRequest request(String image, String password) {
    String registry = services.tlsRegistry();
    return BuildRequest.from(
            JenkinsBaseImages.inRegistry(JenkinsBaseImages.Variant.MULTI_PLATFORM).reference())
        .platforms(PLATFORMS)
        .dockerCli(
            DockerCli.download(DockerCliServer.VERSION).withUrlTemplate(server.urlTemplate()))
        .cliPlugins(List.of())
        .allowInsecureRegistries(true)
        .credentials(
            host ->
                host.equals(registry)
                    ? Optional.of(new Credential(services.registryUser(), password))
                    : Optional.empty())
        .cacheDirectory(temp.resolve("cache"))
        .to(ImageTarget.registry(image, Set.of("latest")))
        .build();
  }

  private static String image(String name) {
    return services.tlsRegistry()
        + "/it-multiarch/"
        + name
        + "-"
        + UUID.randomUUID().toString().substring(0, 8)
        + ":1.0";
  }

  private static Commands.Result skopeo(String... args) {
    String[] command = new String[args.length + 3];
    command[0] = "skopeo";
    command[1] = args[0];
    command[2] = "--tls-verify=false";
    command[3] = "--creds=" + services.registryUser() + ":" + services.registryPassword();
    System.arraycopy(args, 1, command, 4, args.length - 1);
    return Commands.run(PlatformChecks.TIMEOUT, command);
  }

  @Test
  void theIndexAndEachPlatformReachARegistryThatWantsCredentialsOverTls() throws Exception {
    String image = image("auth");

    BuildResult result =
        JenkinsDind.build(request(image, services.registryPassword()), events::add);

    Commands.Result raw = skopeo("inspect", "--raw", "docker://" + image);
    assertThat(raw.exitCode()).as(raw.toString()).isZero();
    JsonNode index = PlatformChecks.json(raw.stdout());
    assertThat(index.get("manifests")).hasSize(2);
    assertThat(result.platformDigests())
        .containsEntry("linux/amd64", PlatformChecks.digestOf(index, "amd64"))
        .containsEntry("linux/arm64", PlatformChecks.digestOf(index, "arm64"));
    String latest = image.substring(0, image.lastIndexOf(':')) + ":latest";
    assertThat(skopeo("inspect", "--raw", "docker://" + latest).stdout()).isEqualTo(raw.stdout());
    assertThat(events.toString()).doesNotContain(services.registryPassword());
  }

  @Test
  void aWrongPasswordNamesTheRegistryAndPushesNoTag() {
    String image = image("refused");
    String wrong = "not-" + services.registryPassword();

    assertThatThrownBy(() -> JenkinsDind.build(request(image, wrong), events::add))
        .isInstanceOf(RegistryAuthenticationException.class)
        .hasMessageContaining(services.tlsRegistry())
        .satisfies(e -> assertThat(e.toString()).doesNotContain(wrong));

    String repository = image.substring(0, image.lastIndexOf(':'));
    Commands.Result tags = skopeo("list-tags", "docker://" + repository);
    assertThat(tags.stdout()).doesNotContain("\"1.0\"").doesNotContain("\"latest\"");
    assertThat(events.toString()).doesNotContain(wrong);
  }
}
