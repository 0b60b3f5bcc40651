package io.github.jenkinsdind.core.internal.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.jenkinsdind.core.api.ConfigurationException;
import io.github.jenkinsdind.core.api.ImagePlatform;
import io.github.jenkinsdind.core.api.Setting;
import org.junit.jupiter.api.Test;

class CliArchitectureTest {
  @Test
  void mapsPlatformsToDockerDownloadNamesAndElfMachines() throws Exception {
    assertThat(
            arch("linux/amd64").requireDownloadName(BinaryKind.DOCKER_CLI, platform("linux/amd64")))
        .isEqualTo("x86_64");
    assertThat(
            arch("linux/arm64").requireDownloadName(BinaryKind.DOCKER_CLI, platform("linux/arm64")))
        .isEqualTo("aarch64");
    assertThat(arch("linux/arm").requireDownloadName(BinaryKind.DOCKER_CLI, platform("linux/arm")))
        .isEqualTo("armhf");
    assertThat(arch("linux/amd64").elfMachine()).isEqualTo(62);
    assertThat(arch("linux/arm64").elfMachine()).isEqualTo(183);
    assertThat(arch("linux/arm").elfMachine()).isEqualTo(40);
  }

  @Test
  void eachBinaryNamesArchitecturesItsOwnWay() throws Exception {
    CliArchitecture amd64 = arch("linux/amd64");
    assertThat(amd64.downloadName(BinaryKind.BUILDX)).contains("amd64");
    assertThat(amd64.downloadName(BinaryKind.COMPOSE)).contains("x86_64");
    CliArchitecture arm64 = arch("linux/arm64");
    assertThat(arm64.downloadName(BinaryKind.BUILDX)).contains("arm64");
    assertThat(arm64.downloadName(BinaryKind.COMPOSE)).contains("aarch64");
    assertThat(arch("linux/arm").downloadName(BinaryKind.BUILDX)).contains("arm-v7");
    assertThat(arch("linux/arm").downloadName(BinaryKind.COMPOSE)).contains("armv7");
  }

  @Test
  void dockerPublishesStaticClisForPpc64leAndS390xToo() throws Exception {
    assertThat(arch("linux/ppc64le").downloadName()).contains("ppc64le");
    assertThat(arch("linux/s390x").downloadName()).contains("s390x");
  }

  @Test
  void platformsWithoutStaticCliHaveNoDownload() throws Exception {
    for (String text : new String[] {"linux/riscv64", "linux/386"}) {
      CliArchitecture architecture = arch(text);
      assertThat(architecture.downloadName()).as(text).isEmpty();
      ConfigurationException e =
          catchThrowableOfType(
              ConfigurationException.class,
              () -> architecture.requireDownloadName(BinaryKind.DOCKER_CLI, platform(text)));
      assertThat(e.setting()).contains(Setting.PLATFORM);
      assertThat(e.getMessage()).contains(text).contains("docker CLI");
      assertThat(e.suggestion().orElseThrow()).contains("dockerClient");
    }
  }

  @Test
  void unknownPlatformsAreRefused() {
    ConfigurationException e =
        catchThrowableOfType(
            ConfigurationException.class, () -> CliArchitecture.of(platform("darwin/arm64")));

    assertThat(e.setting()).contains(Setting.PLATFORM);
    assertThat(e.value()).contains("darwin/arm64");
  }

  private static ImagePlatform platform(String text) throws ConfigurationException {
    return ImagePlatform.parse(text);
  }

  private static CliArchitecture arch(String text) throws ConfigurationException {
    return CliArchitecture.of(platform(text));
  }
}
