package io.github.jenkinsdind.core.internal.cli;

import io.github.jenkinsdind.core.api.ConfigurationException;
import io.github.jenkinsdind.core.api.ImagePlatform;
import io.github.jenkinsdind.core.api.Setting;
import java.util.Optional;

/**
 * The Linux architectures a docker CLI binary can be for: the ELF identification its binary must
 * have and, where Docker publishes a static CLI for it, the directory name under {@code
 * download.docker.com/linux/static/stable/}.
 *
 * <p>{@code linux/arm} maps to {@code armhf} (ARMv7, hard float): {@link ImagePlatform} carries no
 * variant, and Docker's ARMv6 ({@code armel}) build is not offered.
 */
public enum CliArchitecture {
  /** {@code linux/amd64}. */
  AMD64("amd64", "x86_64", ElfHeader.EM_X86_64, true, false),
  /** {@code linux/arm64}. */
  ARM64("arm64", "aarch64", ElfHeader.EM_AARCH64, true, false),
  /** {@code linux/arm} (v7, hard float). */
  ARM("arm", "armhf", ElfHeader.EM_ARM, false, false),
  /** {@code linux/ppc64le}: no static CLI from Docker. */
  PPC64LE("ppc64le", null, ElfHeader.EM_PPC64, true, false),
  /** {@code linux/s390x}: no static CLI from Docker. */
  S390X("s390x", null, ElfHeader.EM_S390, true, true),
  /** {@code linux/riscv64}: no static CLI from Docker. */
  RISCV64("riscv64", null, ElfHeader.EM_RISCV, true, false),
  /** {@code linux/386}: no static CLI from Docker. */
  I386("386", null, ElfHeader.EM_386, false, false);

  private final String platformArchitecture;
  private final String downloadName;
  private final int elfMachine;
  private final boolean elf64;
  private final boolean bigEndian;

  CliArchitecture(
      String platformArchitecture,
      String downloadName,
      int elfMachine,
      boolean elf64,
      boolean bigEndian) {
    this.platformArchitecture = platformArchitecture;
    this.downloadName = downloadName;
    this.elfMachine = elfMachine;
    this.elf64 = elf64;
    this.bigEndian = bigEndian;
  }

  /**
   * Returns the name that replaces {@code {arch}} in the download URL template.
   *
   * @return for example {@code x86_64}; empty if Docker publishes no static CLI for it
   */
  public Optional<String> downloadName() {
    return Optional.ofNullable(downloadName);
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
   * Returns the name that replaces {@code {arch}} in the download URL template, or fails.
   *
   * @param platform the image platform, for the message
   * @return for example {@code aarch64}
   * @throws ConfigurationException naming {@link Setting#PLATFORM} if Docker publishes no static
   *     CLI for this architecture
   */
  public String requireDownloadName(ImagePlatform platform) throws ConfigurationException {
    if (downloadName == null) {
      throw new ConfigurationException(
          "Docker publishes no static docker CLI for the platform "
              + platform
              + " (only for linux/amd64, linux/arm64 and linux/arm), so there is none to download",
          Setting.PLATFORM,
          platform.toString(),
          "perhaps you should set "
              + Setting.DOCKER_CLIENT.key()
              + " to a local docker CLI binary built for "
              + platform
              + ", or build for linux/amd64 or linux/arm64");
    }
    return downloadName;
  }
}
