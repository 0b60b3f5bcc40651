package io.github.jenkinsdind.core.internal.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The identification part of an ELF file's header: class (32 or 64 bit), byte order and machine.
 *
 * @param is64Bit whether {@code EI_CLASS} is {@code ELFCLASS64}
 * @param isBigEndian whether {@code EI_DATA} is {@code ELFDATA2MSB}
 * @param machine {@code e_machine}, for example {@link #EM_X86_64}
 */
public record ElfHeader(boolean is64Bit, boolean isBigEndian, int machine) {
  /** {@code e_machine} of Intel 80386. */
  public static final int EM_386 = 3;

  /** {@code e_machine} of 64-bit PowerPC. */
  public static final int EM_PPC64 = 21;

  /** {@code e_machine} of IBM S/390. */
  public static final int EM_S390 = 22;

  /** {@code e_machine} of 32-bit ARM. */
  public static final int EM_ARM = 40;

  /** {@code e_machine} of AMD x86-64. */
  public static final int EM_X86_64 = 62;

  /** {@code e_machine} of 64-bit ARM. */
  public static final int EM_AARCH64 = 183;

  /** {@code e_machine} of RISC-V. */
  public static final int EM_RISCV = 243;

  private static final int IDENTIFICATION_LENGTH = 20;

  /**
   * Reads the header of a file.
   *
   * @param file the file
   * @return the header; empty if the file is not an ELF file (too short, wrong magic, unknown class
   *     or byte order)
   * @throws IOException if the file cannot be read
   */
  public static Optional<ElfHeader> read(Path file) throws IOException {
    byte[] bytes;
    try (InputStream in = Files.newInputStream(file)) {
      bytes = in.readNBytes(IDENTIFICATION_LENGTH);
    }
    return parse(bytes);
  }

  /**
   * Reads a header from the first bytes of a file.
   *
   * @param bytes at least 20 bytes from the file's start
   * @return the header; empty if they are not an ELF header
   */
  public static Optional<ElfHeader> parse(byte[] bytes) {
    if (bytes.length < IDENTIFICATION_LENGTH
        || bytes[0] != 0x7f
        || bytes[1] != 'E'
        || bytes[2] != 'L'
        || bytes[3] != 'F') {
      return Optional.empty();
    }
    int elfClass = bytes[4];
    int data = bytes[5];
    if ((elfClass != 1 && elfClass != 2) || (data != 1 && data != 2)) {
      return Optional.empty();
    }
    boolean bigEndian = data == 2;
    int low = bytes[bigEndian ? 19 : 18] & 0xff;
    int high = bytes[bigEndian ? 18 : 19] & 0xff;
    return Optional.of(new ElfHeader(elfClass == 2, bigEndian, high << 8 | low));
  }

  /**
   * Describes the architecture for messages.
   *
   * @return for example {@code x86-64 (64-bit, little-endian, e_machine 62)}
   */
  public String describe() {
    String name =
        switch (machine) {
          case EM_386 -> "x86";
          case EM_PPC64 -> "ppc64";
          case EM_S390 -> "s390";
          case EM_ARM -> "arm";
          case EM_X86_64 -> "x86-64";
          case EM_AARCH64 -> "aarch64";
          case EM_RISCV -> "riscv";
          default -> "an unknown machine";
        };
    return name
        + " ("
        + (is64Bit ? "64" : "32")
        + "-bit, "
        + (isBigEndian ? "big" : "little")
        + "-endian, e_machine "
        + machine
        + ")";
  }
}
