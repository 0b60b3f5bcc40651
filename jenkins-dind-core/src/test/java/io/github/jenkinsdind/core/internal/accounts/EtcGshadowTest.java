package io.github.jenkinsdind.core.internal.accounts;

import static io.github.jenkinsdind.core.internal.accounts.Fixtures.bytes;
import static io.github.jenkinsdind.core.internal.accounts.Fixtures.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.jenkinsdind.core.internal.accounts.EtcGshadow.GshadowGroup;
import java.util.List;
import org.junit.jupiter.api.Test;

class EtcGshadowTest {
  private final EtcGshadow debian = EtcGshadow.parse(bytes(Fixtures.GSHADOW));

  @Test
  void readsADebianGshadowFile() {
    assertThat(debian.groups()).hasSize(38);
    assertThat(debian.byName("shadow"))
        .contains(new GshadowGroup("shadow", "*", List.of(), List.of()));
    assertThat(EtcGshadow.parse(bytes("docker:!:root:alice,bob\n")).byName("docker"))
        .contains(new GshadowGroup("docker", "!", List.of("root"), List.of("alice", "bob")));
  }

  @Test
  void addsAGroupAsGroupaddDoes() {
    EtcGshadow edited = debian.withGroup("docker");

    assertThat(text(edited.toBytes())).isEqualTo(Fixtures.GSHADOW + "docker:!::\n");
    assertThat(edited.withGroup("docker")).isSameAs(edited);
    assertThat(debian.withGroup("users")).isSameAs(debian);
  }

  @Test
  void addsAMemberToTheFourthFieldOnce() {
    EtcGshadow gshadow = EtcGshadow.parse(bytes("# c\r\ndocker:!:admin:alice\r\nshort:!\r\n"));

    EtcGshadow edited = gshadow.withMember("docker", "jenkins").withMember("short", "jenkins");

    assertThat(text(edited.toBytes()))
        .isEqualTo("# c\r\ndocker:!:admin:alice,jenkins\r\nshort:!::jenkins\r\n");
    assertThat(edited.withMember("docker", "jenkins")).isSameAs(edited);
    assertThat(edited.byName("docker").orElseThrow().admins()).containsExactly("admin");
  }

  @Test
  void addingAMemberToAMissingGroupFails() {
    assertThatThrownBy(() -> debian.withMember("docker", "jenkins"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("docker");
  }
}
