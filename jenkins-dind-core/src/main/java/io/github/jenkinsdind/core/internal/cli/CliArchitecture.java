package io.github.jenkinsdind.core.internal.cli;

import io.github.jenkinsdind.core.api.ConfigurationException;
import io.github.jenkinsdind.core.api.ImagePlatform;
import io.github.jenkinsdind.core.api.Setting;
import java.util.Optional;

/**
 * The Linux architectures a docker CLI binary can be for: the ELF identification its binaries must
 * have and, for each binary, the name its downloads give the architecture: Docker's static CLI
 * directory under {@code download.docker.com/linux/static/stable/}, buildx's and compose's release
 * file suffixes. They differ: amd64 is {@code x86_64} for the CLI and compose, {@code amd64} for
 * buildx.
 *
 * <p>{@code linux/arm} maps to ARMv7, hard float ({@code armhf}, {@code arm-v7}, {@code armv7}):
 * {@link ImagePlatform} carries no variant, and the ARMv6 builds are not offered.
 */
public enum CliArchitecture {
  /** {@code linux/amd64}. */
  AMD64("amd64", ElfHeader.EM_X86_64, true, false, "x86_64", "amd64", "x86_64"),
  /** {@code linux/arm64}. */
  ARM64("arm64", ElfHeader.EM_AARCH64, true, false, "aarch64", "arm64", "aarch64"),
  /** {@code linux/arm} (v7, hard float). */
  ARM("arm", ElfHeader.EM_ARM, false, false, "armhf", "arm-v7", "armv7"),
  /** {@code linux/ppc64le}. */
  PPC64LE("ppc64le", ElfHeader.EM_PPC64, true, false, "ppc64le", "ppc64le", "ppc64le"),
  /** {@code linux/s390x}. */
  S390X("s390x", ElfHeader.EM_S390, true, true, "s390x", "s390x", "s390x"),
  /** {@code linux/riscv64}: no static CLI from Docker. */
  RISCV64("riscv64", ElfHeader.EM_RISCV, true, false, null, "riscv64", "riscv64"),
  /** {@code linux/386}: no static CLI from Docker, no plugin releases. */
  I386("386", ElfHeader.EM_386, false, false, null, null, null);

  private final String platformArchitecture;
  private final int elfMachine;
  private final boolean elf64;
  private final boolean bigEndian;
  private final String cliName;
  private final String buildxName;
  private final String composeName;

  CliArchitecture(
      String platformArchitecture,
      int elfMachine,
      boolean elf64,
      boolean bigEndian,
      String cliName,
      String buildxName,
      String composeName) {
    this.platformArchitecture = platformArchitecture;
    this.elfMachine = elfMachine;
    this.elf64 = elf64;
    this.bigEndian = bigEndian;
    this.cliName = cliName;
    this.buildxName = buildxName;
    this.composeName = composeName;
  }

  /**
   * Returns the name that replaces {@code {arch}} in the docker CLI's download URL template.
   *
   * @return for example {@code x86_64}; empty if Docker publishes no static CLI for it
   */
  public Optional<String> downloadName() {
    return downloadName(BinaryKind.DOCKER_CLI);
  }

  /**
   * Returns the name that replaces {@code {arch}} in a binary's download URL template.
   *
   * @param kind the binary
   * @return for example {@code amd64} for buildx; empty if none is published for it
   */
  public Optional<String> downloadName(BinaryKind kind) {
    switch (kind) {
      case BUILDX:
        return Optional.ofNullable(buildxName);
      case COMPOSE:
        return Optional.ofNullable(composeName);
      default:
        return Optional.ofNullable(cliName);
    }
  }

  /**
   * Returns the ELF {@code e_machine} of a binary for this architecture.
   *
   * @return for example {@code 62} ({@code EM_X86_64})
   */
  public int elfMachine() {
    return elfMachine;
  }

  /**
   * Says whether a binary for this architecture runs on it: same machine, class (32 or 64 bit) and
   * byte order.
   *
   * @param header the binary's ELF header
   * @return whether it matches
   */
  public boolean matches(ElfHeader header) {
    return header.machine() == elfMachine
        && header.is64Bit() == elf64
        && header.isBigEndian() == bigEndian;
  }

  /**
   * Finds the architecture of an image platform.
   *
   * @param platform the image platform
   * @return the architecture
   * @throws ConfigurationException naming {@link Setting#PLATFORM} if it is not a Linux platform
   *     known here
   */
  public static CliArchitecture of(ImagePlatform platform) throws ConfigurationException {
    if ("linux".equals(platform.os())) {
      for (CliArchitecture candidate : values()) {
        if (candidate.platformArchitecture.equals(platform.architecture())) {
          return candidate;
        }
      }
    }
    throw new ConfigurationException(
        "there is no docker CLI for the platform "
            + platform
            + ": the image must be for Linux, on amd64, arm64, arm, ppc64le, s390x, riscv64 or 386",
        Setting.PLATFORM,
        platform.toString(),
        "perhaps you should build for linux/amd64 or linux/arm64");
  }

  /**
   * Returns the name that replaces {@code {arch}} in a binary's download URL template, or fails.
   *
   * @param kind the binary
   * @param platform the image platform, for the message
   * @return for example {@code aarch64}
   * @throws ConfigurationException naming {@link Setting#PLATFORM} if no such binary is published
   *     for this architecture
   */
  public String requireDownloadName(BinaryKind kind, ImagePlatform platform)
      throws ConfigurationException {
    Optional<String> name = downloadName(kind);
    if (name.isEmpty()) {
      throw new ConfigurationException(
          "no "
              + kind.noun()
              + " is published for the platform "
              + platform
              + ", so there is none to download",
          Setting.PLATFORM,
          platform.toString(),
          "perhaps you should set "
              + kind.settings().file().key()
              + " to a local binary built for "
              + platform
              + ", or build for linux/amd64 or linux/arm64");
    }
    return name.get();
  }
}
