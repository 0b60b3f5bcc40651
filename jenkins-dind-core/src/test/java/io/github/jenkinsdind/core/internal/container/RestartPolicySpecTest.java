package io.github.jenkinsdind.core.internal.container;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.jenkinsdind.core.api.ConfigurationException;
import io.github.jenkinsdind.core.api.Setting;
import org.junit.jupiter.api.Test;

class RestartPolicySpecTest {

  @Test
  void parsesDockersPolicies() throws Exception {
    assertThat(RestartPolicySpec.parse("unless-stopped"))
        .isEqualTo(new RestartPolicySpec("unless-stopped", 0));
    assertThat(RestartPolicySpec.parse("NO")).isEqualTo(new RestartPolicySpec("no", 0));
    assertThat(RestartPolicySpec.parse("always")).isEqualTo(new RestartPolicySpec("always", 0));
    assertThat(RestartPolicySpec.parse("on-failure:5"))
        .isEqualTo(new RestartPolicySpec("on-failure", 5));
  }

  @Test
  void rejectsOthers() {
    assertThatThrownBy(() -> RestartPolicySpec.parse("sometimes"))
        .isInstanceOfSatisfying(
            ConfigurationException.class,
            e -> {
              assertThat(e.setting()).contains(Setting.RESTART_POLICY);
              assertThat(e.suggestion().orElseThrow()).contains("unless-stopped");
            });
    assertThatThrownBy(() -> RestartPolicySpec.parse("on-failure:x"))
        .isInstanceOf(ConfigurationException.class);
  }
}
