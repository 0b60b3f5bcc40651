package io.github.jenkinsdind.core.internal.base;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.jenkinsdind.core.api.ConfigurationException;
import io.github.jenkinsdind.core.api.Setting;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class BaseReferenceTest {

  @Test
  void aBareReferenceIsARegistryImage() throws Exception {
    BaseReference r = BaseReference.parse(" jenkins/jenkins:lts-jdk21 ");

    assertThat(r.kind()).isEqualTo(BaseReference.Kind.REGISTRY);
    assertThat(r.reference()).isEqualTo("jenkins/jenkins:lts-jdk21");
    assertThat(r.imageReference().getRegistry()).isEqualTo("registry-1.docker.io");
    assertThat(r.imageReference().getRepository()).isEqualTo("jenkins/jenkins");
    assertThat(r).hasToString("registry://jenkins/jenkins:lts-jdk21");
  }

  @Test
  void registryPrefix() throws Exception {
    BaseReference r =
        BaseReference.parse("registry://127.0.0.1:5000/jenkins@sha256:" + "a".repeat(64));

    assertThat(r.kind()).isEqualTo(BaseReference.Kind.REGISTRY);
    assertThat(r.reference()).isEqualTo("127.0.0.1:5000/jenkins@sha256:" + "a".repeat(64));
    assertThat(r.imageReference().getRegistry()).isEqualTo("127.0.0.1:5000");
    assertThat(r.imageReference().getDigest()).contains("sha256:" + "a".repeat(64));
  }

  @Test
  void dockerPrefixIsTheDaemon() throws Exception {
    BaseReference r = BaseReference.parse("docker://my-jenkins:1");

    assertThat(r.kind()).isEqualTo(BaseReference.Kind.DAEMON);
    assertThat(r.reference()).isEqualTo("my-jenkins:1");
    assertThat(r).hasToString("docker://my-jenkins:1");
    assertThatThrownBy(r::tarPath).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void tarPrefixIsAFile() throws Exception {
    BaseReference r = BaseReference.parse("tar://target/jenkins base.tar");

    assertThat(r.kind()).isEqualTo(BaseReference.Kind.TAR);
    assertThat(r.tarPath()).isEqualTo(Path.of("target/jenkins base.tar"));
    assertThat(BaseReference.parse("tar:///tmp/x.tar").tarPath()).isEqualTo(Path.of("/tmp/x.tar"));
    assertThatThrownBy(r::imageReference).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void anEmptyTarPathIsAnError() {
    assertThatThrownBy(() -> BaseReference.parse("tar://  "))
        .isInstanceOfSatisfying(
            ConfigurationException.class,
            e -> {
              assertThat(e.setting()).contains(Setting.FROM);
              assertThat(e.value()).contains("tar://  ");
              assertThat(e.suggestion())
                  .hasValueSatisfying(s -> assertThat(s).contains("tar://path"));
            })
        .hasMessageContaining("names no tar file");
  }

  @Test
  void anInvalidReferenceIsAnErrorWithAnExample() {
    for (String bad :
        new String[] {"Jenkins/JENKINS:lts", "docker://a b", "registry://:5000/x", "x:tag:tag"}) {
      assertThatThrownBy(() -> BaseReference.parse(bad))
          .as(bad)
          .isInstanceOfSatisfying(
              ConfigurationException.class,
              e -> {
                assertThat(e.setting()).contains(Setting.FROM);
                assertThat(e.value()).contains(bad);
                assertThat(e.suggestion())
                    .hasValueSatisfying(
                        s ->
                            assertThat(s)
                                .contains(
                                    "perhaps you should write it as registry/repository:tag"));
              })
          .hasMessageContaining("is not a valid image reference");
    }
  }

  @Test
  void anUnknownPrefixOrNothingIsAnError() {
    assertThatThrownBy(() -> BaseReference.parse("oci://layout"))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("unknown prefix");
    assertThatThrownBy(() -> BaseReference.parse(" "))
        .isInstanceOfSatisfying(
            ConfigurationException.class, e -> assertThat(e.setting()).contains(Setting.FROM))
        .hasMessageContaining("not set");
    assertThatThrownBy(() -> BaseReference.parse(null)).isInstanceOf(ConfigurationException.class);
  }
}
