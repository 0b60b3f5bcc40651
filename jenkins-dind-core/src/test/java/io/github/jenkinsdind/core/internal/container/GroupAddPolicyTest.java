package io.github.jenkinsdind.core.internal.container;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.jenkinsdind.core.api.ConfigurationException;
import io.github.jenkinsdind.core.api.Setting;
import java.util.List;
import org.junit.jupiter.api.Test;

class GroupAddPolicyTest {

  @Test
  void autoAddsTheSocketGid() throws Exception {
    GroupAddPolicy policy = GroupAddPolicy.parse(" AUTO ");
    assertThat(policy).isInstanceOf(GroupAddPolicy.Auto.class);
    assertThat(policy.groups(106)).containsExactly(106L);
    assertThat(policy.text()).isEqualTo("auto");
  }

  @Test
  void noneAddsNothing() throws Exception {
    assertThat(GroupAddPolicy.parse("none").groups(106)).isEmpty();
  }

  @Test
  void aNumberIsAddedAsIs() throws Exception {
    GroupAddPolicy policy = GroupAddPolicy.parse("999");
    assertThat(policy).isEqualTo(new GroupAddPolicy.Fixed(999));
    assertThat(policy.groups(106)).containsExactly(999L);
    assertThat(GroupAddPolicy.parse("0").groups(106)).containsExactly(0L);
  }

  @Test
  void rejectsNamesNegativesAndHugeNumbers() {
    for (String bad : List.of("docker", "-1", "4294967295", "", "12a")) {
      assertThatThrownBy(() -> GroupAddPolicy.parse(bad))
          .as(bad)
          .isInstanceOfSatisfying(
              ConfigurationException.class,
              e -> {
                assertThat(e.setting()).contains(Setting.GROUP_ADD);
                assertThat(e.getMessage()).contains("auto, none or a numeric GID");
              });
    }
  }
}
