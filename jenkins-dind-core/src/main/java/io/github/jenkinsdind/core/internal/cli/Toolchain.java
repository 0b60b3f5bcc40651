package io.github.jenkinsdind.core.internal.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The binaries of one image: the docker CLI and the CLI plugins, in layer order.
 *
 * @param cli the docker CLI
 * @param plugins the CLI plugins, each at most once
 */
public record Toolchain(ResolvedBinary cli, List<ResolvedBinary> plugins) {
  /**
   * Checks and copies the parts.
   *
   * @param cli the docker CLI
   * @param plugins the plugins
   */
  public Toolchain {
    Objects.requireNonNull(cli, "cli");
    plugins = List.copyOf(plugins);
  }

  /**
   * Returns every binary, the CLI first.
   *
   * @return the binaries in layer order
   */
  public List<ResolvedBinary> all() {
    List<ResolvedBinary> all = new ArrayList<>();
    all.add(cli);
    all.addAll(plugins);
    return all;
  }

  /**
   * Returns a plugin, if the image carries it.
   *
   * @param kind the plugin's kind
   * @return the plugin
   */
  public Optional<ResolvedBinary> plugin(BinaryKind kind) {
    return plugins.stream().filter(p -> p.kind() == kind).findFirst();
  }
}
