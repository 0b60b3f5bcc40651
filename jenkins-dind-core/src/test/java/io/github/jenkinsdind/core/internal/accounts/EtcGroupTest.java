package io.github.jenkinsdind.core.internal.accounts;

import static io.github.jenkinsdind.core.internal.accounts.Fixtures.bytes;
import static io.github.jenkinsdind.core.internal.accounts.Fixtures.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.jenkinsdind.core.internal.accounts.EtcGroup.Group;
import java.util.List;
import org.junit.jupiter.api.Test;

class EtcGroupTest {
  private final EtcGroup debian = EtcGroup.parse(bytes(Fixtures.GROUP + Fixtures.JENKINS_GROUP));

  @Test
  void readsADebianGroupFile() {
    assertThat(debian.groups()).hasSize(39);
    assertThat(debian.byName("shadow")).contains(new Group("shadow", "x", 42, List.of()));
    assertThat(debian.byGid(100).map(Group::name)).contains("users");
    assertThat(debian.byName("docker")).isEmpty();
    assertThat(debian.byGid(999)).isEmpty();
    assertThat(debian.toBytes()).isEqualTo(bytes(Fixtures.GROUP + Fixtures.JENKINS_GROUP));
  }

  @Test
  void readsMembers() {
    EtcGroup group = EtcGroup.parse(bytes("docker:x:999:alice,bob\nempty:x:1\n"));

    assertThat(group.byName("docker").orElseThrow().members()).containsExactly("alice", "bob");
    assertThat(group.byName("empty").orElseThrow().members()).isEmpty();
  }

  @Test
  void findsTheFirstEntryOfANameOrGid() {
    EtcGroup group = EtcGroup.parse(bytes("a:x:5:\nb:x:5:\na:x:6:\n"));

    assertThat(group.byName("a").orElseThrow().gid()).isEqualTo(5);
    assertThat(group.byGid(5).orElseThrow().name()).isEqualTo("a");
  }

  @Test
  void skipsCommentsBlanksNisAndMalformedLinesButKeepsThem() {
    String content =
        "# groups\n\n+nis\ndocker:x:notanumber:\nshort:x\n  spaced:x:7:  bob \ndocker:x:999:\n";
    EtcGroup group = EtcGroup.parse(bytes(content));

    assertThat(group.groups())
        .containsExactly(
            new Group("spaced", "x", 7, List.of("bob")), new Group("docker", "x", 999, List.of()));
    assertThat(text(group.toBytes())).isEqualTo(content);
  }

  @Test
  void addsAGroupAtTheEnd() {
    EtcGroup edited = debian.withGroup("docker", 999);

    assertThat(text(edited.toBytes()))
        .isEqualTo(Fixtures.GROUP + Fixtures.JENKINS_GROUP + "docker:x:999:\n");
    assertThat(edited.byName("docker")).contains(new Group("docker", "x", 999, List.of()));
    assertThat(text(debian.toBytes())).isEqualTo(Fixtures.GROUP + Fixtures.JENKINS_GROUP);
  }

  @Test
  void addingAnExistingGroupWithItsGidChangesNothing() {
    assertThat(debian.withGroup("users", 100)).isSameAs(debian);
  }

  @Test
  void refusesToAddAnExistingGroupWithAnotherGid() {
    assertThatThrownBy(() -> debian.withGroup("users", 101))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("users")
        .hasMessageContaining("100");
  }

  @Test
  void refusesNamesThatWouldBreakTheFile() {
    assertThatThrownBy(() -> debian.withGroup("a:b", 5))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> debian.withGroup("a\nroot", 5))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> debian.withMember("users", "a,b"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void changesAGidAndKeepsTheMembers() {
    EtcGroup group = EtcGroup.parse(bytes("root:x:0:\ndocker:x:998:alice,bob\nusers:x:100:\n"));

    EtcGroup edited = group.withGid("docker", 999);

    assertThat(text(edited.toBytes()))
        .isEqualTo("root:x:0:\ndocker:x:999:alice,bob\nusers:x:100:\n");
    assertThat(edited.withGid("docker", 999)).isSameAs(edited);
  }

  @Test
  void changingTheGidOfAMissingGroupFails() {
    assertThatThrownBy(() -> debian.withGid("docker", 999))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("docker");
  }

  @Test
  void addsAMemberOnce() {
    EtcGroup once = debian.withMember("users", "jenkins");
    EtcGroup twice = once.withMember("users", "jenkins");
    EtcGroup other = twice.withMember("users", "alice");

    assertThat(text(once.toBytes())).contains("\nusers:x:100:jenkins\n");
    assertThat(twice).isSameAs(once);
    assertThat(text(other.toBytes())).contains("\nusers:x:100:jenkins,alice\n");
    assertThat(other.byName("users").orElseThrow().members()).containsExactly("jenkins", "alice");
  }

  @Test
  void addsAMemberToALineWithoutMemberField() {
    EtcGroup group = EtcGroup.parse(bytes("docker:x:999\n"));

    assertThat(text(group.withMember("docker", "jenkins").toBytes()))
        .isEqualTo("docker:x:999:jenkins\n");
  }

  @Test
  void addingAMemberToAMissingGroupFails() {
    assertThatThrownBy(() -> debian.withMember("docker", "jenkins"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void editsTouchOnlyTheirLine() {
    String content =
        "# comment, kept\r\n\r\nroot:x:0:\r\n  odd :x:5: a , b \r\ndocker:x:998:alice\r\nlast:x:9:";
    EtcGroup group = EtcGroup.parse(bytes(content));

    EtcGroup edited =
        group
            .withGid("docker", 999)
            .withMember("docker", "jenkins")
            .withMember("odd", "jenkins")
            .withGroup("new", 1234);

    assertThat(text(edited.toBytes()))
        .isEqualTo(
            "# comment, kept\r\n\r\nroot:x:0:\r\n  odd :x:5: a , b ,jenkins\r\n"
                + "docker:x:999:alice,jenkins\r\nlast:x:9:\r\nnew:x:1234:");
  }

  @Test
  void isAValue() {
    EtcGroup a = EtcGroup.parse(bytes("root:x:0:\n"));
    EtcGroup b = EtcGroup.parse(bytes("root:x:0:\n"));

    assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
    assertThat(a).isNotEqualTo(a.withMember("root", "jenkins"));
  }
}
