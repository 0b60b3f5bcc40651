package io.github.jenkinsdind.core.internal.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.jenkinsdind.core.api.ConfigurationException;
import io.github.jenkinsdind.core.api.JenkinsDindException;
import io.github.jenkinsdind.core.api.Setting;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PlatformChoiceTest {
  private static final IndexPlatform AMD64 = IndexPlatform.of("linux", "amd64");
  private static final IndexPlatform ARM64 = IndexPlatform.of("linux", "arm64");
  private static final IndexPlatform ARM_V7 = new IndexPlatform("linux", "arm", Optional.of("v7"));
  private static final IndexPlatform RISCV64 = IndexPlatform.of("linux", "riscv64");

  @Test
  void aListKeepsItsOrder() throws ConfigurationException {
    PlatformChoice choice = PlatformChoice.parse("linux/arm64, linux/amd64\n linux/arm/v7");

    assertThat(choice).isEqualTo(new PlatformChoice.Listed(List.of(ARM64, AMD64, ARM_V7)));
    PlatformChoice.Selection selection = choice.select(List.of(AMD64), p -> false);
    assertThat(selection.chosen()).containsExactly(ARM64, AMD64, ARM_V7);
    assertThat(selection.leftOut()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"all", " ALL "})
  void allTakesTheBasesPlatformsACliExistsFor(String text) throws ConfigurationException {
    PlatformChoice choice = PlatformChoice.parse(text);

    assertThat(choice).isInstanceOf(PlatformChoice.AllOfBase.class);
    PlatformChoice.Selection selection =
        choice.select(
            List.of(ARM64, RISCV64, AMD64, ARM64), Set.of(AMD64, ARM64, ARM_V7)::contains);
    assertThat(selection.chosen()).containsExactly(ARM64, AMD64);
    assertThat(selection.leftOut()).containsExactly(RISCV64);
  }

  @Test
  void allFailsWhenNoPlatformOfTheBaseHasACli() {
    assertThatThrownBy(() -> new PlatformChoice.AllOfBase().select(List.of(RISCV64), p -> false))
        .isInstanceOf(ConfigurationException.class)
        .hasMessage("the base has no platform a docker CLI exists for (it has linux/riscv64)")
        .satisfies(
            e -> {
              JenkinsDindException j = (JenkinsDindException) e;
              assertThat(j.setting()).contains(Setting.PLATFORMS);
              assertThat(j.suggestion())
                  .contains(
                      "perhaps you should choose another base, or list the platforms in"
                          + " platforms");
            });
  }

  @Test
  void refusesBlankDuplicatesAndAllAmongPlatforms() {
    assertRefused("", "platforms names no platform");
    assertRefused(" , ", "platforms names no platform");
    assertRefused("linux/amd64,linux/amd64", "platforms names linux/amd64 twice");
    assertRefused("linux/amd64,all", "platforms has all next to other platforms");
    assertRefused(
        "amd64",
        "'amd64' is not a platform of the form os/architecture or" + " os/architecture/variant");
  }

  private static void assertRefused(String text, String message) {
    assertThatThrownBy(() -> PlatformChoice.parse(text))
        .isInstanceOf(ConfigurationException.class)
        .hasMessage(message)
        .satisfies(
            e -> {
              JenkinsDindException j = (JenkinsDindException) e;
              assertThat(j.setting()).contains(Setting.PLATFORMS);
              assertThat(j.suggestion()).isPresent();
            });
  }
}
