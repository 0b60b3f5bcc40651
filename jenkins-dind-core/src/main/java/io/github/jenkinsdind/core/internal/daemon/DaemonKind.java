package io.github.jenkinsdind.core.internal.daemon;

import com.github.dockerjava.api.model.Info;
import com.github.dockerjava.api.model.Version;
import com.github.dockerjava.api.model.VersionComponent;
import io.github.jenkinsdind.core.api.EnvironmentException;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Which kind of daemon answers, from its {@code version} and {@code info}: Docker Engine, rootless
 * Docker, Docker Desktop or Podman (rootful or rootless), with its version and API version. The
 * classification ({@link #classify}) is a pure function of the daemon's answers.
 *
 * @param kind the kind
 * @param version the server's version, such as {@code 20.10.24+dfsg1} or, for Podman, {@code 4.3.1}
 * @param apiVersion the Docker API version it speaks, such as {@code 1.41}
 * @param rootless whether the daemon runs as an unprivileged user (rootless Docker, rootless
 *     Podman)
 */
public record DaemonKind(Kind kind, String version, String apiVersion, boolean rootless) {

  /** The kinds of daemon. */
  public enum Kind {
    /** Docker Engine run by root, the usual Linux set-up. */
    DOCKER_ENGINE("Docker Engine"),
    /** Docker Engine run by an unprivileged user in a user namespace (rootlesskit). */
    ROOTLESS_DOCKER("rootless Docker"),
    /** Docker Desktop: the daemon runs in a virtual machine of its own. */
    DOCKER_DESKTOP("Docker Desktop"),
    /** Podman's Docker-compatible API service. */
    PODMAN("Podman");

    private final String text;

    Kind(String text) {
      this.text = text;
    }

    /**
     * Returns the kind's name for people.
     *
     * @return for example {@code rootless Docker}
     */
    public String text() {
      return text;
    }
  }

  /**
   * Checks the parts.
   *
   * @param kind the kind
   * @param version the version
   * @param apiVersion the API version
   * @param rootless whether it is rootless
   */
  public DaemonKind {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(apiVersion, "apiVersion");
  }

  /**
   * Asks a daemon which kind it is.
   *
   * @param engine the daemon
   * @return the kind
   * @throws EnvironmentException if the daemon fails to answer {@code version} or {@code info}
   */
  public static DaemonKind of(Engine engine) throws EnvironmentException {
    Version version = engine.call("tell its version", () -> engine.client().versionCmd().exec());
    Info info = engine.call("tell about itself", () -> engine.client().infoCmd().exec());
    List<String> components =
        version.getComponents() == null
            ? List.of()
            : version.getComponents().stream()
                .map(VersionComponent::getName)
                .filter(Objects::nonNull)
                .toList();
    return classify(
        version.getPlatform() == null ? "" : text(version.getPlatform().getName()),
        components,
        text(version.getVersion()),
        text(version.getApiVersion()),
        text(info.getOperatingSystem()),
        info.getSecurityOptions() == null ? List.of() : info.getSecurityOptions());
  }

  /**
   * Classifies a daemon from its answers. Podman is recognised by its version component {@code
   * Podman Engine} or its platform name; Docker Desktop by the operating system {@code Docker
   * Desktop}; rootless daemons by the security option {@code name=rootless} (which rootless Podman
   * reports too).
   *
   * @param platformName {@code Platform.Name} of {@code version}, such as {@code Docker Engine -
   *     Community} or {@code Docker Desktop 4.30.0 (149282)}
   * @param componentNames the names of {@code Components} of {@code version}, such as {@code
   *     Engine}, {@code containerd} or {@code Podman Engine}
   * @param version {@code Version} of {@code version}
   * @param apiVersion {@code ApiVersion} of {@code version}
   * @param operatingSystem {@code OperatingSystem} of {@code info}, such as {@code Debian GNU/Linux
   *     12 (bookworm)} or {@code Docker Desktop}
   * @param securityOptions {@code SecurityOptions} of {@code info}, such as {@code
   *     name=seccomp,profile=default} and {@code name=rootless}
   * @return the kind
   */
  public static DaemonKind classify(
      String platformName,
      List<String> componentNames,
      String version,
      String apiVersion,
      String operatingSystem,
      List<String> securityOptions) {
    boolean rootless =
        securityOptions.stream().anyMatch(o -> List.of(o.split(",")).contains("name=rootless"));
    boolean podman =
        componentNames.stream().anyMatch(n -> n.toLowerCase(Locale.ROOT).startsWith("podman"))
            || platformName.toLowerCase(Locale.ROOT).startsWith("podman");
    Kind kind;
    if (podman) {
      kind = Kind.PODMAN;
    } else if (operatingSystem.trim().equalsIgnoreCase("Docker Desktop")
        || platformName.toLowerCase(Locale.ROOT).startsWith("docker desktop")) {
      kind = Kind.DOCKER_DESKTOP;
    } else if (rootless) {
      kind = Kind.ROOTLESS_DOCKER;
    } else {
      kind = Kind.DOCKER_ENGINE;
    }
    return new DaemonKind(kind, version, apiVersion, rootless);
  }

  /**
   * Describes the daemon.
   *
   * @return for example {@code Podman 4.3.1 (rootless, Docker API 1.41)}
   */
  public String describe() {
    String what = kind == Kind.PODMAN ? "Podman " + version : kind.text() + " " + version;
    return what
        + " ("
        + (kind == Kind.PODMAN ? (rootless ? "rootless, " : "rootful, ") : "")
        + "Docker API "
        + apiVersion
        + ")";
  }

  private static String text(String value) {
    return value == null ? "" : value;
  }
}
