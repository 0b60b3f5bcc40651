package io.github.jenkinsdind.core.internal.plugins;

import io.github.jenkinsdind.core.api.Setting;
import java.util.Objects;

/**
 * One plugin the user asked for, and where they asked for it.
 *
 * @param id the plugin's id
 * @param kind how its version is chosen
 * @param version the pinned version ({@link Kind#PINNED}, and {@link Kind#URL} if given), else
 *     {@code null}
 * @param url the file's URL for {@link Kind#URL}, else {@code null}
 * @param setting the setting it was given in: {@link Setting#PLUGINS} or {@link
 *     Setting#PLUGINS_FILE}
 * @param where where in that setting, for messages: for example {@code line 4 of plugins.txt}
 */
public record PluginSpec(
    String id, Kind kind, String version, String url, Setting setting, String where) {

  /** How the version of a requested plugin is chosen. */
  public enum Kind {
    /** No version given: the latest, unless nothing else needs it newer (same as latest). */
    UNPINNED,
    /** {@code latest}: the update center's latest release. */
    LATEST,
    /** {@code experimental}: the newest release of all, pre-releases included. */
    EXPERIMENTAL,
    /** An exact version, honoured exactly. */
    PINNED,
    /** A file at a URL, whose version its manifest gives. */
    URL
  }

  /** Checks the parts. */
  public PluginSpec {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(setting, "setting");
    Objects.requireNonNull(where, "where");
  }

  /**
   * Returns whether the version is fixed by the user (a pin or a URL): dependencies may not raise
   * it.
   *
   * @return whether it is fixed
   */
  public boolean fixed() {
    return kind == Kind.PINNED || kind == Kind.URL;
  }

  /**
   * Says where it was asked for.
   *
   * @return for example {@code plugins (entry 'git:5.2.0')}
   */
  public String origin() {
    return setting.key() + " (" + where + ")";
  }
}
