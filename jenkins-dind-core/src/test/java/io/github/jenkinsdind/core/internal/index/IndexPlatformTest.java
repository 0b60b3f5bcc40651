package io.github.jenkinsdind.core.internal.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.jenkinsdind.core.api.ConfigurationException;
import io.github.jenkinsdind.core.api.ImagePlatform;
import io.github.jenkinsdind.core.api.JenkinsDindException;
import io.github.jenkinsdind.core.api.Setting;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IndexPlatformTest {

  @Test
  void readsTwoOrThreeParts() throws ConfigurationException {
    assertThat(IndexPlatform.parse(" linux/arm64 ", Setting.PLATFORMS))
        .isEqualTo(IndexPlatform.of("linux", "arm64"));
    IndexPlatform armV7 = IndexPlatform.parse("linux/arm/v7", Setting.PLATFORMS);
    assertThat(armV7).isEqualTo(new IndexPlatform("linux", "arm", Optional.of("v7")));
    assertThat(armV7).hasToString("linux/arm/v7");
    assertThat(armV7.architectureKey()).isEqualTo("arm-v7");
    assertThat(armV7.imagePlatform()).isEqualTo(new ImagePlatform("linux", "arm"));
    assertThat(IndexPlatform.of(ImagePlatform.LINUX_AMD64).architectureKey()).isEqualTo("amd64");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"", "linux", "linux/", "/amd64", "linux/arm/v7/x", "Linux/AMD64", "a b/c"})
  void refusesOtherFormsNamingTheSetting(String text) {
    assertThatThrownBy(() -> IndexPlatform.parse(text, Setting.PLATFORMS))
        .isInstanceOf(ConfigurationException.class)
        .hasMessage(
            "'"
                + text
                + "' is not a platform of the form os/architecture or os/architecture/variant")
        .satisfies(
            e -> {
              JenkinsDindException j = (JenkinsDindException) e;
              assertThat(j.setting()).contains(Setting.PLATFORMS);
              assertThat(j.value()).contains(text);
              assertThat(j.suggestion())
                  .contains(
                      "perhaps you should write it like linux/amd64, linux/arm64 or linux/arm/v7"
                          + " in platforms");
            });
  }
}
