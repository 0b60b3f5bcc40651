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
    assertThat(arch("linux/amd64").requireDownloadName(platform("linux/amd64")))
        .isEqualTo("x86_64");
    assertThat(arch("linux/arm64").requireDownloadName(platform("linux/arm64")))
        .isEqualTo("aarch64");
    assertThat(arch("linux/arm").requireDownloadName(platform("linux/arm"))).isEqualTo("armhf");
    assertThat(arch("linux/amd64").elfMachine()).isEqualTo(62);
    assertThat(arch("linux/arm64").elfMachine()).isEqualTo(183);
    assertThat(arch("linux/arm").elfMachine()).isEqualTo(40);
  }

  @Test
  void platformsWithoutStaticCliHaveNoDownload() throws Exception {
    for (String text : new String[] {"linux/ppc64le", "linux/s390x", "linux/riscv64"}) {
      CliArchitecture architecture = arch(text);
      assertThat(architecture.downloadName()).as(text).isEmpty();
      ConfigurationException e =
          catchThrowableOfType(
              ConfigurationException.class, () -> architecture.requireDownloadName(platform(text)));
      assertThat(e.setting()).contains(Setting.PLATFORM);
      assertThat(e.getMessage()).contains(text);
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
