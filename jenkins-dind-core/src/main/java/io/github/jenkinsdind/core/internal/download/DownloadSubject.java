package io.github.jenkinsdind.core.internal.download;

import io.github.jenkinsdind.core.api.Setting;
import java.util.Objects;

/**
 * What a {@link Downloader} fetches, for its messages: the thing in words and the settings that
 * choose it, so that a failure names the setting to change.
 *
 * @param what the thing downloaded, in words, with its version: for example {@code docker CLI
 *     version 29.7.2}
 * @param version the version as configured, the value named when nothing is at the URL
 * @param versionSetting the setting that chose the version
 * @param urlSetting the setting that holds the URL (template)
 * @param localFileSetting the setting that gives a local file instead of the download
 */
public record DownloadSubject(
    String what,
    String version,
    Setting versionSetting,
    Setting urlSetting,
    Setting localFileSetting) {
  /** Checks the parts. */
  public DownloadSubject {
    Objects.requireNonNull(what, "what");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(versionSetting, "versionSetting");
    Objects.requireNonNull(urlSetting, "urlSetting");
    Objects.requireNonNull(localFileSetting, "localFileSetting");
  }
}
