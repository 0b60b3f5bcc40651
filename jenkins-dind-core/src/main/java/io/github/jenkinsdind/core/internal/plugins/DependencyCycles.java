package io.github.jenkinsdind.core.internal.plugins;

import io.github.jenkinsdind.core.api.ConfigurationException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Finds a cycle of non-optional dependencies among the chosen releases, depth first. */
final class DependencyCycles {
  private final Map<String, PluginRelease> chosen;
  private final Map<String, List<String>> chains;
  private final ResolutionFaults faults;
  private final Set<String> done = new HashSet<>();
  private final List<String> path = new ArrayList<>();

  DependencyCycles(
      Map<String, PluginRelease> chosen,
      Map<String, List<String>> chains,
      ResolutionFaults faults) {
    this.chosen = chosen;
    this.chains = chains;
    this.faults = faults;
  }

  /** Throws for the first cycle found, walking from the plugins in the order they were chosen. */
  void check() throws ConfigurationException {
    for (String id : chosen.keySet()) {
      visit(id);
    }
  }

  private void visit(String id) throws ConfigurationException {
    if (done.contains(id) || !chosen.containsKey(id)) {
      return;
    }
    int at = path.indexOf(id);
    if (at >= 0) {
      List<String> cycle = new ArrayList<>(path.subList(at, path.size()));
      cycle.add(id);
      throw faults.cycle(cycle, chains.get(id));
    }
    path.add(id);
    for (PluginDependency dependency : chosen.get(id).dependencies()) {
      if (!dependency.optional()) {
        visit(dependency.id());
      }
    }
    path.remove(path.size() - 1);
    done.add(id);
  }
}
