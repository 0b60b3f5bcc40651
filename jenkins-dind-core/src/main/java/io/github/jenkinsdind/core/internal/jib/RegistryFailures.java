package io.github.jenkinsdind.core.internal.jib;

import com.google.cloud.tools.jib.http.ResponseException;
import com.google.cloud.tools.jib.registry.RegistryCredentialsNotSentException;
import java.util.OptionalInt;

/**
 * Recognises the failures of jib-core's internal classes that the translation of registry failures
 * needs: an HTTP error answer and its status, and credentials withheld over plain http. (The public
 * exceptions of {@code com.google.cloud.tools.jib.api} are recognised where they are used.)
 */
public final class RegistryFailures {
  private RegistryFailures() {}

  /**
   * Returns the HTTP status of a failure that is a registry's error answer.
   *
   * @param failure one failure of a cause chain
   * @return the status, if the failure is an HTTP error answer
   */
  public static OptionalInt httpStatus(Throwable failure) {
    return failure instanceof ResponseException response
        ? OptionalInt.of(response.getStatusCode())
        : OptionalInt.empty();
  }

  /**
   * Tells whether a failure says that a registry asked for credentials which were not sent because
   * the connection was plain http.
   *
   * @param failure one failure of a cause chain
   * @return whether it is that failure
   */
  public static boolean isCredentialsNotSent(Throwable failure) {
    return failure instanceof RegistryCredentialsNotSentException;
  }
}
