package io.github.jenkinsdind.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.jenkinsdind.core.api.ConfigurationException;
import io.github.jenkinsdind.core.api.Setting;
import java.nio.file.Path;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class GidSettingTest {
  @Test
  void numbersAreReadAndAutoIsEmpty() throws Exception {
    assertThat(GidSetting.parse("999")).hasValue(999);
    assertThat(GidSetting.parse(" 0 ")).hasValue(0);
    assertThat(GidSetting.parse("-1")).hasValue(-1);
    assertThat(GidSetting.parse("auto")).isEqualTo(OptionalLong.empty());
    assertThat(GidSetting.parse("AUTO")).isEqualTo(OptionalLong.empty());
  }

  @Test
  void anythingElseNamesTheSetting() {
    for (String bad : new String[] {"docker", "", "12a", "1.5", "99999999999999999999"}) {
      assertThatThrownBy(() -> GidSetting.parse(bad))
          .as(bad)
          .isInstanceOf(ConfigurationException.class)
          .hasMessageContaining("is not a GID")
          .hasMessageContaining("auto")
          .satisfies(
              e -> assertThat(((ConfigurationException) e).setting()).contains(Setting.DOCKER_GID));
    }
  }

  @Test
  void localSocketFollowsAUnixDockerHost() throws Exception {
    assertThat(GidSetting.localSocket(null)).isEqualTo(Path.of("/var/run/docker.sock"));
    assertThat(GidSetting.localSocket(" ")).isEqualTo(Path.of("/var/run/docker.sock"));
    assertThat(GidSetting.localSocket("unix:///run/user/1000/docker.sock"))
        .isEqualTo(Path.of("/run/user/1000/docker.sock"));
    assertThatThrownBy(() -> GidSetting.localSocket("tcp://10.0.0.1:2375"))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining(
            "the Docker daemon (tcp://10.0.0.1:2375) is not reached through a unix socket");
  }
}
