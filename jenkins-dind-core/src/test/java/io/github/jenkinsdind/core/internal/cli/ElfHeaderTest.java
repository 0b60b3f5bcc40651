package io.github.jenkinsdind.core.internal.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ElfHeaderTest {
  @TempDir Path dir;

  @Test
  void readsTheRealDockerCli() throws Exception {
    ElfHeader header = ElfHeader.read(CliFixtures.REAL_DOCKER).orElseThrow();

    assertThat(header).isEqualTo(new ElfHeader(true, false, ElfHeader.EM_X86_64));
    assertThat(header.describe()).startsWith("x86-64").contains("64-bit").contains("e_machine 62");
    assertThat(CliArchitecture.AMD64.matches(header)).isTrue();
    assertThat(CliArchitecture.ARM64.matches(header)).isFalse();
  }

  @Test
  void readsBigEndianMachines() throws Exception {
    Path s390 = CliFixtures.elf(dir.resolve("s390x"), true, true, ElfHeader.EM_S390);

    ElfHeader header = ElfHeader.read(s390).orElseThrow();

    assertThat(header).isEqualTo(new ElfHeader(true, true, ElfHeader.EM_S390));
    assertThat(CliArchitecture.S390X.matches(header)).isTrue();
  }

  @Test
  void classAndByteOrderMustMatchToo() throws Exception {
    Path arm64As32Bit = CliFixtures.elf(dir.resolve("odd"), false, false, ElfHeader.EM_AARCH64);

    assertThat(CliArchitecture.ARM64.matches(ElfHeader.read(arm64As32Bit).orElseThrow())).isFalse();
  }

  @Test
  void otherFilesAreNotElf() throws Exception {
    Path script = Files.writeString(dir.resolve("docker"), "#!/bin/sh\nexec docker \"$@\"\n");
    Path tiny = Files.write(dir.resolve("tiny"), new byte[] {0x7f, 'E', 'L', 'F', 2, 1});
    Path badClass = CliFixtures.elf(dir.resolve("bad"), true, false, 62);
    byte[] bytes = Files.readAllBytes(badClass);
    bytes[4] = 9;
    Files.write(badClass, bytes);

    assertThat(ElfHeader.read(script)).isEmpty();
    assertThat(ElfHeader.read(tiny)).isEmpty();
    assertThat(ElfHeader.read(badClass)).isEmpty();
  }
}
