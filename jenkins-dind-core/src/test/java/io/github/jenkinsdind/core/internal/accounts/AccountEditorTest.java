package io.github.jenkinsdind.core.internal.accounts;

import static io.github.jenkinsdind.core.internal.accounts.Fixtures.GROUP;
import static io.github.jenkinsdind.core.internal.accounts.Fixtures.GSHADOW;
import static io.github.jenkinsdind.core.internal.accounts.Fixtures.JENKINS_GROUP;
import static io.github.jenkinsdind.core.internal.accounts.Fixtures.JENKINS_GSHADOW;
import static io.github.jenkinsdind.core.internal.accounts.Fixtures.JENKINS_PASSWD;
import static io.github.jenkinsdind.core.internal.accounts.Fixtures.JENKINS_SHADOW;
import static io.github.jenkinsdind.core.internal.accounts.Fixtures.PASSWD;
import static io.github.jenkinsdind.core.internal.accounts.Fixtures.SHADOW;
import static io.github.jenkinsdind.core.internal.accounts.Fixtures.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.jenkinsdind.core.api.AccountSpec;
import io.github.jenkinsdind.core.api.AccountSpec.NewUser;
import io.github.jenkinsdind.core.api.ConfigurationException;
import io.github.jenkinsdind.core.api.Setting;
import io.github.jenkinsdind.core.internal.accounts.EtcGroup.Group;
import io.github.jenkinsdind.core.internal.files.ImageFile;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class AccountEditorTest {
  private static final AccountSpec DEFAULTS = AccountSpec.defaults();
  private static final String JENKINS_BASE_GROUP = GROUP + JENKINS_GROUP;
  private static final String JENKINS_BASE_GSHADOW = GSHADOW + JENKINS_GSHADOW;

  private static String group(AccountEdit edit) {
    return text(edit.files().group().content());
  }

  private static String gshadow(AccountEdit edit) {
    return text(edit.files().gshadow().content());
  }

  private static String passwd(AccountEdit edit) {
    return text(edit.files().passwd().content());
  }

  private static String shadow(AccountEdit edit) {
    return text(edit.files().shadow().content());
  }

  private static void assertNoDuplicateGid(AccountEdit edit) {
    List<Long> gids =
        EtcGroup.parse(edit.files().group().content()).groups().stream().map(Group::gid).toList();
    assertThat(gids).doesNotHaveDuplicates();
  }

  // --- the plain case and the cases of the docker group ---

  @Test
  void createsTheGroupWithTheUserAsMember() throws ConfigurationException {
    AccountFiles base = Fixtures.jenkinsImage();

    AccountEdit edit = AccountEditor.apply(base, DEFAULTS);

    assertThat(group(edit)).isEqualTo(JENKINS_BASE_GROUP + "docker:x:999:jenkins\n");
    assertThat(gshadow(edit)).isEqualTo(JENKINS_BASE_GSHADOW + "docker:!::jenkins\n");
    assertThat(edit.files().passwd()).isEqualTo(base.passwd());
    assertThat(edit.files().shadow()).isEqualTo(base.shadow());
    assertThat(edit.warnings()).isEmpty();
    assertThat(edit.files().files())
        .filteredOn(f -> !base.files().contains(f))
        .containsExactly(edit.files().group(), edit.files().gshadow());
  }

  @Test
  void onlyAddsTheMemberWhenTheGroupHasTheGid() throws ConfigurationException {
    AccountFiles base = Fixtures.jenkinsImageWith("docker:x:999:\n", "docker:!::\n");

    AccountEdit edit = AccountEditor.apply(base, DEFAULTS);

    assertThat(group(edit)).isEqualTo(JENKINS_BASE_GROUP + "docker:x:999:jenkins\n");
    assertThat(gshadow(edit)).isEqualTo(JENKINS_BASE_GSHADOW + "docker:!::jenkins\n");
    assertThat(edit.warnings()).isEmpty();
  }

  @Test
  void changesNothingWhenTheUserIsAlreadyAMember() throws ConfigurationException {
    AccountFiles base =
        Fixtures.jenkinsImageWith("docker:x:999:alice,jenkins\n", "docker:!::alice,jenkins\n");

    AccountEdit edit = AccountEditor.apply(base, DEFAULTS);

    assertThat(edit.files()).isEqualTo(base);
    assertThat(edit.warnings()).isEmpty();
  }

  @Test
  void changesTheGidOfAnExistingGroupAndKeepsItsMembers() throws ConfigurationException {
    AccountFiles base = Fixtures.jenkinsImageWith("docker:x:998:alice\n", "docker:!::alice\n");

    AccountEdit edit = AccountEditor.apply(base, DEFAULTS);

    assertThat(group(edit)).isEqualTo(JENKINS_BASE_GROUP + "docker:x:999:alice,jenkins\n");
    assertThat(gshadow(edit)).isEqualTo(JENKINS_BASE_GSHADOW + "docker:!::alice,jenkins\n");
    assertThat(edit.warnings())
        .singleElement()
        .asString()
        .contains("docker")
        .contains("998")
        .contains("999");
  }

  @Test
  void movesTheUsersWhosePrimaryGroupChangesGidAsGroupmodDoes() throws ConfigurationException {
    AccountFiles base =
        Fixtures.files(
            PASSWD + JENKINS_PASSWD + "dockremap:x:1001:998::/nonexistent:/usr/sbin/nologin\n",
            JENKINS_BASE_GROUP + "docker:x:998:\n",
            JENKINS_BASE_GSHADOW + "docker:!::\n",
            SHADOW + JENKINS_SHADOW);

    AccountEdit edit = AccountEditor.apply(base, DEFAULTS);

    assertThat(passwd(edit))
        .isEqualTo(
            PASSWD + JENKINS_PASSWD + "dockremap:x:1001:999::/nonexistent:/usr/sbin/nologin\n");
    assertThat(group(edit)).isEqualTo(JENKINS_BASE_GROUP + "docker:x:999:jenkins\n");
    assertThat(edit.warnings()).singleElement().asString().contains("(dockremap) follow it");
  }

  @Test
  void createsAUserNamedAsTheGroup() throws ConfigurationException {
    AccountSpec spec = new AccountSpec("docker", "docker", 999, NewUser.defaults());

    AccountEdit edit = AccountEditor.apply(Fixtures.debian(), spec);

    assertThat(passwd(edit)).isEqualTo(PASSWD + "docker:x:1000:999::/var/jenkins_home:/bin/bash\n");
    assertThat(group(edit)).isEqualTo(GROUP + "docker:x:999:docker\n");
    assertThat(gshadow(edit)).isEqualTo(GSHADOW + "docker:!::docker\n");
    assertThat(edit.warnings()).hasSize(2);
    assertThat(AccountEditor.apply(edit.files(), spec).files()).isEqualTo(edit.files());
  }

  @Test
  void joinsTheGroupThatAlreadyHoldsTheGid() throws ConfigurationException {
    AccountFiles base =
        Fixtures.jenkinsImageWith("systemd-journal:x:999:\n", "systemd-journal:!::\n");

    AccountEdit edit = AccountEditor.apply(base, DEFAULTS);

    assertThat(group(edit)).isEqualTo(JENKINS_BASE_GROUP + "systemd-journal:x:999:jenkins\n");
    assertThat(gshadow(edit)).isEqualTo(JENKINS_BASE_GSHADOW + "systemd-journal:!::jenkins\n");
    assertThat(EtcGroup.parse(edit.files().group().content()).byName("docker")).isEmpty();
    assertNoDuplicateGid(edit);
    assertThat(edit.warnings())
        .singleElement()
        .asString()
        .contains("systemd-journal")
        .contains("999")
        .contains("docker");
  }

  @Test
  void joinsTheGidHolderAndLeavesAGroupOfTheWantedNameAlone() throws ConfigurationException {
    AccountFiles base =
        Fixtures.jenkinsImageWith(
            "systemd-journal:x:999:\ndocker:x:998:alice\n",
            "systemd-journal:!::\ndocker:!::alice\n");

    AccountEdit edit = AccountEditor.apply(base, DEFAULTS);

    assertThat(group(edit))
        .isEqualTo(JENKINS_BASE_GROUP + "systemd-journal:x:999:jenkins\ndocker:x:998:alice\n");
    assertThat(gshadow(edit))
        .isEqualTo(JENKINS_BASE_GSHADOW + "systemd-journal:!::jenkins\ndocker:!::alice\n");
    assertNoDuplicateGid(edit);
    assertThat(edit.warnings())
        .singleElement()
        .asString()
        .contains("systemd-journal")
        .contains("docker, GID 998, is left as it is");
  }

  @Test
  void addsAMissingGshadowEntryForTheGroupItJoins() throws ConfigurationException {
    AccountFiles base = Fixtures.jenkinsImageWith("systemd-journal:x:999:\n", "");

    AccountEdit edit = AccountEditor.apply(base, DEFAULTS);

    assertThat(gshadow(edit)).isEqualTo(JENKINS_BASE_GSHADOW + "systemd-journal:!::jenkins\n");
  }

  @Test
  void joinsRootForGidZeroWithAWarning() throws ConfigurationException {
    AccountEdit edit = AccountEditor.apply(Fixtures.jenkinsImage(), DEFAULTS.withGid(0));

    assertThat(group(edit))
        .isEqualTo("root:x:0:jenkins\n" + JENKINS_BASE_GROUP.substring("root:x:0:\n".length()));
    assertThat(gshadow(edit)).startsWith("root:*::jenkins\ndaemon:*::\n");
    assertThat(EtcGroup.parse(edit.files().group().content()).byName("docker")).isEmpty();
    assertThat(edit.warnings()).hasSize(2);
    assertThat(edit.warnings().get(0))
        .contains("dockerGid is 0")
        .contains("Docker Desktop")
        .contains("group-owned by root");
    assertThat(edit.warnings().get(1)).contains("root");
  }

  @Test
  void acceptsTheLargestGid() throws ConfigurationException {
    AccountEdit edit = AccountEditor.apply(Fixtures.jenkinsImage(), DEFAULTS.withGid(2147483647L));

    assertThat(group(edit)).endsWith("\ndocker:x:2147483647:jenkins\n");
  }

  @ParameterizedTest
  @ValueSource(longs = {-1, 2147483648L, 4294967295L, Long.MIN_VALUE, Long.MAX_VALUE})
  void refusesGidsOutOfRange(long gid) {
    assertThatThrownBy(() -> AccountEditor.apply(Fixtures.jenkinsImage(), DEFAULTS.withGid(gid)))
        .isInstanceOfSatisfying(
            ConfigurationException.class,
            e -> {
              assertThat(e.setting()).contains(Setting.DOCKER_GID);
              assertThat(e.value()).contains("" + gid);
              assertThat(e.getMessage()).contains("" + gid).contains("2147483647");
              assertThat(e.suggestion().orElseThrow()).startsWith("perhaps you should");
            });
  }

  // --- names ---

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "-docker",
        "docker group",
        "dock:er",
        "dock,er",
        "docker\n",
        "dockér",
        "1234",
        "abcdefghijklmnopqrstuvwxyz0123456"
      })
  void refusesInvalidGroupNames(String name) {
    AccountSpec spec = new AccountSpec("jenkins", name, 999, NewUser.defaults());

    assertThatThrownBy(() -> AccountEditor.apply(Fixtures.jenkinsImage(), spec))
        .isInstanceOfSatisfying(
            ConfigurationException.class,
            e -> {
              assertThat(e.setting()).contains(Setting.DOCKER_GROUP);
              assertThat(e.value()).contains(name);
              assertThat(e.getMessage()).contains("'" + name + "'").contains("32");
            });
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "-jenkins", "jen kins", "jen:kins", "root\nx", "0", "jenkinś"})
  void refusesInvalidUserNames(String name) {
    AccountSpec spec = new AccountSpec(name, "docker", 999, NewUser.defaults());

    assertThatThrownBy(() -> AccountEditor.apply(Fixtures.jenkinsImage(), spec))
        .isInstanceOfSatisfying(
            ConfigurationException.class,
            e -> {
              assertThat(e.setting()).contains(Setting.USER);
              assertThat(e.value()).contains(name);
            });
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"docker", "_docker", "d.o-c_k3r", "Docker2", "abcdefghijklmnopqrstuvwxyz012345"})
  void acceptsPortableGroupNames(String name) throws ConfigurationException {
    AccountSpec spec = new AccountSpec("jenkins", name, 999, NewUser.defaults());

    AccountEdit edit = AccountEditor.apply(Fixtures.jenkinsImage(), spec);

    assertThat(group(edit)).endsWith("\n" + name + ":x:999:jenkins\n");
  }

  @Test
  void validatesWithoutFiles() {
    assertThatThrownBy(
            () -> AccountEditor.validate(new AccountSpec("ok", "-bad", 1, NewUser.defaults())))
        .isInstanceOf(ConfigurationException.class);
    assertThatThrownBy(() -> AccountEditor.validate(DEFAULTS.withGid(-5)))
        .isInstanceOf(ConfigurationException.class);
  }

  // --- a missing user ---

  @Test
  void createsAMissingUserWithItsOwnGroup() throws ConfigurationException {
    AccountFiles base = Fixtures.debian();

    AccountEdit edit = AccountEditor.apply(base, DEFAULTS);

    assertThat(passwd(edit)).isEqualTo(PASSWD + JENKINS_PASSWD);
    assertThat(group(edit)).isEqualTo(GROUP + "jenkins:x:1000:\ndocker:x:999:jenkins\n");
    assertThat(gshadow(edit)).isEqualTo(GSHADOW + "jenkins:!::\ndocker:!::jenkins\n");
    assertThat(shadow(edit)).isEqualTo(SHADOW + "jenkins:!::0:99999:7:::\n");
    assertThat(edit.warnings())
        .singleElement()
        .asString()
        .contains("no user jenkins")
        .contains("UID 1000")
        .contains("GID 1000")
        .contains("/var/jenkins_home")
        .contains("/bin/bash");
  }

  @Test
  void createsAUserAsNewUserSays() throws ConfigurationException {
    AccountSpec spec =
        new AccountSpec("ci", "docker", 999, new NewUser(1500, 1600, "/home/ci", "/bin/sh"));

    AccountEdit edit = AccountEditor.apply(Fixtures.debian(), spec);

    assertThat(passwd(edit)).isEqualTo(PASSWD + "ci:x:1500:1600::/home/ci:/bin/sh\n");
    assertThat(group(edit)).isEqualTo(GROUP + "ci:x:1600:\ndocker:x:999:ci\n");
  }

  @Test
  void createsAUserInABaseWithoutShadowFiles() throws ConfigurationException {
    AccountFiles base = Fixtures.files(PASSWD, GROUP, null, null);

    AccountEdit edit = AccountEditor.apply(base, DEFAULTS);

    assertThat(passwd(edit)).isEqualTo(PASSWD + JENKINS_PASSWD);
    assertThat(group(edit)).isEqualTo(GROUP + "jenkins:x:1000:\ndocker:x:999:jenkins\n");
    assertThat(edit.files().gshadow()).isNull();
    assertThat(edit.files().shadow()).isNull();
  }

  @Test
  void usesTheBasesGroupNamedAsTheMissingUser() throws ConfigurationException {
    AccountFiles base = Fixtures.files(PASSWD, GROUP + "jenkins:x:1001:\n", GSHADOW, SHADOW);

    AccountEdit edit = AccountEditor.apply(base, DEFAULTS);

    assertThat(passwd(edit))
        .isEqualTo(PASSWD + "jenkins:x:1000:1001::/var/jenkins_home:/bin/bash\n");
    assertThat(group(edit)).isEqualTo(GROUP + "jenkins:x:1001:\ndocker:x:999:jenkins\n");
    assertThat(gshadow(edit)).isEqualTo(GSHADOW + "jenkins:!::\ndocker:!::jenkins\n");
    assertThat(edit.warnings())
        .singleElement()
        .asString()
        .contains("GID 1001, the base's existing group");
  }

  @Test
  void keepsAStaleShadowEntryOfTheMissingUser() throws ConfigurationException {
    AccountFiles base = Fixtures.files(PASSWD, GROUP, GSHADOW, SHADOW + JENKINS_SHADOW);

    AccountEdit edit = AccountEditor.apply(base, DEFAULTS);

    assertThat(shadow(edit)).isEqualTo(SHADOW + JENKINS_SHADOW);
  }

  @Test
  void refusesToCreateAUserWithATakenUid() {
    AccountFiles base =
        Fixtures.files(
            PASSWD + "ubuntu:x:1000:1000:Ubuntu:/home/ubuntu:/bin/bash\n",
            GROUP + "ubuntu:x:1000:\n",
            GSHADOW + "ubuntu:!::\n",
            SHADOW + "ubuntu:!:19000:0:99999:7:::\n");

    assertThatThrownBy(() -> AccountEditor.apply(base, DEFAULTS))
        .isInstanceOfSatisfying(
            ConfigurationException.class,
            e -> {
              assertThat(e.setting()).contains(Setting.USER);
              assertThat(e.value()).contains("jenkins");
              assertThat(e.getMessage()).contains("UID 1000").contains("ubuntu");
              assertThat(e.suggestion().orElseThrow())
                  .startsWith("perhaps you should")
                  .contains("ubuntu");
            });
  }

  @Test
  void refusesToCreateAPrimaryGroupWithATakenGid() {
    AccountFiles base = Fixtures.files(PASSWD, GROUP + "staff2:x:1000:\n", GSHADOW, SHADOW);

    assertThatThrownBy(() -> AccountEditor.apply(base, DEFAULTS))
        .isInstanceOfSatisfying(
            ConfigurationException.class,
            e -> {
              assertThat(e.setting()).contains(Setting.USER);
              assertThat(e.getMessage()).contains("GID 1000").contains("staff2");
            });
  }

  @ParameterizedTest
  @MethodSource("badNewUsers")
  void refusesToCreateAUserWithBadSettings(NewUser newUser, String inMessage) {
    AccountSpec spec = new AccountSpec("jenkins", "docker", 999, newUser);

    assertThatThrownBy(() -> AccountEditor.apply(Fixtures.debian(), spec))
        .isInstanceOfSatisfying(
            ConfigurationException.class,
            e -> {
              assertThat(e.setting()).contains(Setting.USER);
              assertThat(e.getMessage()).contains(inMessage);
            });
  }

  static Stream<Arguments> badNewUsers() {
    return Stream.of(
        Arguments.of(new NewUser(-1, 1000, "/h", "/bin/sh"), "-1"),
        Arguments.of(new NewUser(1000, 2147483648L, "/h", "/bin/sh"), "2147483648"),
        Arguments.of(new NewUser(1000, 1000, "home", "/bin/sh"), "'home'"),
        Arguments.of(new NewUser(1000, 1000, "/a:b", "/bin/sh"), "'/a:b'"),
        Arguments.of(new NewUser(1000, 1000, "/h", "/bin/sh\n"), "/bin/sh"));
  }

  @Test
  void doesNotLookAtNewUserWhenTheUserExists() throws ConfigurationException {
    AccountSpec spec = new AccountSpec("jenkins", "docker", 999, new NewUser(-1, -1, "bad", "bad"));

    assertThat(AccountEditor.apply(Fixtures.jenkinsImage(), spec).warnings()).isEmpty();
  }

  // --- what is kept ---

  @Test
  void keepsModesAndOwners() throws ConfigurationException {
    AccountFiles base =
        new AccountFiles(
            new ImageFile("/etc/passwd", Fixtures.bytes(PASSWD), 0644, 0, 0),
            new ImageFile("/etc/group", Fixtures.bytes(GROUP), 0600, 7, 8),
            new ImageFile("/etc/gshadow", Fixtures.bytes(GSHADOW), 0640, 0, 42),
            new ImageFile("/etc/shadow", Fixtures.bytes(SHADOW), 0400, 0, 42));

    AccountEdit edit = AccountEditor.apply(base, DEFAULTS);

    for (int i = 0; i < 4; i++) {
      ImageFile before = base.files().get(i);
      ImageFile after = edit.files().files().get(i);
      assertThat(after.path()).isEqualTo(before.path());
      assertThat(after.mode()).isEqualTo(before.mode());
      assertThat(after.uid()).isEqualTo(before.uid());
      assertThat(after.gid()).isEqualTo(before.gid());
      assertThat(after.content()).isNotEqualTo(before.content());
    }
  }

  @Test
  void keepsEveryUnrelatedLineByteForByte() throws ConfigurationException {
    String group =
        "# /etc/group, edited by hand\r\n"
            + "\r\n"
            + "root:x:0:\r\n"
            + "  users:x:100:  alice\r\n"
            + "#docker:x:999:\r\n"
            + "systemd-journal:x:999:\r\n"
            + "jenkins:x:1000:";
    String gshadow = "root:*::\nsystemd-journal:!::   \njenkins:!::";
    AccountFiles base =
        Fixtures.files(
            PASSWD + "# trailing comment\n" + JENKINS_PASSWD.strip(),
            group,
            gshadow,
            SHADOW + JENKINS_SHADOW);

    AccountEdit edit = AccountEditor.apply(base, DEFAULTS);

    assertThat(group(edit))
        .isEqualTo(
            group.replace("systemd-journal:x:999:\r\n", "systemd-journal:x:999:jenkins\r\n"));
    assertThat(gshadow(edit)).isEqualTo("root:*::\nsystemd-journal:!::jenkins\njenkins:!::");
    assertThat(edit.files().passwd()).isEqualTo(base.passwd());
    assertThat(edit.files().shadow()).isEqualTo(base.shadow());
  }

  @Test
  void appendsInTheFilesStyle() throws ConfigurationException {
    AccountFiles base =
        Fixtures.files(
            "root:x:0:0:root:/root:/bin/bash\r\n",
            "root:x:0:\r\nusers:x:100:",
            "root:*::\r\nusers:*::",
            "root:*:1:0:99999:7:::");

    AccountEdit edit = AccountEditor.apply(base, DEFAULTS);

    assertThat(passwd(edit))
        .isEqualTo("root:x:0:0:root:/root:/bin/bash\r\n" + JENKINS_PASSWD.replace("\n", "\r\n"));
    assertThat(group(edit))
        .isEqualTo("root:x:0:\r\nusers:x:100:\r\njenkins:x:1000:\r\ndocker:x:999:jenkins");
    assertThat(gshadow(edit))
        .isEqualTo("root:*::\r\nusers:*::\r\njenkins:!::\r\ndocker:!::jenkins");
    assertThat(shadow(edit)).isEqualTo("root:*:1:0:99999:7:::\njenkins:!::0:99999:7:::");
  }

  // --- idempotency ---

  static Stream<Arguments> scenarios() {
    return Stream.of(
        Arguments.of("plain", Fixtures.jenkinsImage(), DEFAULTS),
        Arguments.of(
            "group has the GID",
            Fixtures.jenkinsImageWith("docker:x:999:\n", "docker:!::\n"),
            DEFAULTS),
        Arguments.of(
            "group has another GID",
            Fixtures.jenkinsImageWith("docker:x:998:alice\n", "docker:!::alice\n"),
            DEFAULTS),
        Arguments.of(
            "another group holds the GID",
            Fixtures.jenkinsImageWith("systemd-journal:x:999:\n", "systemd-journal:!::\n"),
            DEFAULTS),
        Arguments.of(
            "both",
            Fixtures.jenkinsImageWith(
                "systemd-journal:x:999:\ndocker:x:998:\n", "systemd-journal:!::\ndocker:!::\n"),
            DEFAULTS),
        Arguments.of("GID 0", Fixtures.jenkinsImage(), DEFAULTS.withGid(0)),
        Arguments.of("missing user", Fixtures.debian(), DEFAULTS),
        Arguments.of("no shadow files", Fixtures.files(PASSWD, GROUP, null, null), DEFAULTS),
        Arguments.of(
            "no final newline, CRLF",
            Fixtures.files("root:x:0:0::/:/bin/sh", "root:x:0:\r\nx:x:1:", "root:*::", null),
            DEFAULTS));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void applyingTheEditTwiceGivesTheSameFiles(String name, AccountFiles base, AccountSpec spec)
      throws ConfigurationException {
    AccountEdit once = AccountEditor.apply(base, spec);
    AccountEdit twice = AccountEditor.apply(once.files(), spec);

    assertThat(twice.files()).isEqualTo(once.files());
    for (int i = 0; i < once.files().files().size(); i++) {
      assertThat(twice.files().files().get(i).content())
          .isEqualTo(once.files().files().get(i).content());
    }
    assertNoDuplicateGid(once);
    assertThat(AccountEditor.apply(base, spec)).isEqualTo(once);
  }
}
