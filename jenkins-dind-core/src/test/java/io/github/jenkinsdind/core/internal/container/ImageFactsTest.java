package io.github.jenkinsdind.core.internal.container;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class ImageFactsTest {

  @Test
  void readsTheProbesOutput() {
    ImageFacts facts =
        ImageFacts.parse(
                "motd from a profile\nuid=1000\nuser=jenkins\ngroups=1000 999\nsocketgid=106\n"
                    + "socketmode=660\ndocker=/usr/local/bin/docker\n")
            .orElseThrow();
    assertThat(facts)
        .isEqualTo(
            new ImageFacts(
                1000,
                "jenkins",
                List.of(1000L, 999L),
                OptionalLong.of(106),
                "660",
                Optional.of("/usr/local/bin/docker")));
    assertThat(facts.describeUser()).isEqualTo("jenkins (uid 1000)");
    assertThat(facts.socketGroupWritable()).isTrue();
  }

  @Test
  void aMissingSocketAndCliAreEmpty() {
    ImageFacts facts = ImageFacts.parse("uid=1001\nuser=1001\ngroups=0\n").orElseThrow();
    assertThat(facts.socketGid()).isEmpty();
    assertThat(facts.docker()).isEmpty();
    assertThat(facts.describeUser()).isEqualTo("uid 1001");
  }

  @Test
  void outputWithoutUserOrGroupsIsNoFacts() {
    assertThat(ImageFacts.parse("sh: id: not found\n")).isEmpty();
    assertThat(ImageFacts.parse("uid=1000\ngroups=a b\n")).isEmpty();
  }

  @Test
  void tellsAnOwnerOnlySocket() {
    ImageFacts facts =
        ImageFacts.parse("uid=0\nuser=root\ngroups=0\nsocketgid=0\nsocketmode=600\n").orElseThrow();
    assertThat(facts.socketGroupWritable()).isFalse();
  }
}
