package io.github.jenkinsdind.core.internal.container;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.jenkinsdind.core.api.ConfigurationException;
import io.github.jenkinsdind.core.api.Setting;
import io.github.jenkinsdind.core.api.Suggestion;
import org.junit.jupiter.api.Test;

class InputsTest {

  @Test
  void containerNamesFollowDockersRule() throws Exception {
    assertThat(Inputs.containerName("/jenkins")).isEqualTo("jenkins");
    assertThat(Inputs.containerName("ci-2.main_x")).isEqualTo("ci-2.main_x");
    for (String bad : new String[] {"j", "-j", "a b", "j/k", ""}) {
      assertThatThrownBy(() -> Inputs.containerName(bad))
          .as(bad)
          .isInstanceOfSatisfying(
              ConfigurationException.class,
              e -> assertThat(e.setting()).contains(Setting.CONTAINER_NAME));
    }
  }

  @Test
  void socketsAreAbsolutePathsOrUnixUrls() throws Exception {
    assertThat(Inputs.dockerSocket("/var/run//docker.sock")).isEqualTo("/var/run/docker.sock");
    assertThat(Inputs.dockerSocket("unix:///var/run/docker.sock"))
        .isEqualTo("/var/run/docker.sock");
    for (String bad : new String[] {"docker.sock", "/", "tcp://host:2375", "/var/run/"}) {
      assertThatThrownBy(() -> Inputs.dockerSocket(bad))
          .as(bad)
          .isInstanceOfSatisfying(
              ConfigurationException.class,
              e -> assertThat(e.setting()).contains(Setting.DOCKER_SOCKET));
    }
  }

  @Test
  void aBadImageSuggestsTheBuildOperationInNeutralWords() {
    assertThatThrownBy(() -> Inputs.image("my jenkins"))
        .isInstanceOfSatisfying(
            ConfigurationException.class,
            e -> {
              assertThat(e.suggestionParts().orElseThrow().parts())
                  .contains(new Suggestion.Run(Suggestion.Operation.BUILD));
              assertThat(e.suggestion())
                  .contains("give the image that the build operation made, such as my-jenkins:1.0");
            });
  }

  @Test
  void imagesAreNonBlankWithoutSpaces() throws Exception {
    assertThat(Inputs.image(" ci/jenkins:1.0 ")).isEqualTo("ci/jenkins:1.0");
    assertThatThrownBy(() -> Inputs.image("a b"))
        .isInstanceOfSatisfying(
            ConfigurationException.class, e -> assertThat(e.setting()).contains(Setting.IMAGE));
  }
}
