package io.github.jenkinsdind.core.internal.container;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Asks Jenkins' login page whether Jenkins is up. Jenkins answers 503 while it starts; once it
 * serves {@code /login} (200, or a redirect or 401/403 behind single sign-on), it is ready.
 */
final class Readiness {
  private final HttpClient http =
      HttpClient.newBuilder()
          .connectTimeout(Duration.ofSeconds(2))
          .followRedirects(HttpClient.Redirect.NEVER)
          .build();

  /**
   * Asks once.
   *
   * @param login the login page's address
   * @return whether Jenkins served it
   * @throws InterruptedException if interrupted
   */
  boolean answers(URI login) throws InterruptedException {
    try {
      HttpResponse<Void> response =
          http.send(
              HttpRequest.newBuilder(login).timeout(Duration.ofSeconds(5)).GET().build(),
              HttpResponse.BodyHandlers.discarding());
      int status = response.statusCode();
      return status < 400 || status == 401 || status == 403;
    } catch (IOException e) {
      return false;
    }
  }
}
