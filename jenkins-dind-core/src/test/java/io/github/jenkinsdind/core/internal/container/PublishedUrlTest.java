package io.github.jenkinsdind.core.internal.container;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.Ports;
import io.github.jenkinsdind.core.api.PublishedPort;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PublishedUrlTest {

  private static PublishedPort web(String ip, int hostPort) {
    return new PublishedPort(ip, hostPort, 8080, "tcp");
  }

  @Test
  void theDaemonsAnswerGivesTheHostPortItPickedIpv4First() {
    Map<ExposedPort, Ports.Binding[]> bindings = new LinkedHashMap<>();
    bindings.put(
        ExposedPort.tcp(50000), new Ports.Binding[] {new Ports.Binding("0.0.0.0", "32769")});
    bindings.put(
        ExposedPort.tcp(8080),
        new Ports.Binding[] {
          new Ports.Binding("::", "32768"), new Ports.Binding("0.0.0.0", "32768")
        });
    bindings.put(ExposedPort.udp(53), null);
    bindings.put(ExposedPort.tcp(9000), new Ports.Binding[] {new Ports.Binding("0.0.0.0", "")});
    assertThat(PublishedUrl.published(bindings))
        .containsExactly(
            web("0.0.0.0", 32768),
            web("::", 32768),
            new PublishedPort("0.0.0.0", 32769, 50000, "tcp"));
  }

  @Test
  void everyAddressIsReachedAtTheDaemonsHost() {
    List<PublishedPort> ports = List.of(web("0.0.0.0", 32768), web("::", 32768));
    assertThat(PublishedUrl.url(ports, "localhost")).contains("http://localhost:32768/");
    assertThat(PublishedUrl.url(ports, "docker.example.com"))
        .contains("http://docker.example.com:32768/");
    assertThat(PublishedUrl.url(List.of(web("", 8080)), "localhost"))
        .contains("http://localhost:8080/");
  }

  @Test
  void ipv4AndIpv6WithDifferentPortsAvoidLocalhost() {
    List<PublishedPort> ports = List.of(web("0.0.0.0", 32768), web("::", 32770));
    assertThat(PublishedUrl.url(ports, "localhost")).contains("http://127.0.0.1:32768/");
    assertThat(PublishedUrl.url(ports, "remote")).contains("http://remote:32768/");
  }

  @Test
  void oneAddressIsUsedAsItIsAnIpv6OneInBrackets() {
    assertThat(PublishedUrl.url(List.of(web("127.0.0.1", 8081)), "localhost"))
        .contains("http://127.0.0.1:8081/");
    assertThat(PublishedUrl.url(List.of(web("::1", 32768)), "localhost"))
        .contains("http://[::1]:32768/");
  }

  @Test
  void withoutTheWebPortOverTcpThereIsNoUrl() {
    assertThat(PublishedUrl.url(List.of(), "localhost")).isEmpty();
    assertThat(PublishedUrl.url(List.of(new PublishedPort("", 8080, 8080, "udp")), "localhost"))
        .isEmpty();
  }
}
