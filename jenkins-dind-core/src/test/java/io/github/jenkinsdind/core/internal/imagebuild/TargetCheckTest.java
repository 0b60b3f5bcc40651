package io.github.jenkinsdind.core.internal.imagebuild;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.jenkinsdind.core.api.BuildRequest;
import io.github.jenkinsdind.core.api.ConfigurationException;
import io.github.jenkinsdind.core.api.ImageTarget;
import io.github.jenkinsdind.core.api.Setting;
import io.github.jenkinsdind.core.api.Suggestion;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TargetCheckTest {

  private static BuildRequest offline(ImageTarget target) {
    return BuildRequest.from("jenkins/jenkins:lts").to(target).offline(true).build();
  }

  @Test
  void offlineARegistryTargetIsRefusedBlamingOffline() {
    BuildRequest request =
        offline(ImageTarget.registry("registry.example.com/ci/jenkins:1.0", Set.of()));

    assertThatThrownBy(() -> TargetCheck.offline(request))
        .isInstanceOfSatisfying(
            ConfigurationException.class,
            e -> {
              assertThat(e.getMessage())
                  .isEqualTo(
                      "The build is offline, but a registry target needs the network to push"
                          + " registry.example.com/ci/jenkins:1.0");
              assertThat(e.setting()).contains(Setting.OFFLINE);
              assertThat(e.value()).contains("true");
              assertThat(e.suggestion())
                  .contains(
                      "perhaps you should build without offline, or choose target=docker or"
                          + " target=tar, which need no network");
              assertThat(e.suggestionParts().orElseThrow().parts())
                  .contains(
                      new Suggestion.SetTo(Setting.OFFLINE, null),
                      new Suggestion.SetTo(Setting.TARGET, "docker"),
                      new Suggestion.SetTo(Setting.TARGET, "tar"));
            });
  }

  @Test
  void offlineADaemonOrTarTargetIsAccepted() {
    assertThatCode(() -> TargetCheck.offline(offline(ImageTarget.dockerDaemon("j:1", Set.of()))))
        .doesNotThrowAnyException();
    assertThatCode(() -> TargetCheck.offline(offline(ImageTarget.tarFile("j:1", Path.of("j.tar")))))
        .doesNotThrowAnyException();
  }

  @Test
  void anInvalidTagIsRefused() {
    assertThatThrownBy(
            () -> TargetCheck.tags(ImageTarget.dockerDaemon("j:1", Set.of("ok", "-bad"))))
        .isInstanceOfSatisfying(
            ConfigurationException.class, e -> assertThat(e.setting()).contains(Setting.TAGS));
  }
}
