package io.github.jenkinsdind.core.internal.accounts;

import static io.github.jenkinsdind.core.internal.accounts.Fixtures.bytes;
import static io.github.jenkinsdind.core.internal.accounts.Fixtures.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.jenkinsdind.core.internal.accounts.EtcPasswd.User;
import org.junit.jupiter.api.Test;

class EtcPasswdTest {
  private static final User JENKINS =
      new User("jenkins", "x", 1000, 1000, "", "/var/jenkins_home", "/bin/bash");

  private final EtcPasswd debian = EtcPasswd.parse(bytes(Fixtures.PASSWD));

  @Test
  void readsADebianPasswdFile() {
    assertThat(debian.users()).hasSize(18);
    assertThat(debian.user("list"))
        .contains(
            new User(
                "list", "x", 38, 38, "Mailing List Manager", "/var/list", "/usr/sbin/nologin"));
    assertThat(debian.byUid(65534).map(User::name)).contains("nobody");
    assertThat(debian.user("jenkins")).isEmpty();
    assertThat(debian.byUid(1000)).isEmpty();
  }

  @Test
  void readsShortAndOddLines() {
    String content = "# users\n\n+@nis\nbad:x:one:1::/:/bin/sh\n  short:x:5:6\n";
    EtcPasswd passwd = EtcPasswd.parse(bytes(content));

    assertThat(passwd.users()).containsExactly(new User("short", "x", 5, 6, "", "", ""));
    assertThat(text(passwd.toBytes())).isEqualTo(content);
  }

  @Test
  void addsAUserAtTheEnd() {
    EtcPasswd edited = debian.withUser(JENKINS);

    assertThat(text(edited.toBytes())).isEqualTo(Fixtures.PASSWD + Fixtures.JENKINS_PASSWD);
    assertThat(edited.user("jenkins")).contains(JENKINS);
    assertThat(edited.withUser(JENKINS)).isSameAs(edited);
  }

  @Test
  void keepsCrlfAndAMissingFinalNewline() {
    EtcPasswd passwd =
        EtcPasswd.parse(bytes("root:x:0:0:root:/root:/bin/bash\r\n#c\r\nx:x:1:1::/:"));

    assertThat(text(passwd.withUser(JENKINS).toBytes()))
        .isEqualTo(
            "root:x:0:0:root:/root:/bin/bash\r\n#c\r\nx:x:1:1::/:\r\n"
                + "jenkins:x:1000:1000::/var/jenkins_home:/bin/bash");
  }

  @Test
  void refusesAnotherUserOfTheSameName() {
    EtcPasswd edited = debian.withUser(JENKINS);

    assertThatThrownBy(
            () -> edited.withUser(new User("jenkins", "x", 1001, 1001, "", "/home", "/bin/sh")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("jenkins");
  }

  @Test
  void refusesFieldsThatWouldBreakTheFile() {
    assertThatThrownBy(() -> new User("jenkins", "x", 1, 1, "", "/a:b", "/bin/sh"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new User("jenkins", "x", 1, 1, "a\nroot::0:0", "/", "/bin/sh"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new User("jenkins", "x", -1, 1, "", "/", "/bin/sh"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void writesNonAsciiHomesAsUtf8() {
    User user = new User("j", "x", 1, 1, "Jérôme", "/home/jérôme", "/bin/sh");

    EtcPasswd edited = EtcPasswd.parse(new byte[0]).withUser(user);

    assertThat(edited.toBytes()).isEqualTo(bytes("j:x:1:1:Jérôme:/home/jérôme:/bin/sh\n"));
    assertThat(edited.user("j")).contains(user);
  }

  @Test
  void changesAPrimaryGidAndKeepsTheRestOfTheLine() {
    EtcPasswd passwd = EtcPasswd.parse(bytes("a:x:1:1::/:/bin/sh\r\n  b:x:2:998:B:/b:/bin/sh"));

    EtcPasswd edited = passwd.withGid("b", 999);

    assertThat(text(edited.toBytes())).isEqualTo("a:x:1:1::/:/bin/sh\r\n  b:x:2:999:B:/b:/bin/sh");
    assertThat(edited.withGid("b", 999)).isSameAs(edited);
    assertThatThrownBy(() -> passwd.withGid("c", 1)).isInstanceOf(IllegalArgumentException.class);
  }
}
