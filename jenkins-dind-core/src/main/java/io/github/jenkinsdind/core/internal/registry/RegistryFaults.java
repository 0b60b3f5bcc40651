package io.github.jenkinsdind.core.internal.registry;

import io.github.jenkinsdind.core.api.ConfigurationException;
import io.github.jenkinsdind.core.api.EnvironmentException;
import io.github.jenkinsdind.core.api.RegistryAuthenticationException;
import io.github.jenkinsdind.core.api.Setting;
import io.github.jenkinsdind.core.api.Suggestion;

/**
 * The registry failures the user can act on, each as an API exception that names the registry host
 * and the image reference (never a credential) and suggests what to do, in {@link Suggestion} parts
 * that each front end words its own way. {@link RegistryErrors} picks one for a failure; {@link
 * RegistryPreflight} makes some directly.
 */
public final class RegistryFaults {
  private RegistryFaults() {}

  /**
   * Says that a registry refused access (HTTP 401 or 403) or asked for credentials it did not get.
   *
   * @param parameter the setting naming the image
   * @param reference the image reference
   * @param registry the registry host
   * @param status the HTTP status, or -1 when not known
   * @param cause the underlying failure, or {@code null}
   * @return the exception
   */
  public static RegistryAuthenticationException authentication(
      Setting parameter, String reference, String registry, int status, Throwable cause) {
    String code = status > 0 ? " (HTTP " + status + ")" : "";
    return new RegistryAuthenticationException(
        "registry "
            + registry
            + " denied access to "
            + RegistryErrors.subject(parameter, reference)
            + code
            + ": the credentials are missing or wrong, or do not allow this",
        registry,
        parameter,
        reference,
        Suggestion.perhaps().text("give ").credentials(registry).build(),
        cause);
  }

  /**
   * Says that a plain-http registry asked for credentials, which Jib does not send over plain http.
   *
   * @param parameter the setting naming the image
   * @param reference the image reference
   * @param registry the registry host
   * @param cause the underlying failure, or {@code null}
   * @return the exception
   */
  public static RegistryAuthenticationException credentialsNotSent(
      Setting parameter, String reference, String registry, Throwable cause) {
    return new RegistryAuthenticationException(
        "registry "
            + registry
            + " asked for credentials for "
            + RegistryErrors.subject(parameter, reference)
            + ", but credentials are not sent over plain http",
        registry,
        parameter,
        reference,
        Suggestion.perhaps()
            .text(
                "serve "
                    + registry
                    + " over https, or, if you accept sending the password in clear text, run"
                    + " with ")
            .systemProperty("sendCredentialsOverHttp", "true")
            .build(),
        cause);
  }

  /**
   * Says that a registry speaks plain http while insecure registries are not allowed.
   *
   * @param parameter the setting naming the image
   * @param reference the image reference
   * @param registry the registry host
   * @param cause the underlying failure, or {@code null}
   * @return the exception
   */
  public static ConfigurationException plainHttp(
      Setting parameter, String reference, String registry, Throwable cause) {
    return new ConfigurationException(
        "registry "
            + registry
            + " of "
            + RegistryErrors.subject(parameter, reference)
            + " does not speak https (it looks like a plain-http registry), and insecure"
            + " registries are not allowed",
        Setting.ALLOW_INSECURE_REGISTRIES,
        "false",
        insecure(Suggestion.perhaps(), registry),
        cause);
  }

  /**
   * Says that a registry's TLS certificate is not trusted by this JVM.
   *
   * @param parameter the setting naming the image
   * @param reference the image reference
   * @param registry the registry host
   * @param detail what the TLS layer said, or {@code null}
   * @param cause the underlying failure, or {@code null}
   * @return the exception
   */
  public static ConfigurationException untrustedCertificate(
      Setting parameter, String reference, String registry, String detail, Throwable cause) {
    return new ConfigurationException(
        "the TLS certificate of registry "
            + registry
            + " (of "
            + RegistryErrors.subject(parameter, reference)
            + ") is not trusted"
            + (detail == null || detail.isBlank() ? "" : ": " + detail),
        Setting.ALLOW_INSECURE_REGISTRIES,
        "false",
        insecure(
            Suggestion.perhaps()
                .text("import the certificate of " + registry + " into a truststore and run with ")
                .systemProperty("javax.net.ssl.trustStore", "<that file>")
                .text(", or "),
            registry),
        cause);
  }

  /**
   * Says that a registry cannot be reached.
   *
   * @param parameter the setting naming the image
   * @param reference the image reference
   * @param registry the registry host
   * @param reason why, for example {@code Connection refused}, or {@code null}
   * @param cause the underlying failure, or {@code null}
   * @return the exception
   */
  public static EnvironmentException unreachable(
      Setting parameter, String reference, String registry, String reason, Throwable cause) {
    return new EnvironmentException(
        "registry "
            + registry
            + " is unreachable"
            + (reason == null || reason.isBlank() ? "" : " (" + reason + ")"),
        parameter,
        reference,
        "perhaps you should check that the registry is running and that "
            + parameter.key()
            + " names the right host and port",
        cause);
  }

  /**
   * Says that a connection to a registry broke off in the middle of a transfer (the registry
   * crashed or was restarted, or something between closed the connection).
   *
   * @param parameter the setting naming the image
   * @param reference the image reference
   * @param registry the registry host
   * @param detail what the network layer said, or {@code null}
   * @param cause the underlying failure, or {@code null}
   * @return the exception
   */
  public static EnvironmentException connectionLost(
      Setting parameter, String reference, String registry, String detail, Throwable cause) {
    return new EnvironmentException(
        "the connection to registry "
            + registry
            + " broke off during the transfer of "
            + RegistryErrors.subject(parameter, reference)
            + (detail == null || detail.isBlank() ? "" : " (" + detail + ")"),
        parameter,
        reference,
        "perhaps you should check that the registry is running and has free space, then build"
            + " again: the layers it already holds are not sent again",
        cause);
  }

  /**
   * Says that a registry did not answer in time.
   *
   * @param parameter the setting naming the image
   * @param reference the image reference
   * @param registry the registry host
   * @param cause the underlying failure, or {@code null}
   * @return the exception
   */
  public static EnvironmentException timedOut(
      Setting parameter, String reference, String registry, Throwable cause) {
    return new EnvironmentException(
        "registry " + registry + " did not answer in time",
        parameter,
        reference,
        Suggestion.perhaps()
            .text("check the network, or raise the timeout with ")
            .systemProperty("jib.httpTimeout", "<ms>")
            .build(),
        cause);
  }

  /**
   * Says that an image (or one of its blobs) is not in a registry.
   *
   * @param parameter the setting naming the image
   * @param reference the image reference
   * @param registry the registry host
   * @param cause the underlying failure, or {@code null}
   * @return the exception
   */
  public static ConfigurationException notFound(
      Setting parameter, String reference, String registry, Throwable cause) {
    return new ConfigurationException(
        "image " + reference + " not found in " + registry,
        parameter,
        reference,
        "perhaps you should check the repository name and the tag or digest of " + parameter.key(),
        cause);
  }

  /** Ends a suggestion with: set allowInsecureRegistries=true if REGISTRY is ... you trust. */
  private static Suggestion insecure(Suggestion.Builder suggestion, String registry) {
    return suggestion
        .text("set ")
        .set(Setting.ALLOW_INSECURE_REGISTRIES, "true")
        .text(" if " + registry + " is a plain-http or self-signed registry you trust")
        .build();
  }
}
