package io.github.jenkinsdind.core.internal.base;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EntryPathsTest {

  @Test
  void normalizesEntryNamesToAbsolutePaths() {
    assertThat(EntryPaths.normalize("./etc/group")).contains("/etc/group");
    assertThat(EntryPaths.normalize("etc//group")).contains("/etc/group");
    assertThat(EntryPaths.normalize("/etc/group")).contains("/etc/group");
    assertThat(EntryPaths.normalize("/etc/")).contains("/etc");
    assertThat(EntryPaths.normalize("./")).contains("/");
    assertThat(EntryPaths.normalize("")).contains("/");
  }

  @Test
  void resolvesDotDotInsideTheRoot() {
    assertThat(EntryPaths.normalize("etc/x/../group")).contains("/etc/group");
    assertThat(EntryPaths.normalize("etc/../etc/./passwd")).contains("/etc/passwd");
    assertThat(EntryPaths.normalize("etc/..")).contains("/");
  }

  @Test
  void aNameClimbingAboveTheRootIsNoPathAtAll() {
    assertThat(EntryPaths.normalize("../etc/group")).isEmpty();
    assertThat(EntryPaths.normalize("etc/../../group")).isEmpty();
    assertThat(EntryPaths.normalize("/../etc/passwd")).isEmpty();
    assertThat(EntryPaths.relative("../etc/passwd")).isEmpty();
  }

  @Test
  void relativeNamesHaveNoLeadingSlash() {
    assertThat(EntryPaths.relative("./blobs/sha256/abc")).contains("blobs/sha256/abc");
    assertThat(EntryPaths.relative("abc/../manifest.json")).contains("manifest.json");
    assertThat(EntryPaths.relative("./")).contains("");
  }
}
