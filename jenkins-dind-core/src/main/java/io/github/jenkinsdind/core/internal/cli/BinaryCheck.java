package io.github.jenkinsdind.core.internal.cli;

import io.github.jenkinsdind.core.api.EnvironmentException;
import io.github.jenkinsdind.core.api.ImagePlatform;
import io.github.jenkinsdind.core.api.JenkinsDindException;
import io.github.jenkinsdind.core.api.Setting;
import io.github.jenkinsdind.core.internal.download.CacheFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/** Checks that a binary taken into the cache is an ELF binary for the image's architecture. */
final class BinaryCheck {
  private BinaryCheck() {}

  /**
   * Checks a binary; an unusable one is deleted from the cache.
   *
   * @param binary the binary in the cache
   * @param origin the file it came from
   * @param tarball whether that file was a tarball
   * @param architecture the image's architecture
   * @param platform the image's platform, for messages
   * @return the binary's sha256
   * @throws JenkinsDindException if it cannot be read, is no ELF binary, or is for another machine
   */
  static String check(
      Path binary,
      CliOrigin origin,
      boolean tarball,
      CliArchitecture architecture,
      ImagePlatform platform)
      throws JenkinsDindException {
    BinaryKind kind = origin.kind();
    Optional<ElfHeader> header;
    String sha256;
    try {
      header = ElfHeader.read(binary);
      sha256 = CacheFiles.sha256(binary);
    } catch (IOException e) {
      CacheFiles.deleteQuietly(binary);
      throw new EnvironmentException(
          "the " + kind.noun() + " binary " + binary + " cannot be read: " + e,
          Setting.CACHE_DIRECTORY,
          binary.getParent().toString(),
          "perhaps you should check the permissions of the cache directory",
          e);
    }
    if (header.isEmpty()) {
      CacheFiles.deleteQuietly(binary);
      throw CliFaults.unusable(
          origin,
          tarball
              ? "holds a " + CliArchive.ENTRY + " that is not an ELF binary"
              : (kind.comesInTarballs() ? "is neither a gzip-compressed tarball nor" : "is not")
                  + " an ELF binary (perhaps an error page or a script)",
          "point " + origin.setting().key() + " at the " + kind.noun() + " itself");
    }
    if (!architecture.matches(header.get())) {
      CacheFiles.deleteQuietly(binary);
      throw CliFaults.unusable(
          origin,
          "holds a "
              + kind.noun()
              + " for "
              + header.get().describe()
              + ", but the platform "
              + platform
              + " needs one for e_machine "
              + architecture.elfMachine(),
          origin.downloaded()
              ? "check that " + kind.settings().url().key() + " uses {arch}"
              : "set "
                  + kind.settings().file().key()
                  + " to a "
                  + kind.noun()
                  + " built for "
                  + platform);
    }
    return sha256;
  }
}
