package io.github.jenkinsdind.core.internal.accounts;

import static io.github.jenkinsdind.core.internal.accounts.Fixtures.secret;
import static io.github.jenkinsdind.core.internal.accounts.Fixtures.world;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.jenkinsdind.core.api.ConfigurationException;
import io.github.jenkinsdind.core.api.Setting;
import io.github.jenkinsdind.core.internal.files.ImageFile;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AccountFilesTest {
  private static final ImageFile PASSWD = world("/etc/passwd", Fixtures.PASSWD);
  private static final ImageFile GROUP = world("/etc/group", Fixtures.GROUP);
  private static final ImageFile GSHADOW = secret("/etc/gshadow", Fixtures.GSHADOW);
  private static final ImageFile SHADOW = secret("/etc/shadow", Fixtures.SHADOW);

  @Test
  void picksTheDatabaseOutOfTheBaseFiles() throws ConfigurationException {
    ImageFile other = world("/etc/hostname", "x\n");
    AccountFiles files =
        AccountFiles.of(
            Map.of(
                "/etc/passwd",
                PASSWD,
                "/etc/group",
                GROUP,
                "/etc/gshadow",
                GSHADOW,
                "/etc/shadow",
                SHADOW,
                "/etc/hostname",
                other),
            "jenkins/jenkins:lts-jdk21");

    assertThat(files).isEqualTo(new AccountFiles(PASSWD, GROUP, GSHADOW, SHADOW));
    assertThat(files.files()).containsExactly(PASSWD, GROUP, GSHADOW, SHADOW);
  }

  @Test
  void takesABaseWithoutShadowFiles() throws ConfigurationException {
    AccountFiles files =
        AccountFiles.of(Map.of("/etc/passwd", PASSWD, "/etc/group", GROUP), "busybox:1.36");

    assertThat(files.gshadow()).isNull();
    assertThat(files.shadow()).isNull();
    assertThat(files.files()).containsExactly(PASSWD, GROUP);
  }

  @Test
  void refusesABaseWithoutPasswd() {
    assertThatThrownBy(() -> AccountFiles.of(Map.of("/etc/group", GROUP), "scratch-thing:1"))
        .isInstanceOfSatisfying(
            ConfigurationException.class,
            e -> {
              assertThat(e.setting()).contains(Setting.FROM);
              assertThat(e.value()).contains("scratch-thing:1");
              assertThat(e.getMessage()).contains("scratch-thing:1").contains("/etc/passwd");
              assertThat(e.suggestion().orElseThrow())
                  .startsWith("perhaps you should")
                  .contains("jenkins/jenkins:lts-jdk21");
            });
  }

  @Test
  void refusesABaseWithoutGroup() {
    assertThatThrownBy(() -> AccountFiles.of(Map.of("/etc/passwd", PASSWD), "distroless:1"))
        .isInstanceOfSatisfying(
            ConfigurationException.class,
            e -> {
              assertThat(e.setting()).contains(Setting.FROM);
              assertThat(e.getMessage()).contains("distroless:1").contains("/etc/group");
            });
  }

  @Test
  void refusesAnEmptyBase() {
    assertThatThrownBy(() -> AccountFiles.of(Map.of(), "scratch"))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("/etc/passwd nor /etc/group");
  }

  @Test
  void refusesAFileInTheWrongSlot() {
    assertThatThrownBy(() -> new AccountFiles(GROUP, GROUP, null, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("/etc/passwd");
  }
}
