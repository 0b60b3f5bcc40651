package io.github.jenkinsdind.core.internal.jib;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.cloud.tools.jib.registry.credentials.CredentialHelperUnhandledServerUrlException;
import java.lang.reflect.Constructor;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * {@link HelperLog} on the messages jib-core really writes: the exception is made as Jib's {@code
 * DockerCredentialHelper} makes it, so a jib-core upgrade that changes its wording fails here.
 */
class HelperLogTest {
  private static final String SECRET = "s3cr3t-password";

  /** The message as Jib's package-private constructor makes it. */
  private static String jibMessage(String output) {
    try {
      Constructor<CredentialHelperUnhandledServerUrlException> constructor =
          CredentialHelperUnhandledServerUrlException.class.getDeclaredConstructor(
              Path.class, String.class, String.class);
      constructor.setAccessible(true);
      return constructor
          .newInstance(
              Path.of("/usr/local/bin/docker-credential-pass"), "registry.example.com", output)
          .getMessage();
    } catch (ReflectiveOperationException e) {
      throw new AssertionError("jib-core no longer makes this exception this way", e);
    }
  }

  @Test
  void theHelpersOutputIsCutOffAndItsNameKept() {
    String message = jibMessage("{\"Username\": \"ci\", \"Secret\": \"" + SECRET + "\"");

    String redacted = HelperLog.redact(message);

    assertThat(message).contains(SECRET);
    assertThat(redacted)
        .doesNotContain(SECRET)
        .contains("docker-credential-pass")
        .contains("registry.example.com")
        .contains("not shown");
    assertThat(HelperLog.unreadableHelper(message)).contains("docker-credential-pass");
  }

  @Test
  void theProtocolsNotFoundIsNoFailure() {
    String message = jibMessage("credentials not found in native keychain\n");

    assertThat(HelperLog.unreadableHelper(message)).isEmpty();
  }

  @Test
  void otherMessagesPassAsTheyAre() {
    String message = "Using credential helper docker-credential-pass for registry.example.com";

    assertThat(HelperLog.redact(message)).isEqualTo(message);
    assertThat(HelperLog.unreadableHelper(message)).isEmpty();
  }
}
