package io.github.jenkinsdind.core.internal.cli;

import java.util.Map;
import java.util.Optional;

/**
 * The sha256 of the release files of the CLI plugins' default versions, as their projects publish
 * them (the same values Docker's official {@code docker:cli} image pins), by the architecture names
 * of their downloads. A default download is checked against them without any setting. Docker
 * publishes no checksums for its static CLI tarballs, so there is none for the CLI.
 */
final class PublishedPins {
  private static final Map<String, String> BUILDX_0_34_0 =
      Map.of(
          "amd64", "0144479d5a1cd710be3464ae898628cfa68033e16b225aef52f81930c45ac9b5",
          "arm64", "565605fe0bb393ed5d11771e5b52fc7ef05c701868861fa85609747c9d74a440",
          "arm-v7", "3560b5b6fd3485f4d0bd160e7edf56cc1f08f0cb5852c9af28bf3fab9973c7c2",
          "arm-v6", "1f34337385921c5da43d63452282726b062aa887fda975f96dd3d6e869648bc6");

  private static final Map<String, String> COMPOSE_5_1_3 =
      Map.of(
          "x86_64", "a0298760c9772d2c06888fc8703a487c94c3c3b0134adeef830742a2fc7647b4",
          "aarch64", "e8105a3e687ea7e0b0f81abe4bf9269c8a2801fb72c2b498b5ff2472bc54145f",
          "ppc64le", "ceaa1a9f24ef471e6f9fc34b30d11dcb6d8021a9a283c5e7261521ef12951432",
          "s390x", "552d11a594aa3d81b4b69a2abd2a5c2e699378038a8efaa8200c0b556be3451f",
          "armv7", "4c1ce6ad43c184934a1f76cd55d7231192492c487acbd13e96258ed10fd9e468",
          "armv6", "514fc01481017bf4ae55a3b1fe7d598ca49a930e346803648bd88dba9d4ae3da");

  private PublishedPins() {}

  /**
   * Returns the published sha256 of a binary's release file.
   *
   * @param kind the binary
   * @param version its version
   * @param arch the architecture's name in its download URL
   * @return the sha256, hex; empty if none is built in for that version and architecture
   */
  static Optional<String> of(BinaryKind kind, String version, String arch) {
    Map<String, String> pins = Map.of();
    if (kind == BinaryKind.BUILDX && version.equals("0.34.0")) {
      pins = BUILDX_0_34_0;
    } else if (kind == BinaryKind.COMPOSE && version.equals("5.1.3")) {
      pins = COMPOSE_5_1_3;
    }
    return Optional.ofNullable(pins.get(arch));
  }
}
