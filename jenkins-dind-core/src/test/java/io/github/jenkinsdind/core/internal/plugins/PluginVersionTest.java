package io.github.jenkinsdind.core.internal.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class PluginVersionTest {

  @Test
  void ordersJenkinsVersionsTheWayJenkinsDoes() {
    List<String> ordered =
        List.of(
            "1.0-alpha-1",
            "1.0-beta-2",
            "1.0-rc1",
            "1.0-SNAPSHOT",
            "1.0",
            "1.0.1",
            "1.2.3",
            "1.2.10",
            "1.10",
            "2.401",
            "2.401.1",
            "2.401.3",
            "2.440",
            "3.1-rc1",
            "3.1",
            "1055.v1234abcd5678",
            "1056.v0000aaaa1111",
            "1056.1",
            "2000");
    List<String> shuffled = new ArrayList<>(ordered);
    Collections.shuffle(shuffled, new java.util.Random(15));
    shuffled.sort(PluginVersion.TEXT_ORDER);
    assertThat(shuffled).containsExactlyElementsOf(ordered);
  }

  @Test
  void trailingZerosAndReleaseWordsChangeNothing() {
    assertThat(PluginVersion.of("1.0").compareTo(PluginVersion.of("1.0.0"))).isZero();
    assertThat(PluginVersion.of("2.3-final").compareTo(PluginVersion.of("2.3"))).isZero();
    assertThat(PluginVersion.of("1.0")).isNotEqualTo(PluginVersion.of("1.0.0"));
  }

  @Test
  void anIncrementalIsNewerThanItsBareNumberAndOlderThanTheNextNumber() {
    assertThat(PluginVersion.of("1055.v1234abcd5678").isNewerThan(PluginVersion.of("1055")))
        .isTrue();
    assertThat(PluginVersion.of("1055.v1234abcd5678").isOlderThan(PluginVersion.of("1055.1")))
        .isTrue();
    assertThat(
            PluginVersion.of("580.vc0c340686b_54")
                .isNewerThan(PluginVersion.of("572.v950f58993843")))
        .isTrue();
  }

  @Test
  void numbersCompareAsNumbersEvenWhenLong() {
    assertThat(PluginVersion.of("99999999999999999999.1").isNewerThan(PluginVersion.of("9.1")))
        .isTrue();
  }
}
