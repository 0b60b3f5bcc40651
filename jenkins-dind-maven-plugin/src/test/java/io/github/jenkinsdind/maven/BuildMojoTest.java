package io.github.jenkinsdind.maven;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class BuildMojoTest {
  @Test
  void tagsMaySplitOnCommasAndBlanksAreDropped() {
    assertThat(BuildMojo.tagSet(null)).isEmpty();
    assertThat(BuildMojo.tagSet(List.of("1.0", " latest "))).containsExactly("1.0", "latest");
    assertThat(BuildMojo.tagSet(Arrays.asList("1.0,latest", "", null, "1.0", " , edge")))
        .containsExactly("1.0", "latest", "edge");
  }
}
