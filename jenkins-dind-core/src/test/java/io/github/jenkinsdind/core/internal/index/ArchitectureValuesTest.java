package io.github.jenkinsdind.core.internal.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.jenkinsdind.core.api.ConfigurationException;
import io.github.jenkinsdind.core.api.JenkinsDindException;
import io.github.jenkinsdind.core.api.Setting;
import java.util.List;
import java.util.Optional;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;

class ArchitectureValuesTest {
  private static final String SHA_A = "a".repeat(64);
  private static final String SHA_B = "b".repeat(64);
  private static final Setting PIN = Setting.DOCKER_CLIENT_SHA256;
  private static final IndexPlatform AMD64 = IndexPlatform.of("linux", "amd64");
  private static final IndexPlatform ARM64 = IndexPlatform.of("linux", "arm64");
  private static final IndexPlatform ARM64_V8 =
      new IndexPlatform("linux", "arm64", Optional.of("v8"));
  private static final IndexPlatform ARM_V7 = new IndexPlatform("linux", "arm", Optional.of("v7"));

  @Test
  void aBareValueServesOnePlatformAsToday() throws ConfigurationException {
    ArchitectureValues pins = ArchitectureValues.parseSha256s(PIN, " " + SHA_A.toUpperCase());

    assertThat(pins.shared()).contains(SHA_A);
    assertThat(pins.byArchitecture()).isEmpty();
    assertThat(pins.forPlatform(ARM64)).contains(SHA_A);
    pins.checkServes(List.of(ARM64));
  }

  @Test
  void pairsGiveEachArchitectureItsValue() throws ConfigurationException {
    ArchitectureValues pins =
        ArchitectureValues.parseSha256s(PIN, "amd64=" + SHA_A + ",arm64=" + SHA_B);

    assertThat(pins.shared()).isEmpty();
    assertThat(pins.byArchitecture())
        .containsExactly(java.util.Map.entry("amd64", SHA_A), java.util.Map.entry("arm64", SHA_B));
    assertThat(pins.forPlatform(AMD64)).contains(SHA_A);
    assertThat(pins.forPlatform(ARM64)).contains(SHA_B);
    assertThat(pins.forPlatform(ARM64_V8)).as("arm64 serves arm64/v8").contains(SHA_B);
    assertThat(pins.forPlatform(IndexPlatform.of("linux", "s390x"))).isEmpty();
    pins.checkServes(List.of(AMD64, ARM64, IndexPlatform.of("linux", "s390x")));
  }

  @Test
  void pairsCanStandOnePerLineAsInABuildFile() throws ConfigurationException {
    ArchitectureValues paths =
        ArchitectureValues.parse(
            Setting.DOCKER_CLIENT,
            "\n      amd64=/opt/docker/x86_64/docker\n      arm-v7=/opt/docker/armhf/docker\n    ");

    assertThat(paths.forPlatform(ARM_V7)).contains("/opt/docker/armhf/docker");
    assertThat(paths.forPlatform(AMD64)).contains("/opt/docker/x86_64/docker");
    assertThat(paths.forPlatform(IndexPlatform.of("linux", "arm"))).isEmpty();
  }

  @Test
  void aBareValueCannotServeSeveralPlatforms() throws ConfigurationException {
    ArchitectureValues pins = ArchitectureValues.parseSha256s(PIN, SHA_A);

    assertError(() -> pins.checkServes(List.of(AMD64, ARM_V7)), SHA_A)
        .hasMessage("dockerClientSha256 is one value, but 2 platforms are built")
        .satisfies(
            e ->
                assertThat(((JenkinsDindException) e).suggestion())
                    .contains(
                        "perhaps you should give one value per architecture: amd64=…,arm-v7=… in"
                            + " dockerClientSha256"));
  }

  @Test
  void refusesMalformedText() {
    assertError(() -> ArchitectureValues.parse(PIN, "  "), "  ")
        .hasMessage("dockerClientSha256 is empty");
    assertError(() -> ArchitectureValues.parse(PIN, null), null)
        .hasMessage("dockerClientSha256 is empty");
    assertError(() -> ArchitectureValues.parse(PIN, "amd64=x,arm64"), "amd64=x,arm64")
        .hasMessage("dockerClientSha256 has 'arm64', which is not architecture=value");
    assertError(() -> ArchitectureValues.parse(PIN, "amd64="), "amd64=")
        .hasMessage("dockerClientSha256 has 'amd64=', which is not architecture=value");
    assertError(() -> ArchitectureValues.parse(PIN, "=x"), "=x")
        .hasMessage("dockerClientSha256 has '=x', which is not architecture=value");
    assertError(() -> ArchitectureValues.parse(PIN, "amd64=x,AMD64=y"), "amd64=x,AMD64=y")
        .hasMessage("dockerClientSha256 names amd64 twice");
  }

  @Test
  void refusesUnknownArchitecturesAndSuggestsThePlatformNameForDockersDirectories() {
    assertError(() -> ArchitectureValues.parse(PIN, "x86_64=" + SHA_A), "x86_64=" + SHA_A)
        .hasMessage(
            "dockerClientSha256 names the architecture 'x86_64', which is not one Docker publishes"
                + " a CLI for")
        .satisfies(
            e ->
                assertThat(((JenkinsDindException) e).suggestion())
                    .contains(
                        "perhaps you should write amd64=… (architectures are named as in"
                            + " platforms, not as in Docker's download directories) in"
                            + " dockerClientSha256"));
    assertError(() -> ArchitectureValues.parse(PIN, "riscv64=x"), "riscv64=x")
        .satisfies(
            e ->
                assertThat(((JenkinsDindException) e).suggestion())
                    .contains(
                        "perhaps you should use one of amd64, arm-v6, arm-v7, arm64, ppc64le,"
                            + " s390x in dockerClientSha256"));
  }

  @Test
  void refusesValuesThatAreNoSha256() {
    assertError(() -> ArchitectureValues.parseSha256s(PIN, "amd64=abc"), "amd64=abc")
        .hasMessage("dockerClientSha256 amd64 has 'abc', not a sha256");
    assertError(() -> ArchitectureValues.parseSha256s(PIN, "xyz"), "xyz")
        .hasMessage("dockerClientSha256 it is 'xyz', not a sha256");
  }

  private static AbstractThrowableAssert<?, ? extends Throwable> assertError(
      org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String value) {
    return assertThatThrownBy(call)
        .isInstanceOf(ConfigurationException.class)
        .satisfies(
            e -> {
              JenkinsDindException j = (JenkinsDindException) e;
              assertThat(j.setting()).contains(PIN);
              assertThat(j.value()).isEqualTo(Optional.ofNullable(value));
            });
  }
}
