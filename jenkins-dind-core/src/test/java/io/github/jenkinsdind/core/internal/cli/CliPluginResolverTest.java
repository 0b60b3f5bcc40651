package io.github.jenkinsdind.core.internal.cli;

import static io.github.jenkinsdind.core.internal.cli.CliFixtures.REAL_DOCKER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.jenkinsdind.core.api.ConfigurationException;
import io.github.jenkinsdind.core.api.DockerCliPlugin;
import io.github.jenkinsdind.core.api.Event;
import io.github.jenkinsdind.core.api.ImagePlatform;
import io.github.jenkinsdind.core.api.Setting;
import io.github.jenkinsdind.core.internal.download.Sha256;
import io.github.jenkinsdind.core.internal.files.CacheLayout;
import io.github.jenkinsdind.core.testing.LoopbackHttpServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI plugins through the same resolver as the CLI: built-in pins for the default versions, the
 * user's pins for others, bare binaries only, their own arch names, cache and offline rules. The
 * served "plugin" is a real x86_64 ELF executable.
 */
class CliPluginResolverTest {
  private static final String BUILDX_DEFAULT = DockerCliPlugin.Name.BUILDX.defaultVersion();

  @TempDir Path cache;
  @TempDir Path work;

  private LoopbackHttpServer server;
  private final List<Event> events = new ArrayList<>();
  private String realSha;

  @BeforeEach
  void startServer() throws Exception {
    server = new LoopbackHttpServer();
    realSha = Sha256.ofFile(REAL_DOCKER);
    server.serve("/buildx/v0.13.1/buildx-v0.13.1.linux-amd64", REAL_DOCKER);
    server.serve(
        "/buildx/v" + BUILDX_DEFAULT + "/buildx-v" + BUILDX_DEFAULT + ".linux-amd64", REAL_DOCKER);
    server.serve("/compose/v2.26.1/docker-compose-linux-x86_64", REAL_DOCKER);
  }

  @AfterEach
  void stopServer() {
    server.close();
  }

  private BinaryResolver resolver(boolean offline) {
    return new BinaryResolver(new CacheLayout(cache), offline, events::add);
  }

  private DockerCliPlugin buildx(String version) {
    return DockerCliPlugin.defaults(DockerCliPlugin.Name.BUILDX)
        .withVersion(version)
        .withUrlTemplate(server.base() + "/buildx/v{version}/buildx-v{version}.linux-{arch}");
  }

  private ResolvedBinary resolve(DockerCliPlugin plugin, boolean require) throws Exception {
    return resolver(false).resolve(BinarySource.of(plugin, require), ImagePlatform.LINUX_AMD64);
  }

  @Test
  void theDefaultVersionsCarryTheirPublishedPinsForAmd64AndArm64() {
    for (DockerCliPlugin.Name name : DockerCliPlugin.Name.values()) {
      BinaryKind kind = BinaryKind.of(name);
      for (CliArchitecture arch : List.of(CliArchitecture.AMD64, CliArchitecture.ARM64)) {
        assertThat(PublishedPins.of(kind, name.defaultVersion(), arch.downloadName(kind).get()))
            .as(name + " " + arch)
            .hasValueSatisfying(sha -> assertThat(sha).matches("[0-9a-f]{64}"));
      }
    }
  }

  @Test
  void aDefaultVersionDownloadThatIsNotThePublishedFileIsRefusedAndDiscarded() throws Exception {
    ConfigurationException e =
        catchThrowableOfType(
            ConfigurationException.class, () -> resolve(buildx(BUILDX_DEFAULT), false));

    assertThat(e.setting()).contains(Setting.BUILDX_SHA256);
    assertThat(e.getMessage())
        .contains("docker buildx plugin file downloaded from " + server.base())
        .contains("has sha256 " + realSha)
        .contains("buildx " + BUILDX_DEFAULT + " for amd64 is published with sha256 0144479d")
        .contains("the download has been discarded");
    assertThat(e.suggestion().orElseThrow()).contains("buildxUrl");
    try (Stream<Path> files = Files.walk(cache)) {
      assertThat(files.filter(Files::isRegularFile)).isEmpty();
    }
  }

  @Test
  void anotherVersionIsTakenWithTheUsersPinInItsOwnCacheAndLayerPath() throws Exception {
    ResolvedBinary buildx = resolve(buildx("0.13.1").withSha256(realSha), true);

    assertThat(buildx.kind()).isEqualTo(BinaryKind.BUILDX);
    assertThat(buildx.version()).isEqualTo("0.13.1");
    assertThat(buildx.binarySha256()).isEqualTo(realSha);
    assertThat(buildx.binary()).startsWith(cache.resolve("cli-plugins").resolve("buildx"));
    assertThat(buildx.binary().getFileName()).hasToString("docker-buildx");
    assertThat(buildx.describe().path())
        .isEqualTo("/usr/local/libexec/docker/cli-plugins/docker-buildx");

    resolve(buildx("0.13.1").withSha256(realSha), true);
    assertThat(server.totalRequests()).isEqualTo(1);
  }

