package io.github.jenkinsdind.core.internal.plugins;

import java.util.Objects;

/**
 * One plugin exactly: a line of {@code plugins.lock}, and what is downloaded.
 *
 * @param id the plugin's id
 * @param version its version
 * @param sha256 the file's sha256, 64 lower-case hex characters
 * @param url where the file is downloaded from
 */
public record LockedPlugin(String id, String version, String sha256, String url) {
  /** Checks the parts. */
  public LockedPlugin {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(sha256, "sha256");
    Objects.requireNonNull(url, "url");
  }

  @Override
  public String toString() {
    return id + " " + version;
  }
}
