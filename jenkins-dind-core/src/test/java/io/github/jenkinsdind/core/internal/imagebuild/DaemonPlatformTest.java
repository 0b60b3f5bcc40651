package io.github.jenkinsdind.core.internal.imagebuild;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.jenkinsdind.core.api.ConfigurationException;
import io.github.jenkinsdind.core.api.ImagePlatform;
import io.github.jenkinsdind.core.api.Setting;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DaemonPlatformTest {
  private static final ImagePlatform AMD64 = ImagePlatform.LINUX_AMD64;
  private static final ImagePlatform ARM64 = new ImagePlatform("linux", "arm64");
  private static final ImagePlatform PPC = new ImagePlatform("linux", "ppc64le");

  @Test
  void theDaemonsOwnArchitectureWinsOverPlatform() throws Exception {
    DaemonPlatform choice =
        DaemonPlatform.choose(List.of(AMD64, ARM64), AMD64, Optional.of("aarch64"));

    assertThat(choice.loaded()).isEqualTo(ARM64);
    assertThat(choice.notLoaded()).containsExactly(AMD64);
    assertThat(choice.message())
        .contains("building and loading linux/arm64 (the daemon's own platform)")
        .contains("not built or loaded: linux/amd64");
  }

  @Test
  void x86_64IsAmd64() throws Exception {
    assertThat(DaemonPlatform.choose(List.of(ARM64, AMD64), ARM64, Optional.of("x86_64")).loaded())
        .isEqualTo(AMD64);
  }

  @Test
  void platformServesWhenTheDaemonsArchitectureIsNotAmongThePlatforms() throws Exception {
    DaemonPlatform choice = DaemonPlatform.choose(List.of(ARM64, PPC), PPC, Optional.of("x86_64"));

    assertThat(choice.loaded()).isEqualTo(PPC);
    assertThat(choice.message()).contains("the daemon runs linux/amd64, which is not among them");
    assertThat(DaemonPlatform.choose(List.of(ARM64, PPC), ARM64, Optional.empty()).loaded())
        .isEqualTo(ARM64);
  }

  @Test
  void neitherAmongThePlatformsIsRefusedNamingPlatform() {
    ConfigurationException e =
        catchThrowableOfType(
            ConfigurationException.class,
            () -> DaemonPlatform.choose(List.of(ARM64, PPC), AMD64, Optional.of("x86_64")));

    assertThat(e.setting()).contains(Setting.PLATFORM);
    assertThat(e.getMessage()).contains("[linux/arm64, linux/ppc64le]");
  }
}
