package io.github.jenkinsdind.core.internal.imagebuild;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.jenkinsdind.core.api.BuildRequest;
import io.github.jenkinsdind.core.api.ConfigurationException;
import io.github.jenkinsdind.core.api.DockerCli;
import io.github.jenkinsdind.core.api.DockerCliPlugin;
import io.github.jenkinsdind.core.api.ImagePlatform;
import io.github.jenkinsdind.core.api.ImageTarget;
import io.github.jenkinsdind.core.api.Setting;
import io.github.jenkinsdind.core.internal.cli.BinaryKind;
import io.github.jenkinsdind.core.internal.cli.BinarySource;
import io.github.jenkinsdind.core.internal.index.IndexPlatform;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ArchitectureBinariesTest {
  private static final String A = "a".repeat(64);
  private static final String B = "b".repeat(64);
  private static final ImagePlatform AMD64 = ImagePlatform.LINUX_AMD64;
  private static final ImagePlatform ARM64 = new ImagePlatform("linux", "arm64");

  private static BuildRequest request(DockerCli cli, List<DockerCliPlugin> plugins) {
    return BuildRequest.from("example/base:1")
        .to(ImageTarget.registry("example/out:1", java.util.Set.of()))
        .dockerCli(cli)
        .cliPlugins(plugins)
        .build();
  }

  private static ArchitectureBinaries cli(DockerCli cli) {
    return ArchitectureBinaries.of(request(cli, List.of())).get(0);
  }

  @Test
  void pinPairsGiveEachPlatformItsOwnPin() throws Exception {
    ArchitectureBinaries binary =
        cli(DockerCli.download("29.0.0").withSha256("amd64=" + A + ",arm64=" + B.toUpperCase()));

    assertThat(binary.forPlatform(AMD64).sha256()).contains(A);
    assertThat(binary.forPlatform(ARM64).sha256()).contains(B);
    assertThat(binary.forPlatform(new ImagePlatform("linux", "s390x")).sha256()).isEmpty();
  }

  @Test
  void aBarePinAndAFileKeepTheirOnePlatformMeaning() throws Exception {
    BinarySource source =
        cli(DockerCli.localFile(Path.of("/opt/docker.tgz"), "29.0.0").withSha256(A))
            .forPlatform(ARM64);

    assertThat(source.sha256()).contains(A);
    assertThat(source.localFile()).contains(Path.of("/opt/docker.tgz"));
    ArchitectureBinaries.check(
        List.of(cli(DockerCli.download("29.0.0").withSha256("not checked here"))), List.of(AMD64));
  }

  @Test
  void localFilesByArchitectureGiveEachPlatformItsFileAndTheOthersDownload() throws Exception {
    ArchitectureBinaries binary =
        cli(
            DockerCli.download("29.0.0")
                .withLocalFiles(Map.of("amd64", Path.of("/x/docker"), "arm64", Path.of("/a/d"))));

    assertThat(binary.forPlatform(AMD64).localFile()).contains(Path.of("/x/docker"));
    assertThat(binary.forPlatform(ARM64).localFile()).contains(Path.of("/a/d"));
    assertThat(binary.forPlatform(new ImagePlatform("linux", "ppc64le")).localFile()).isEmpty();
    ArchitectureBinaries.check(List.of(binary), List.of(AMD64, ARM64));
  }

  @Test
  void aBarePinForSeveralPlatformsIsRefusedNamingItsSetting() {
    ConfigurationException e =
        catchThrowableOfType(
            ConfigurationException.class,
            () ->
                ArchitectureBinaries.check(
                    List.of(cli(DockerCli.download("29.0.0").withSha256(A))),
                    List.of(AMD64, ARM64)));

    assertThat(e.setting()).contains(Setting.DOCKER_CLIENT_SHA256);
    assertThat(e.getMessage()).contains("2 platforms");
    assertThat(e.suggestion().orElseThrow()).contains("amd64=…,arm64=…");
  }

  @Test
  void oneFileForSeveralPlatformsIsRefusedNamingItsSetting() {
    DockerCliPlugin buildx =
        DockerCliPlugin.defaults(DockerCliPlugin.Name.BUILDX).withLocalFile(Path.of("/b"));
    ConfigurationException e =
        catchThrowableOfType(
            ConfigurationException.class,
            () ->
                ArchitectureBinaries.check(
                    ArchitectureBinaries.of(request(DockerCli.download("29.0.0"), List.of(buildx))),
                    List.of(AMD64, ARM64)));

    assertThat(e.setting()).contains(Setting.BUILDX_FILE);
    assertThat(e.suggestion().orElseThrow()).contains("amd64=/path/to/file,arm64=/path/to/file");
  }

  @Test
  void aDockerDirectoryNameAsKeyIsRefusedWithTheRightKey() {
    ConfigurationException e =
        catchThrowableOfType(
            ConfigurationException.class,
            () ->
                ArchitectureBinaries.check(
                    List.of(
                        cli(
                            DockerCli.download("29.0.0")
                                .withLocalFiles(Map.of("aarch64", Path.of("/a"))))),
                    List.of(ARM64)));

    assertThat(e.setting()).contains(Setting.DOCKER_CLIENT);
    assertThat(e.suggestion().orElseThrow()).contains("arm64=");
  }

  @Test
  void aBinaryIsAvailableWhereADownloadIsPublishedOrAFileIsGiven() throws Exception {
    ArchitectureBinaries download = cli(DockerCli.download("29.0.0"));
    assertThat(download.available(IndexPlatform.of("linux", "ppc64le"))).isTrue();
    assertThat(download.available(IndexPlatform.of("linux", "riscv64"))).isFalse();
    assertThat(download.available(IndexPlatform.of("linux", "386"))).isFalse();
    assertThat(download.available(IndexPlatform.of("windows", "amd64"))).isFalse();

    ArchitectureBinaries files =
        cli(DockerCli.download("29.0.0").withLocalFiles(Map.of("riscv64", Path.of("/r"))));
    assertThat(files.available(IndexPlatform.of("linux", "riscv64"))).isTrue();
    assertThat(files.available(IndexPlatform.of("linux", "amd64"))).isFalse();
    assertThat(files.forPlatform(new ImagePlatform("linux", "riscv64")).kind())
        .isEqualTo(BinaryKind.DOCKER_CLI);
    assertThat(files.forPlatform(AMD64).localFile()).isEqualTo(Optional.empty());
  }
}
