package io.github.jenkinsdind.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.jenkinsdind.core.api.ConfigurationException;
import io.github.jenkinsdind.core.api.ImageTarget;
import io.github.jenkinsdind.core.api.Setting;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TargetKindTest {
  @Test
  void readsTheThreeNamesIgnoringCaseAndBlanks() throws Exception {
    assertThat(TargetKind.parse("docker")).isEqualTo(TargetKind.DOCKER);
    assertThat(TargetKind.parse(" Registry ")).isEqualTo(TargetKind.REGISTRY);
    assertThat(TargetKind.parse("TAR")).isEqualTo(TargetKind.TAR);
  }

  @Test
  void unknownNameNamesTheSettingAndTheChoices() {
    assertThatThrownBy(() -> TargetKind.parse("daemon"))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("'daemon'")
        .hasMessageContaining("docker, registry, tar")
        .satisfies(
            e -> {
              ConfigurationException c = (ConfigurationException) e;
              assertThat(c.setting()).contains(Setting.TARGET);
              assertThat(c.value()).contains("daemon");
              assertThat(c.suggestion()).get().asString().startsWith("perhaps you should");
            });
  }

  @Test
  void makesTheMatchingCoreTarget() {
    Path tar = Path.of("/tmp/x.tar");
    assertThat(TargetKind.DOCKER.target("a:1", Set.of("2"), tar))
        .isEqualTo(ImageTarget.dockerDaemon("a:1", Set.of("2")));
    assertThat(TargetKind.REGISTRY.target("r/a:1", Set.of("2"), tar))
        .isEqualTo(ImageTarget.registry("r/a:1", Set.of("2")));
    assertThat(TargetKind.TAR.target("a:1", Set.of("2"), tar))
        .isEqualTo(new ImageTarget.TarFile("a:1", Set.of("2"), tar));
  }
}
