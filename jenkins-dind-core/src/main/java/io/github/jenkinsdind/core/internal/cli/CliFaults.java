package io.github.jenkinsdind.core.internal.cli;

import io.github.jenkinsdind.core.api.ConfigurationException;
import io.github.jenkinsdind.core.api.EnvironmentException;
import io.github.jenkinsdind.core.api.JenkinsDindException;
import io.github.jenkinsdind.core.api.Setting;
import io.github.jenkinsdind.core.internal.download.CacheFiles;
import java.io.IOException;

/** The failures of a docker CLI file that does not check out, for {@link DockerCliResolver}. */
final class CliFaults {
  private CliFaults() {}

  /** Says that a file's sha256 is not the configured one; a download is discarded. */
  static ConfigurationException mismatch(CliOrigin origin, String expected) {
    if (origin.downloaded()) {
      CacheFiles.deleteQuietly(origin.file());
    }
    return new ConfigurationException(
        "the docker CLI file "
            + origin.describe()
            + " has sha256 "
            + origin.sha256()
            + ", but "
            + Setting.DOCKER_CLIENT_SHA256.key()
            + " expects "
            + expected
            + (origin.downloaded() ? "; the download has been discarded" : ""),
        Setting.DOCKER_CLIENT_SHA256,
        expected,
        origin.downloaded()
            ? "perhaps you should check "
                + Setting.DOCKER_CLIENT_SHA256.key()
                + " against a trusted source, and "
                + Setting.DOCKER_CLIENT_URL.key()
                + " if you use a mirror"
            : "perhaps you should check that "
                + Setting.DOCKER_CLIENT.key()
                + " is the file you meant, or update "
                + Setting.DOCKER_CLIENT_SHA256.key());
  }

  /** Says that a file holds no usable docker CLI; a download is discarded. */
  static ConfigurationException unusable(CliOrigin origin, String why, String fix) {
    if (origin.downloaded()) {
      CacheFiles.deleteQuietly(origin.file());
    }
    return new ConfigurationException(
        "the docker CLI file "
            + origin.describe()
            + " "
            + why
            + (origin.downloaded() ? "; the download has been discarded" : ""),
        origin.setting(),
        origin.value(),
        "perhaps you should " + fix);
  }

  /** Says that a file is corrupt; a download is discarded. */
  static JenkinsDindException corrupt(CliOrigin origin, IOException cause) {
    String message =
        "the docker CLI file " + origin.describe() + " is corrupt: " + cause.getMessage();
    if (origin.downloaded()) {
      CacheFiles.deleteQuietly(origin.file());
      return new EnvironmentException(
          message + "; the download has been discarded",
          Setting.DOCKER_CLIENT_URL,
          origin.value(),
          "perhaps you should try again, or set "
              + Setting.DOCKER_CLIENT_URL.key()
              + " to another mirror",
          cause);
    }
    return new ConfigurationException(
        message,
        Setting.DOCKER_CLIENT,
        origin.value(),
        "perhaps you should download it again, or set "
            + Setting.DOCKER_CLIENT.key()
            + " to another file",
        cause);
  }
}
