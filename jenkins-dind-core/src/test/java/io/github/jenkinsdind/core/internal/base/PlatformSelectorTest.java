package io.github.jenkinsdind.core.internal.base;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.jenkinsdind.core.api.ImagePlatform;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlatformSelectorTest {
  private static final ImagePlatform AMD64 = ImagePlatform.LINUX_AMD64;
  private static final ImagePlatform ARM64 = new ImagePlatform("linux", "arm64");

  private static PlatformSelector.Entry entry(
      String digest, String os, String arch, String variant) {
    return new PlatformSelector.Entry(digest, os, arch, variant, Map.of());
  }

  private static PlatformSelector.Entry attestation(String digest, String refersTo) {
    return new PlatformSelector.Entry(
        digest,
        "unknown",
        "unknown",
        null,
        Map.of(
            "vnd.docker.reference.type",
            "attestation-manifest",
            "vnd.docker.reference.digest",
            refersTo));
  }

  @Test
  void picksTheEntryOfTheWantedOsAndArchitecture() {
    List<PlatformSelector.Entry> entries =
        List.of(
            entry("sha256:a", "linux", "amd64", null),
            entry("sha256:b", "linux", "arm64", "v8"),
            entry("sha256:c", "linux", "ppc64le", null));

    assertThat(PlatformSelector.select(entries, AMD64)).map(e -> e.digest()).contains("sha256:a");
    assertThat(PlatformSelector.select(entries, ARM64)).map(e -> e.digest()).contains("sha256:b");
    assertThat(PlatformSelector.select(entries, new ImagePlatform("linux", "ppc64le")))
        .map(e -> e.digest())
        .contains("sha256:c");
  }

  @Test
  void findsNothingForAMissingPlatformOrAnotherOs() {
    List<PlatformSelector.Entry> entries =
        List.of(
            entry("sha256:a", "linux", "amd64", null), entry("sha256:w", "windows", "amd64", null));

    assertThat(PlatformSelector.select(entries, new ImagePlatform("linux", "s390x"))).isEmpty();
    assertThat(PlatformSelector.select(entries, new ImagePlatform("darwin", "amd64"))).isEmpty();
    assertThat(PlatformSelector.select(entries, new ImagePlatform("windows", "amd64")))
        .map(e -> e.digest())
        .contains("sha256:w");
  }

  @Test
  void ignoresAttestationsAndUnknownOrMissingPlatforms() {
    List<PlatformSelector.Entry> entries =
        List.of(
            attestation("sha256:att", "sha256:a"),
            entry("sha256:nop", null, null, null),
            entry("sha256:unk", "linux", "unknown", null),
            // an attestation that (wrongly) claims a platform is still an attestation
            new PlatformSelector.Entry(
                "sha256:att2",
                "linux",
                "amd64",
                null,
                Map.of("vnd.docker.reference.type", "attestation-manifest")),
            entry("sha256:a", "linux", "amd64", null));

    assertThat(PlatformSelector.select(entries, AMD64)).map(e -> e.digest()).contains("sha256:a");
    assertThat(PlatformSelector.select(entries, new ImagePlatform("unknown", "unknown"))).isEmpty();
    assertThat(PlatformSelector.platformsOf(entries)).containsExactly("linux/amd64");
  }

  @Test
  void prefersNoVariantThenV8ForArm64() {
    assertThat(
            PlatformSelector.select(
                List.of(
                    entry("sha256:v9", "linux", "arm64", "v9"),
                    entry("sha256:v8", "linux", "arm64", "v8"),
                    entry("sha256:none", "linux", "arm64", null)),
                ARM64))
        .map(e -> e.digest())
        .contains("sha256:none");
    assertThat(
            PlatformSelector.select(
                List.of(
                    entry("sha256:v9", "linux", "arm64", "v9"),
                    entry("sha256:v8", "linux", "arm64", "v8")),
                ARM64))
        .map(e -> e.digest())
        .contains("sha256:v8");
  }

  @Test
  void prefersV7ForArmAndTheFirstListedOtherwise() {
    List<PlatformSelector.Entry> arm =
        List.of(
            entry("sha256:v5", "linux", "arm", "v5"),
            entry("sha256:v6", "linux", "arm", "v6"),
            entry("sha256:v7", "linux", "arm", "v7"));
    assertThat(PlatformSelector.select(arm, new ImagePlatform("linux", "arm")))
        .map(e -> e.digest())
        .contains("sha256:v7");

    List<PlatformSelector.Entry> amd64Levels =
        List.of(
            entry("sha256:v3", "linux", "amd64", "v3"), entry("sha256:v2", "linux", "amd64", "v2"));
    assertThat(PlatformSelector.select(amd64Levels, AMD64))
        .map(e -> e.digest())
        .contains("sha256:v3");
  }

  @Test
  void understandsArchitectureAliasesAndCase() {
    List<PlatformSelector.Entry> entries =
        List.of(
            entry("sha256:a", "linux", "amd64", null), entry("sha256:b", "Linux", "ARM64", null));

    assertThat(PlatformSelector.select(entries, new ImagePlatform("linux", "x86_64")))
        .map(e -> e.digest())
        .contains("sha256:a");
    assertThat(PlatformSelector.select(entries, new ImagePlatform("linux", "aarch64")))
        .map(e -> e.digest())
        .contains("sha256:b");
    assertThat(PlatformSelector.matches("linux", "x86_64", AMD64)).isTrue();
    assertThat(PlatformSelector.matches("linux", "arm64", AMD64)).isFalse();
    assertThat(PlatformSelector.matches(null, "amd64", AMD64)).isFalse();
  }

  @Test
  void listsThePlatformsOnceInListOrder() {
    List<PlatformSelector.Entry> entries =
        List.of(
            entry("sha256:a", "linux", "amd64", null),
            entry("sha256:b", "linux", "arm64", "v8"),
            entry("sha256:c", "linux", "arm64", null),
            attestation("sha256:x", "sha256:a"));

    assertThat(PlatformSelector.platformsOf(entries)).containsExactly("linux/amd64", "linux/arm64");
    assertThat(entries.get(1).platform()).isEqualTo("linux/arm64/v8");
    assertThat(entries.get(0).platform()).isEqualTo("linux/amd64");
  }
}
