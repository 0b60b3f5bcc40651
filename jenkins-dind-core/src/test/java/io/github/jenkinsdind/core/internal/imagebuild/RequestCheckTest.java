package io.github.jenkinsdind.core.internal.imagebuild;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.jenkinsdind.core.api.BuildRequest;
import io.github.jenkinsdind.core.api.ConfigurationException;
import io.github.jenkinsdind.core.api.ImageTarget;
import io.github.jenkinsdind.core.api.Setting;
import io.github.jenkinsdind.core.internal.base.BaseReference;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RequestCheckTest {

  private static BuildRequest request(String from, String image) {
    return BuildRequest.from(from).to(ImageTarget.dockerDaemon(image, Set.of())).build();
  }

  @Test
  void aValidRequestGivesItsParsedReferences() throws Exception {
    CheckedRequest checked =
        RequestCheck.check(request("docker://jenkins/jenkins:lts", "ci/jenkins:1.0"), e -> {});

    assertThat(checked.base().kind()).isEqualTo(BaseReference.Kind.DAEMON);
    assertThat(checked.target().getRepository()).isEqualTo("ci/jenkins");
    assertThat(checked.target().getTag()).contains("1.0");
  }

  @Test
  void anInvalidTargetIsBlamedOnImage() {
    assertThatThrownBy(
            () -> RequestCheck.check(request("jenkins/jenkins:lts", "Bad Name"), e -> {}))
        .isInstanceOfSatisfying(
            ConfigurationException.class,
            e -> {
              assertThat(e.setting()).contains(Setting.IMAGE);
              assertThat(e.getMessage()).isEqualTo("'Bad Name' is not a valid image reference");
            });
  }

  @Test
  void theBaseIsCheckedBeforeTheTarget() {
    assertThatThrownBy(() -> RequestCheck.check(request("Bad Base", "Bad Name"), e -> {}))
        .isInstanceOfSatisfying(
            ConfigurationException.class, e -> assertThat(e.setting()).contains(Setting.FROM));
  }
}
