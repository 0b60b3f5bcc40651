package io.github.jenkinsdind.core.internal.imagebuild;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.cloud.tools.jib.api.ImageReference;
import io.github.jenkinsdind.core.api.ImagePlatform;
import org.junit.jupiter.api.Test;

class IndexTargetsTest {

  @Test
  void aTarsIndexNamesDockerHubImagesAsDockerDoes() throws Exception {
    assertThat(IndexTargets.layoutName(ImageReference.parse("example/jenkins:1.0")))
        .isEqualTo("docker.io/example/jenkins");
    assertThat(IndexTargets.layoutName(ImageReference.parse("jenkins:1.0")))
        .isEqualTo("docker.io/library/jenkins");
    assertThat(IndexTargets.layoutName(ImageReference.parse("docker.io/ci/jenkins:1.0")))
        .isEqualTo("docker.io/ci/jenkins");
    assertThat(IndexTargets.layoutName(ImageReference.parse("127.0.0.1:5000/ci/jenkins:1.0")))
        .isEqualTo("127.0.0.1:5000/ci/jenkins");
  }

  @Test
  void eachPlatformOfARegistryTargetHasATagOfItsOwn() throws Exception {
    assertThat(
            IndexTargets.platformReference(
                    ImageReference.parse("127.0.0.1:5000/ci/jenkins:1.0"),
                    new ImagePlatform("linux", "arm64"))
                .toString())
        .isEqualTo("127.0.0.1:5000/ci/jenkins:1.0-linux-arm64");
  }
}
