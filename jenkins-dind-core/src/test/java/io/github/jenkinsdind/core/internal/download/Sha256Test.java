package io.github.jenkinsdind.core.internal.download;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.jenkinsdind.core.api.ConfigurationException;
import io.github.jenkinsdind.core.api.Setting;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Sha256Test {
  private static final String EMPTY =
      "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

  @Test
  void digestsFilesAndText(@TempDir Path dir) throws Exception {
    Path empty = Files.createFile(dir.resolve("empty"));
    Path abc = Files.writeString(dir.resolve("abc"), "abc");

    assertThat(Sha256.ofFile(empty)).isEqualTo(EMPTY);
    assertThat(Sha256.ofText("")).isEqualTo(EMPTY);
    assertThat(Sha256.ofFile(abc))
        .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  }

  @Test
  void normalizesConfiguredValues() throws Exception {
    assertThat(Sha256.parseConfigured(null, Setting.DOCKER_CLIENT_SHA256, "docker CLI file"))
        .isEmpty();
    assertThat(Sha256.parseConfigured("  ", Setting.DOCKER_CLIENT_SHA256, "docker CLI file"))
        .isEmpty();
    assertThat(Sha256.parseConfigured(EMPTY, Setting.DOCKER_CLIENT_SHA256, "docker CLI file"))
        .contains(EMPTY);
    assertThat(
            Sha256.parseConfigured(
                " SHA256:" + EMPTY.toUpperCase(java.util.Locale.ROOT),
                Setting.DOCKER_CLIENT_SHA256,
                "docker CLI file"))
        .contains(EMPTY);
  }

  @Test
  void refusesMalformedValues() {
    for (String bad : new String[] {"abc", EMPTY + "0", "sha1:" + EMPTY, EMPTY.replace('e', 'x')}) {
      ConfigurationException e =
          catchThrowableOfType(
              ConfigurationException.class,
              () -> Sha256.parseConfigured(bad, Setting.DOCKER_CLIENT_SHA256, "docker CLI file"));
      assertThat(e).as(bad).isNotNull();
      assertThat(e.setting()).contains(Setting.DOCKER_CLIENT_SHA256);
      assertThat(e.value()).contains(bad);
    }
  }
}
