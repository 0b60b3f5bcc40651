package io.github.jenkinsdind.core.api;

import java.util.Objects;

/**
 * A Jenkins plugin a build put into the image, at {@code /usr/share/jenkins/ref/plugins/<id>.jpi}.
 *
 * @param id the plugin's id, for example {@code git}
 * @param version its version
 * @param sha256 the sha256 of its file (hex)
 * @param url where it was downloaded from
 * @since 0.2.0
 */
public record JenkinsPlugin(String id, String version, String sha256, String url) {
  /**
   * Checks the parts.
   *
   * @param id the id
   * @param version the version
   * @param sha256 the sha256
   * @param url the URL
   */
  public JenkinsPlugin {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(sha256, "sha256");
    Objects.requireNonNull(url, "url");
  }
}
