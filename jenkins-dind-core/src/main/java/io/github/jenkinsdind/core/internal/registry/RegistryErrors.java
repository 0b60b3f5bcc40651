package io.github.jenkinsdind.core.internal.registry;

import com.google.cloud.tools.jib.api.ImageReference;
import com.google.cloud.tools.jib.api.InsecureRegistryException;
import com.google.cloud.tools.jib.api.InvalidImageReferenceException;
import com.google.cloud.tools.jib.api.RegistryAuthenticationFailedException;
import com.google.cloud.tools.jib.api.RegistryUnauthorizedException;
import io.github.jenkinsdind.core.api.EnvironmentException;
import io.github.jenkinsdind.core.api.JenkinsDindException;
import io.github.jenkinsdind.core.api.Setting;
import io.github.jenkinsdind.core.internal.jib.RegistryFailures;
import java.io.EOFException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * Translates registry failures (Jib's exceptions, HTTP errors, network errors, however deeply
 * wrapped in {@link java.util.concurrent.ExecutionException}s or {@link java.io.IOException}s) into
 * the API's exceptions, naming the setting whose image is on that registry: {@link Setting#FROM}
 * for the base, {@link Setting#IMAGE} for the target.
 *
 * <p>Used by the registry base source and by the image build (push). The messages name the registry
 * host and the image reference, never a credential. The original failure is kept as the cause.
 */
public final class RegistryErrors {

  private RegistryErrors() {}

  /**
   * Translates a failure met while reading or writing an image on a registry.
   *
   * @param failure the failure, wrapped or not
   * @param parameter the setting naming the image ({@link Setting#FROM} or {@link Setting#IMAGE})
   * @param reference the image reference as the user wrote it
   * @return the exception to throw; a {@link JenkinsDindException} found in the cause chain is
   *     returned as it is
   */
  public static JenkinsDindException translate(
      Throwable failure, Setting parameter, String reference) {
    String registry = registryOf(reference);
    List<Throwable> chain = chainOf(failure);

    for (Throwable t : chain) {
      if (t instanceof JenkinsDindException known) {
        return known;
      }
    }
    for (Throwable t : chain) {
      if (RegistryFailures.isCredentialsNotSent(t)) {
        return RegistryFaults.credentialsNotSent(parameter, reference, registry, failure);
      }
      if (t instanceof RegistryUnauthorizedException
          || t instanceof RegistryAuthenticationFailedException) {
        return RegistryFaults.authentication(
            parameter, reference, registry, statusOf(chain), failure);
      }
    }
    int status = statusOf(chain);
    if (status == 401 || status == 403) {
      return RegistryFaults.authentication(parameter, reference, registry, status, failure);
    }
    for (Throwable t : chain) {
      if (t instanceof InsecureRegistryException || t instanceof SSLException) {
        return isCertificateProblem(failure)
            ? RegistryFaults.untrustedCertificate(
                parameter, reference, registry, detailOf(chain), failure)
            : RegistryFaults.plainHttp(parameter, reference, registry, failure);
      }
    }
    if (status == 404 || mentionsUnknown(chain)) {
      return RegistryFaults.notFound(parameter, reference, registry, failure);
    }
    for (Throwable t : chain) {
      if (t instanceof UnknownHostException) {
        return RegistryFaults.unreachable(parameter, reference, registry, "unknown host", failure);
      }
      if (t instanceof ConnectException || t instanceof NoRouteToHostException) {
        return RegistryFaults.unreachable(parameter, reference, registry, t.getMessage(), failure);
      }
      if (t instanceof SocketTimeoutException) {
        return RegistryFaults.timedOut(parameter, reference, registry, failure);
      }
    }
    for (Throwable t : chain) {
      if (isConnectionLost(t)) {
        return RegistryFaults.connectionLost(
            parameter, reference, registry, detailOf(chain), failure);
      }
    }
    return new EnvironmentException(
        "could not access "
            + subject(parameter, reference)
            + " on registry "
            + registry
            + ": "
            + detailOf(chain),
        parameter,
        reference,
        (String) null,
        failure);
  }

  /**
   * Returns the registry host of an image reference, as Jib understands it.
   *
   * @param reference for example {@code 127.0.0.1:5000/jenkins:lts} or {@code jenkins/jenkins}
   * @return for example {@code 127.0.0.1:5000} or {@code registry-1.docker.io}
   */
  public static String registryOf(String reference) {
    try {
      return ImageReference.parse(reference).getRegistry();
    } catch (InvalidImageReferenceException | RuntimeException e) {
      int slash = reference.indexOf('/');
      return slash > 0 ? reference.substring(0, slash) : reference;
    }
  }

  /**
   * Tells whether a failure is about a TLS certificate that could not be verified (rather than a
   * server that does not speak TLS at all).
   *
   * @param failure the failure, wrapped or not
   * @return whether the cause chain holds a certificate error
   */
  public static boolean isCertificateProblem(Throwable failure) {
    for (Throwable t : chainOf(failure)) {
      if (t instanceof CertificateException
          || t instanceof CertPathValidatorException
          || t instanceof CertPathBuilderException
          || t instanceof SSLPeerUnverifiedException) {
        return true;
      }
    }
    return false;
  }

  /**
   * A connection closed under a transfer: a reset or broken pipe, an early end of stream, or Apache
   * HttpClient's "no response" and "closed connection" failures (named by class, as Jib's http
   * transport is an internal detail).
   */
  private static boolean isConnectionLost(Throwable t) {
    if (t instanceof SocketException || t instanceof EOFException) {
      return true;
    }
    String name = t.getClass().getSimpleName();
    return name.equals("NoHttpResponseException")
        || name.equals("ConnectionClosedException")
        || name.equals("TruncatedChunkException")
        || name.equals("MalformedChunkCodingException");
  }

  static String subject(Setting parameter, String reference) {
    return switch (parameter) {
      case FROM -> "base image " + reference;
      case IMAGE, TAGS -> "target image " + reference;
      default -> "image " + reference;
    };
  }

  private static List<Throwable> chainOf(Throwable failure) {
    List<Throwable> chain = new ArrayList<>();
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    for (Throwable t = failure; t != null && seen.add(t); t = t.getCause()) {
      chain.add(t);
    }
    return chain;
  }

  private static int statusOf(List<Throwable> chain) {
    for (Throwable t : chain) {
      OptionalInt status = RegistryFailures.httpStatus(t);
      if (status.isPresent()) {
        return status.getAsInt();
      }
    }
    return -1;
  }

  private static boolean mentionsUnknown(List<Throwable> chain) {
    for (Throwable t : chain) {
      String message = t.getMessage();
      if (message != null
          && (message.contains("MANIFEST_UNKNOWN")
              || message.contains("manifest unknown")
              || message.contains("NAME_UNKNOWN")
              || message.contains("BLOB_UNKNOWN"))) {
        return true;
      }
    }
    return false;
  }

  /** The message of the deepest cause that has one: usually the most telling. */
  private static String detailOf(List<Throwable> chain) {
    for (int i = chain.size() - 1; i >= 0; i--) {
      String message = chain.get(i).getMessage();
      if (message != null && !message.isBlank()) {
        return firstLine(message);
      }
    }
    return chain.get(0).getClass().getSimpleName();
  }

  private static String firstLine(String message) {
    int newline = message.indexOf('\n');
    return (newline < 0 ? message : message.substring(0, newline)).trim();
  }

  /**
   * Finds the registry a Jib failure is about, when the failure says so. The image build can use it
   * to tell whether the base or the target registry failed.
   *
   * @param failure the failure, wrapped or not
   * @return the registry host, if the failure names one
   */
  public static Optional<String> failingRegistry(Throwable failure) {
    for (Throwable t : chainOf(failure)) {
      if (t instanceof RegistryUnauthorizedException unauthorized) {
        return Optional.of(registryOf(unauthorized.getImageReference()));
      }
      if (t instanceof RegistryAuthenticationFailedException failed) {
        return Optional.of(failed.getServerUrl());
      }
      if (t instanceof InsecureRegistryException && t.getMessage() != null) {
        return hostInUrl(t.getMessage());
      }
    }
    return Optional.empty();
  }

  private static Optional<String> hostInUrl(String message) {
    int scheme = message.indexOf("://");
    if (scheme < 0) {
      return Optional.empty();
    }
    int start = scheme + 3;
    int end = start;
    while (end < message.length() && "/ ".indexOf(message.charAt(end)) < 0) {
      end++;
    }
    return end > start ? Optional.of(message.substring(start, end)) : Optional.empty();
  }
}
