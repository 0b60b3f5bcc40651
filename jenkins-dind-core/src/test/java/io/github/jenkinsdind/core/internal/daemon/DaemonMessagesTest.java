package io.github.jenkinsdind.core.internal.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class DaemonMessagesTest {

  @Test
  void extractsTheDaemonsMessage() {
    assertThat(DaemonMessages.text("Status 404: {\"message\":\"No such image: x:1\"}\n"))
        .isEqualTo("No such image: x:1");
    assertThat(DaemonMessages.text("{\"message\":\"a \\\"quoted\\\" word\"}"))
        .isEqualTo("a \"quoted\" word");
    assertThat(DaemonMessages.text("  plain text ")).isEqualTo("plain text");
    assertThat(DaemonMessages.text(null)).isEmpty();
  }

  @Test
  void findsThePortOfAPortConflictInEachEnginesWording() {
    assertThat(
            DaemonMessages.portInUse(
                "driver failed programming external connectivity on endpoint j (abc): Bind for"
                    + " 0.0.0.0:8080 failed: port is already allocated"))
        .hasValue(8080);
    assertThat(
            DaemonMessages.portInUse(
                "driver failed programming external connectivity on endpoint j (abc): Error"
                    + " starting userland proxy: listen tcp4 0.0.0.0:50000: bind: address already"
                    + " in use"))
        .hasValue(50000);
    assertThat(
            DaemonMessages.portInUse(
                "failed to set up container networking: driver failed programming external"
                    + " connectivity on endpoint j (abc): failed to bind host port for"
                    + " 0.0.0.0:9090:172.17.0.2:8080/tcp: address already in use"))
        .hasValue(9090);
    assertThat(DaemonMessages.portInUse("listen tcp6 [::]:8081: bind: address already in use"))
        .hasValue(8081);
    assertThat(DaemonMessages.portInUse("No such image")).isEqualTo(OptionalInt.empty());
  }

  @Test
  void recognizesAMissingBindSource() {
    String text =
        "invalid mount config for type \"bind\": bind source path does not exist: /srv/jh";
    assertThat(DaemonMessages.isMissingBindSource(text, "/srv/jh")).isTrue();
    assertThat(DaemonMessages.isMissingBindSource(text, "/srv")).isFalse();
    assertThat(DaemonMessages.isMissingBindSource(text, "/var/run/docker.sock")).isFalse();
  }
}
