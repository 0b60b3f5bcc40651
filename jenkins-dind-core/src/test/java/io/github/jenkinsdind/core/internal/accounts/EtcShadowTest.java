package io.github.jenkinsdind.core.internal.accounts;

import static io.github.jenkinsdind.core.internal.accounts.Fixtures.bytes;
import static io.github.jenkinsdind.core.internal.accounts.Fixtures.text;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EtcShadowTest {
  private final EtcShadow debian = EtcShadow.parse(bytes(Fixtures.SHADOW));

  @Test
  void readsADebianShadowFile() {
    assertThat(debian.users()).hasSize(18).startsWith("root").endsWith("nobody");
    assertThat(debian.password("root")).contains("*");
    assertThat(debian.password("jenkins")).isEmpty();
  }

  @Test
  void addsALockedUserWithoutADate() {
    EtcShadow edited = debian.withUser("jenkins");

    assertThat(text(edited.toBytes())).isEqualTo(Fixtures.SHADOW + "jenkins:!::0:99999:7:::\n");
    assertThat(edited.password("jenkins")).contains("!");
  }

  @Test
  void addsTheSameBytesEveryTime() {
    assertThat(debian.withUser("jenkins").toBytes())
        .isEqualTo(debian.withUser("jenkins").toBytes());
  }

  @Test
  void keepsAnExistingEntry() {
    EtcShadow shadow = EtcShadow.parse(bytes(Fixtures.SHADOW + Fixtures.JENKINS_SHADOW));

    assertThat(shadow.withUser("jenkins")).isSameAs(shadow);
  }

  @Test
  void keepsOddLines() {
    String content = "# shadow\r\n\r\nroot:*:1:0:99999:7:::";

    assertThat(text(EtcShadow.parse(bytes(content)).withUser("jenkins").toBytes()))
        .isEqualTo("# shadow\r\n\r\nroot:*:1:0:99999:7:::\r\njenkins:!::0:99999:7:::");
  }
}