  @Test
  void aPinOfTheUsersThatDoesNotMatchIsRefused() {
    ConfigurationException e =
        catchThrowableOfType(
            ConfigurationException.class,
            () -> resolve(buildx("0.13.1").withSha256("0".repeat(64)), false));

    assertThat(e.setting()).contains(Setting.BUILDX_SHA256);
    assertThat(e.getMessage()).contains("buildxSha256 expects " + "0".repeat(64));
  }

  @Test
  void withPinsRequiredAnUnpinnedPluginIsAnErrorThatPrintsTheValueToPin() {
    ConfigurationException e =
        catchThrowableOfType(ConfigurationException.class, () -> resolve(buildx("0.13.1"), true));

    assertThat(e.setting()).contains(Setting.BUILDX_SHA256);
    assertThat(e.getMessage())
        .contains("requireDockerClientSha256 is set, but buildxSha256 is not")
        .contains(realSha);
    assertThat(e.suggestion().orElseThrow()).contains("buildxSha256 to " + realSha);
  }

  @Test
  void unpinnedItSaysHowToPin() throws Exception {
    resolve(buildx("0.13.1"), false);

    assertThat(events)
        .anySatisfy(
            event ->
                assertThat(event.toString())
                    .contains("The docker buildx plugin file downloaded from")
                    .contains("buildxSha256=" + realSha));
  }

  @Test
  void composeNamesItsArchitectureItsOwnWay() throws Exception {
    DockerCliPlugin compose =
        DockerCliPlugin.defaults(DockerCliPlugin.Name.COMPOSE)
            .withVersion("2.26.1")
            .withUrlTemplate(server.base() + "/compose/v{version}/docker-compose-linux-{arch}")
            .withSha256(realSha);

    ResolvedBinary resolved = resolve(compose, false);

    assertThat(resolved.source()).endsWith("/compose/v2.26.1/docker-compose-linux-x86_64");
    assertThat(resolved.describe().path())
        .isEqualTo("/usr/local/libexec/docker/cli-plugins/docker-compose");
  }

  @Test
  void aLocalPluginForAnotherArchitectureIsRefusedNamingItsFileSetting() throws Exception {
    Path arm = CliFixtures.elf(work.resolve("docker-buildx"), true, false, 183);

    ConfigurationException e =
        catchThrowableOfType(
            ConfigurationException.class,
            () -> resolve(buildx("0.13.1").withLocalFile(arm), false));

    assertThat(e.setting()).contains(Setting.BUILDX_FILE);
    assertThat(e.getMessage()).contains("holds a docker buildx plugin for").contains("linux/amd64");
  }

  @Test
  void aTarballIsNoPlugin() throws Exception {
    Path tgz = CliFixtures.tgz(work.resolve("buildx.tgz"), Map.of("docker/docker", REAL_DOCKER));

    ConfigurationException e =
        catchThrowableOfType(
            ConfigurationException.class,
            () -> resolve(buildx("0.13.1").withLocalFile(tgz), false));

    assertThat(e.setting()).contains(Setting.BUILDX_FILE);
    assertThat(e.getMessage()).contains("comes as a bare binary");
  }

  @Test
  void aUrlTemplateWithoutVersionIsRefusedBeforeAnyDownload() {
    ConfigurationException e =
        catchThrowableOfType(
            ConfigurationException.class,
            () ->
                resolve(buildx("0.13.1").withUrlTemplate(server.base() + "/buildx-{arch}"), false));

    assertThat(e.setting()).contains(Setting.BUILDX_URL);
    assertThat(e.getMessage()).contains("has no {version}");
    assertThat(server.totalRequests()).isZero();
  }

  @Test
  void offlineWithoutACachedDownloadNamesOfflineAndTheLocalFileSetting() {
    ConfigurationException e =
        catchThrowableOfType(
            ConfigurationException.class,
            () ->
                resolver(true)
                    .resolve(BinarySource.of(buildx("0.13.1"), false), ImagePlatform.LINUX_AMD64));

    assertThat(e.setting()).contains(Setting.OFFLINE);
    assertThat(e.suggestion().orElseThrow()).contains("buildxFile");
    assertThat(server.totalRequests()).isZero();
  }

  @Test
  void anUnknownPluginNameIsRefusedNamingCliPlugins() {
    ConfigurationException e =
        catchThrowableOfType(
            ConfigurationException.class, () -> DockerCliPlugin.Name.parse("scan"));

    assertThat(e.setting()).contains(Setting.CLI_PLUGINS);
    assertThat(e.getMessage()).contains("'scan'").contains("buildx, compose");
  }
}
