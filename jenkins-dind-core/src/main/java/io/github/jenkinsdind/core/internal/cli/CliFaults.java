package io.github.jenkinsdind.core.internal.cli;

import io.github.jenkinsdind.core.api.ConfigurationException;
import io.github.jenkinsdind.core.api.EnvironmentException;
import io.github.jenkinsdind.core.api.JenkinsDindException;
import io.github.jenkinsdind.core.internal.download.CacheFiles;
import java.io.IOException;

/** The failures of a binary's file that does not check out, for {@link BinaryResolver}. */
final class CliFaults {
  private CliFaults() {}

  /** Says that a file's sha256 is not the one the user pinned; a download is discarded. */
  static ConfigurationException mismatch(CliOrigin origin, String expected) {
    discardDownload(origin);
    BinaryKind kind = origin.kind();
    return new ConfigurationException(
        origin.describe()
            + " has sha256 "
            + origin.sha256()
            + ", but "
            + kind.settings().sha256().key()
            + " expects "
            + expected
            + discarded(origin),
        kind.settings().sha256(),
        expected,
        origin.downloaded()
            ? "perhaps you should check "
                + kind.settings().sha256().key()
                + " against a trusted source, and "
                + kind.settings().url().key()
                + " if you use a mirror"
            : "perhaps you should check that "
                + kind.settings().file().key()
                + " is the file you meant, or update "
                + kind.settings().sha256().key());
  }

  /**
   * Says that a file's sha256 is not the one its project published for the version; a download is
   * discarded.
   */
  static ConfigurationException notPublished(
      CliOrigin origin, String version, String arch, String published) {
    discardDownload(origin);
    BinaryKind kind = origin.kind();
    return new ConfigurationException(
        origin.describe()
            + " has sha256 "
            + origin.sha256()
            + ", but "
            + kind.key()
            + " "
            + version
            + " for "
            + arch
            + " is published with sha256 "
            + published
            + " (built into jenkins-dind)"
            + discarded(origin),
        kind.settings().sha256(),
        origin.sha256(),
        origin.downloaded()
            ? "perhaps you should check that "
                + kind.settings().url().key()
                + " serves the project's own release files"
            : "perhaps you should set "
                + kind.settings().version().key()
                + " to the version of this file and "
                + kind.settings().sha256().key()
                + " to "
                + origin.sha256()
                + " once you have checked it is a file you trust");
  }

  /** Says that a file holds no usable binary; a download is discarded. */
  static ConfigurationException unusable(CliOrigin origin, String why, String fix) {
    discardDownload(origin);
    return new ConfigurationException(
        origin.describe() + " " + why + discarded(origin),
        origin.setting(),
        origin.value(),
        "perhaps you should " + fix);
  }

  /** Says that a file is corrupt; a download is discarded. */
  static JenkinsDindException corrupt(CliOrigin origin, IOException cause) {
    BinaryKind kind = origin.kind();
    String message = origin.describe() + " is corrupt: " + cause.getMessage();
    if (origin.downloaded()) {
      discardDownload(origin);
      return new EnvironmentException(
          message + discarded(origin),
          kind.settings().url(),
          origin.value(),
          "perhaps you should try again, or set "
              + kind.settings().url().key()
              + " to another mirror",
          cause);
    }
    return new ConfigurationException(
        message,
        kind.settings().file(),
        origin.value(),
        "perhaps you should download it again, or set "
            + kind.settings().file().key()
            + " to another file",
        cause);
  }

  private static void discardDownload(CliOrigin origin) {
    if (origin.downloaded()) {
      CacheFiles.deleteQuietly(origin.file());
    }
  }

  private static String discarded(CliOrigin origin) {
    return origin.downloaded() ? "; the download has been discarded" : "";
  }
}
