package io.github.jenkinsdind.core.internal.container;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.jenkinsdind.core.api.ConfigurationException;
import io.github.jenkinsdind.core.api.Setting;
import java.util.List;
import org.junit.jupiter.api.Test;

class PortSpecTest {

  @Test
  void parsesHostAndContainerPort() throws Exception {
    assertThat(PortSpec.parse("8080:8080")).isEqualTo(new PortSpec("", 8080, 8080, "tcp"));
  }

  @Test
  void parsesAddressProtocolAndPortZero() throws Exception {
    assertThat(PortSpec.parse(" 127.0.0.1:0:8080/TCP "))
        .isEqualTo(new PortSpec("127.0.0.1", 0, 8080, "tcp"));
    assertThat(PortSpec.parse("127.0.0.1::50000"))
        .isEqualTo(new PortSpec("127.0.0.1", 0, 50000, "tcp"));
    assertThat(PortSpec.parse("5353:53/udp")).isEqualTo(new PortSpec("", 5353, 53, "udp"));
  }

  @Test
  void parsesBracketedIpv6() throws Exception {
    PortSpec spec = PortSpec.parse("[::1]:9090:8080");
    assertThat(spec).isEqualTo(new PortSpec("::1", 9090, 8080, "tcp"));
    assertThat(spec.spec()).isEqualTo("[::1]:9090:8080/tcp");
  }

  @Test
  void rejectsMalformedEntriesNamingPorts() {
    for (String bad :
        List.of(
            "8080",
            "a:8080",
            "8080:0",
            "70000:8080",
            "1:2:3:4",
            "8080:8080/sctp",
            "localhost:8080:8080",
            ":8080",
            "[::1]8080:8080")) {
      assertThatThrownBy(() -> PortSpec.parse(bad))
          .as(bad)
          .isInstanceOfSatisfying(
              ConfigurationException.class,
              e -> {
                assertThat(e.setting()).contains(Setting.PORTS);
                assertThat(e.value()).contains(bad);
                assertThat(e.getMessage()).contains("'" + bad + "'");
                assertThat(e.suggestion().orElseThrow()).contains("[ip:]hostPort:containerPort");
              });
    }
  }

  @Test
  void splitsCommaSeparatedEntries() throws Exception {
    assertThat(PortSpec.parseAll(List.of("8080:8080, 50000:50000", "0:9000")))
        .containsExactly(
            new PortSpec("", 8080, 8080, "tcp"),
            new PortSpec("", 50000, 50000, "tcp"),
            new PortSpec("", 0, 9000, "tcp"));
  }

  @Test
  void requiresJenkinsWebPort() {
    assertThatThrownBy(() -> PortSpec.parseAll(List.of("50000:50000")))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("container port 8080");
    assertThatThrownBy(() -> PortSpec.parseAll(List.of("8080:8080/udp")))
        .isInstanceOf(ConfigurationException.class);
  }

  @Test
  void rejectsAHostPortGivenTwiceButAllowsSeveralPortZero() throws Exception {
    assertThatThrownBy(() -> PortSpec.parseAll(List.of("8080:8080", "8080:50000")))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("Host port 8080/tcp is published twice");
    assertThat(PortSpec.parseAll(List.of("0:8080", "0:50000"))).hasSize(2);
    assertThat(PortSpec.parseAll(List.of("127.0.0.1:8080:8080", "127.0.0.2:8080:50000")))
        .hasSize(2);
  }
}
