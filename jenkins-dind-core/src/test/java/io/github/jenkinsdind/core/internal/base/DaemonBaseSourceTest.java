package io.github.jenkinsdind.core.internal.base;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.dockerjava.core.DefaultDockerClientConfig;
import io.github.jenkinsdind.core.api.EnvironmentException;
import io.github.jenkinsdind.core.api.EventHandler;
import io.github.jenkinsdind.core.api.ImagePlatform;
import io.github.jenkinsdind.core.api.Setting;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What needs no daemon; reading a real daemon's image is tested in the it module. */
class DaemonBaseSourceTest {
  @TempDir Path dir;

  @Test
  void anUnreachableDaemonIsAnEnvironmentErrorNamingDockerHost() throws Exception {
    String host = "unix://" + dir.resolve("no-docker.sock");
    try (DaemonBaseSource source =
        new DaemonBaseSource(
            "jenkins/jenkins:lts",
            dir.resolve("tmp"),
            EventHandler.NONE,
            () ->
                DefaultDockerClientConfig.createDefaultConfigBuilder()
                    .withDockerHost(host)
                    .build())) {
      assertThat(source.describe()).isEqualTo("Docker daemon image jenkins/jenkins:lts");
      assertThatThrownBy(() -> source.resolve(ImagePlatform.LINUX_AMD64))
          .isInstanceOfSatisfying(
              EnvironmentException.class,
              e -> {
                assertThat(e.setting()).contains(Setting.FROM);
                assertThat(e.value()).contains("docker://jenkins/jenkins:lts");
                assertThat(e.suggestion())
                    .hasValueSatisfying(
                        s -> assertThat(s).contains("perhaps you should start Docker"));
              })
          .hasMessageStartingWith(
              "could not reach the Docker daemon at "
                  + host
                  + " (DOCKER_HOST) to inspect the base image jenkins/jenkins:lts");
    }
    assertThat(dir.resolve("tmp")).doesNotExist();
  }
}
