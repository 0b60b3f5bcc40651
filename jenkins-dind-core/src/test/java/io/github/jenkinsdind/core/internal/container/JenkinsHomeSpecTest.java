package io.github.jenkinsdind.core.internal.container;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.jenkinsdind.core.api.ConfigurationException;
import io.github.jenkinsdind.core.api.Setting;
import java.util.List;
import org.junit.jupiter.api.Test;

class JenkinsHomeSpecTest {

  @Test
  void aNameIsAVolume() throws Exception {
    assertThat(JenkinsHomeSpec.parse("jenkins_home"))
        .isEqualTo(new JenkinsHomeSpec.Volume("jenkins_home"));
    assertThat(JenkinsHomeSpec.parse("ci.home-2")).isInstanceOf(JenkinsHomeSpec.Volume.class);
  }

  @Test
  void anAbsolutePathIsABindMountNormalized() throws Exception {
    assertThat(JenkinsHomeSpec.parse("/srv//jenkins/"))
        .isEqualTo(new JenkinsHomeSpec.HostPath("/srv/jenkins"));
  }

  @Test
  void rejectsWhatIsNeither() {
    for (String bad : List.of("./home", "home/dir", "~/jenkins", "j", "-x", "", "C:\\jenkins")) {
      assertThatThrownBy(() -> JenkinsHomeSpec.parse(bad))
          .as(bad)
          .isInstanceOfSatisfying(
              ConfigurationException.class,
              e -> {
                assertThat(e.setting()).contains(Setting.JENKINS_HOME);
                assertThat(e.getMessage())
                    .contains("is neither a Docker volume name nor an absolute path");
              });
    }
    assertThatThrownBy(() -> JenkinsHomeSpec.parse("~/jenkins"))
        .isInstanceOfSatisfying(
            ConfigurationException.class,
            e -> assertThat(e.suggestion().orElseThrow()).contains("~ was not expanded"));
  }

  @Test
  void rejectsTheRootAndDotDot() {
    for (String bad : List.of("/", "///", "/srv/../etc", "/srv/./x")) {
      assertThatThrownBy(() -> JenkinsHomeSpec.parse(bad))
          .as(bad)
          .isInstanceOf(ConfigurationException.class)
          .hasMessageContaining("not a usable directory");
    }
  }
}
