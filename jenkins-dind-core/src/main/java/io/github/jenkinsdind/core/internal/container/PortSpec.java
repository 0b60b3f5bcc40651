package io.github.jenkinsdind.core.internal.container;

import io.github.jenkinsdind.core.api.ConfigurationException;
import io.github.jenkinsdind.core.api.Setting;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One published port, parsed from {@code [ip:]hostPort:containerPort[/tcp|/udp]} as {@code docker
 * run -p} writes it. Host port 0 (or an empty host port after an address) lets the daemon pick a
 * free port. An IPv6 address goes in brackets: {@code [::1]:8080:8080}.
 *
 * @param hostIp the host address, or empty for every address
 * @param hostPort the host port, 0 for one the daemon picks
 * @param containerPort the container port
 * @param protocol {@code tcp} or {@code udp}
 */
public record PortSpec(String hostIp, int hostPort, int containerPort, String protocol) {

  /** Jenkins' web port in the container. */
  public static final int JENKINS_WEB_PORT = 8080;

  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
  private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F:.]*:[0-9a-fA-F:.]*");
  private static final String FORM = "[ip:]hostPort:containerPort[/tcp|/udp]";

  /**
   * Parses every entry; an entry may itself hold several, separated by commas.
   *
   * @param specs the entries
   * @return the ports, in order
   * @throws ConfigurationException if an entry is malformed, a host port is given twice, or
   *     Jenkins' web port 8080 is not published over tcp
   */
  public static List<PortSpec> parseAll(List<String> specs) throws ConfigurationException {
    List<PortSpec> ports = new ArrayList<>();
    for (String entry : specs) {
      if (entry == null) {
        continue;
      }
      for (String one : entry.split(",")) {
        if (!one.isBlank()) {
          ports.add(parse(one));
        }
      }
    }
    String all = String.join(",", specs.stream().map(String::valueOf).toList());
    for (int i = 0; i < ports.size(); i++) {
      for (int j = i + 1; j < ports.size(); j++) {
        PortSpec a = ports.get(i);
        PortSpec b = ports.get(j);
        if (a.hostPort != 0
            && a.hostPort == b.hostPort
            && a.protocol.equals(b.protocol)
            && (a.hostIp.equals(b.hostIp) || a.hostIp.isEmpty() || b.hostIp.isEmpty())) {
          throw new ConfigurationException(
              "Host port "
                  + a.hostPort
                  + "/"
                  + a.protocol
                  + " is published twice ("
                  + a.spec()
                  + " and "
                  + b.spec()
                  + ")",
              Setting.PORTS,
              all,
              "give each mapping its own host port, or 0 to let Docker pick a free one");
        }
      }
    }
    if (ports.stream().noneMatch(PortSpec::isJenkinsWeb)) {
      throw new ConfigurationException(
          "The ports do not publish container port "
              + JENKINS_WEB_PORT
              + " (Jenkins' web port), so Jenkins could not be reached",
          Setting.PORTS,
          all,
          "add a mapping such as 8080:8080, or 0:8080 to let Docker pick the host port");
    }
    return List.copyOf(ports);
  }

  /**
   * Parses one entry.
   *
   * @param text the entry, for example {@code 127.0.0.1:0:8080}
   * @return the port
   * @throws ConfigurationException if it is malformed
   */
  public static PortSpec parse(String text) throws ConfigurationException {
    String spec = text.trim();
    String protocol = "tcp";
    String rest = spec;
    int slash = spec.lastIndexOf('/');
    if (slash >= 0) {
      protocol = spec.substring(slash + 1).toLowerCase(Locale.ROOT);
      rest = spec.substring(0, slash);
      if (!protocol.equals("tcp") && !protocol.equals("udp")) {
        throw malformed(text, "the protocol must be tcp or udp, not '" + protocol + "'");
      }
    }
    String hostIp = "";
    if (rest.startsWith("[")) {
      int close = rest.indexOf(']');
      if (close < 0 || close + 1 >= rest.length() || rest.charAt(close + 1) != ':') {
        throw malformed(text, "an IPv6 address goes in brackets, followed by ':'");
      }
      hostIp = rest.substring(1, close);
      if (!IPV6.matcher(hostIp).matches()) {
        throw malformed(text, "'" + hostIp + "' is not an IPv6 address");
      }
      rest = rest.substring(close + 2);
      if (rest.split(":", -1).length != 2) {
        throw malformed(text, "after the address come hostPort:containerPort");
      }
    }
    String[] parts = rest.split(":", -1);
    String host;
    String container;
    if (parts.length == 2) {
      host = parts[0];
      container = parts[1];
      if (host.isEmpty() && hostIp.isEmpty()) {
        throw malformed(text, "the host port is missing (use 0 to let Docker pick one)");
      }
    } else if (parts.length == 3 && hostIp.isEmpty()) {
      hostIp = parts[0];
      if (!IPV4.matcher(hostIp).matches()) {
        throw malformed(
            text, "'" + hostIp + "' is not an IPv4 address (write an IPv6 one in brackets)");
      }
      host = parts[1];
      container = parts[2];
    } else {
      throw malformed(text, "expected " + FORM);
    }
    int hostPort = host.isEmpty() ? 0 : number(text, host, "host port", 0);
    int containerPort = number(text, container, "container port", 1);
    return new PortSpec(hostIp, hostPort, containerPort, protocol);
  }

  /**
   * Tells whether this publishes Jenkins' web port.
   *
   * @return whether the container port is 8080 over tcp
   */
  public boolean isJenkinsWeb() {
    return containerPort == JENKINS_WEB_PORT && protocol.equals("tcp");
  }

  /**
   * Returns the entry as a user would write it.
   *
   * @return for example {@code 127.0.0.1:0:8080/tcp}
   */
  public String spec() {
    String ip = hostIp.contains(":") ? "[" + hostIp + "]:" : hostIp.isEmpty() ? "" : hostIp + ":";
    return ip + hostPort + ":" + containerPort + "/" + protocol;
  }

  private static int number(String text, String value, String what, int min)
      throws ConfigurationException {
    if (!value.matches("\\d{1,5}")) {
      throw malformed(text, "the " + what + " '" + value + "' is not a number");
    }
    int port = Integer.parseInt(value);
    if (port < min || port > 65535) {
      throw malformed(text, "the " + what + " " + port + " is not between " + min + " and 65535");
    }
    return port;
  }

  private static ConfigurationException malformed(String text, String why) {
    return new ConfigurationException(
        "The port mapping '" + text + "' is not valid: " + why,
        Setting.PORTS,
        text,
        "write each mapping as " + FORM + ", for example 8080:8080 or 127.0.0.1:0:8080");
  }
}
