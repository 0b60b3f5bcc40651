package io.github.jenkinsdind.core.internal.plugins;

import io.github.jenkinsdind.core.api.ConfigurationException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Resolves the requested plugins into the set to install: a pure function of the requests, the
 * update center, the Jenkins version and the plugins the war bundles.
 *
 * <ul>
 *   <li>Non-optional dependencies are followed transitively; an optional one counts only when its
 *       plugin is in the set anyway, and then its version does too.
 *   <li>A pinned version (or a URL) is honoured exactly: a dependency that needs it newer is an
 *       error naming both. {@code latest} and no version take the latest release, {@code
 *       experimental} the newest of all.
 *   <li>A plugin that only dependencies need gets the oldest release that all of them accept (the
 *       minimum), never older than one it was given in an earlier round; rounds repeat until
 *       nothing changes.
 *   <li>A dependency the war bundles new enough is left out.
 *   <li>Each release's {@code requiredCore} must not be newer than the Jenkins version; a cycle of
 *       non-optional dependencies is an error; security warnings fail or are reported.
 * </ul>
 *
 * <p>It throws {@link UpdateCenter.VersionsNeeded} when it needs the releases of a plugin that the
 * update center has not loaded; the caller loads them and calls again.
 */
public final class PluginResolver {
  private static final int MAX_ROUNDS = 100;

  private final UpdateCenter center;
  private final Map<String, PluginRelease> urlReleases;
  private final String jenkinsVersion;
  private final Map<String, String> bundled;
  private final boolean failOnWarnings;

  /**
   * Creates a resolver.
   *
   * @param center the update center
   * @param urlReleases the releases of the plugins requested by URL, read from their files
   * @param jenkinsVersion the base's Jenkins version, or {@code null} if not known (then {@code
   *     requiredCore} is not checked)
   * @param bundled the plugins the war bundles, id to version
   * @param failOnWarnings whether a security warning is an error
   */
  public PluginResolver(
      UpdateCenter center,
      Map<String, PluginRelease> urlReleases,
      String jenkinsVersion,
      Map<String, String> bundled,
      boolean failOnWarnings) {
    this.center = Objects.requireNonNull(center, "center");
    this.urlReleases = Map.copyOf(urlReleases);
    this.jenkinsVersion = jenkinsVersion;
    this.bundled = Map.copyOf(bundled);
    this.failOnWarnings = failOnWarnings;
  }

  /** Why a plugin must be at least some version: who needs it, through which chain. */
  record Need(PluginVersion version, PluginRelease by, List<String> chain) {}

  /**
   * Resolves.
   *
   * @param specs the requested plugins, ids distinct
   * @return the set, ordered by id
   * @throws ConfigurationException for an unknown plugin, a missing version, a pin below what a
   *     dependency needs, a cycle, a core too old or (if they fail) a security warning
   * @throws UpdateCenter.VersionsNeeded if releases not loaded are needed
   */
  public Resolution resolve(List<PluginSpec> specs) throws ConfigurationException {
    Map<String, PluginSpec> requested = new LinkedHashMap<>();
    specs.forEach(s -> requested.put(s.id(), s));
    ResolutionFaults faults = new ResolutionFaults(requested);
    Map<String, Need> minimums = new HashMap<>();
    for (int round = 1; round <= MAX_ROUNDS; round++) {
      Round result = round(requested, minimums, faults);
      if (!result.raised) {
        return finish(result, faults);
      }
    }
    throw new IllegalStateException(
        "plugin resolution did not settle in " + MAX_ROUNDS + " rounds");
  }

  /** One traversal: the chosen releases and chains, and whether a minimum was raised. */
  private static final class Round {
    final Map<String, PluginRelease> chosen = new LinkedHashMap<>();
    final Map<String, List<String>> chains = new HashMap<>();
    final Map<String, String> leftOut = new TreeMap<>();
    boolean raised;
  }

  private Round round(
      Map<String, PluginSpec> requested, Map<String, Need> minimums, ResolutionFaults faults)
      throws ConfigurationException {
    Round round = new Round();
    Deque<String> queue = new ArrayDeque<>();
    for (String id : requested.keySet()) {
      round.chains.put(id, List.of(id));
      queue.add(id);
    }
    List<Need> optionalNeeds = new ArrayList<>();
    List<String> optionalIds = new ArrayList<>();
    while (!queue.isEmpty()) {
      String id = queue.poll();
      List<String> chain = round.chains.get(id);
      Need need = minimums.get(id);
      String bundledVersion = bundled.get(id);
      if (!requested.containsKey(id)
          && bundledVersion != null
          && (need == null || !PluginVersion.of(bundledVersion).isOlderThan(need.version()))) {
        round.leftOut.put(id, bundledVersion);
        continue;
      }
      PluginRelease release = choose(id, chain, requested.get(id), need, faults);
      round.chosen.put(id, release);
      for (PluginDependency dependency : release.dependencies()) {
        List<String> next = append(chain, dependency.id());
        Need wanted = new Need(PluginVersion.of(dependency.version()), release, chain);
        if (dependency.optional()) {
          optionalNeeds.add(wanted);
          optionalIds.add(dependency.id());
          continue;
        }
        round.raised |= raise(dependency.id(), wanted, requested, minimums, faults);
        if (!round.chains.containsKey(dependency.id())) {
          round.chains.put(dependency.id(), next);
          queue.add(dependency.id());
        }
      }
    }
    for (int i = 0; i < optionalIds.size(); i++) {
      if (round.chosen.containsKey(optionalIds.get(i))) {
        round.raised |=
            raise(optionalIds.get(i), optionalNeeds.get(i), requested, minimums, faults);
      }
    }
    return round;
  }

  /** Records a need; returns whether it raised the plugin's minimum. */
  private boolean raise(
      String id,
      Need wanted,
      Map<String, PluginSpec> requested,
      Map<String, Need> minimums,
      ResolutionFaults faults)
      throws ConfigurationException {
    PluginSpec spec = requested.get(id);
    if (spec != null && spec.fixed()) {
      PluginRelease fixed = fixedRelease(spec, faults);
      if (fixed.pluginVersion().isOlderThan(wanted.version())) {
        throw faults.pinTooOld(spec, fixed.version(), wanted);
      }
      return false;
    }
    Need current = minimums.get(id);
    if (current == null || wanted.version().isNewerThan(current.version())) {
      minimums.put(id, wanted);
      return true;
    }
    return false;
  }

  private PluginRelease choose(
      String id, List<String> chain, PluginSpec spec, Need need, ResolutionFaults faults)
      throws ConfigurationException {
    if (spec != null && spec.fixed()) {
      return fixedRelease(spec, faults);
    }
    PluginRelease latest = center.latestOf(id).orElseThrow(() -> faults.unknown(id, chain));
    if (spec != null && spec.kind() == PluginSpec.Kind.EXPERIMENTAL) {
      List<PluginRelease> all = center.releasesOf(id);
      return all.get(all.size() - 1);
    }
    if (spec != null) {
      if (need != null && latest.pluginVersion().isOlderThan(need.version())) {
        throw faults.noRelease(id, chain, need, latest.version());
      }
      return latest;
    }
    if (need == null || latest.pluginVersion().compareTo(need.version()) == 0) {
      return latest;
    }
    for (PluginRelease release : center.releasesOf(id)) {
      if (!release.pluginVersion().isOlderThan(need.version())) {
        return release;
      }
    }
    throw faults.noRelease(id, chain, need, latest.version());
  }

  private PluginRelease fixedRelease(PluginSpec spec, ResolutionFaults faults)
      throws ConfigurationException {
    if (spec.kind() == PluginSpec.Kind.URL) {
      PluginRelease release = urlReleases.get(spec.id());
      if (release == null) {
        throw new IllegalStateException("no release read from the file of " + spec.id());
      }
      return release;
    }
    return center
        .release(spec.id(), spec.version())
        .orElseThrow(() -> faults.missingPin(spec, center.latestOf(spec.id()).isPresent()));
  }

  private Resolution finish(Round round, ResolutionFaults faults) throws ConfigurationException {
    new DependencyCycles(round.chosen, round.chains, faults).check();
    List<ResolvedPlugin> plugins = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    for (String id : new TreeMap<>(round.chosen).keySet()) {
      PluginRelease release = round.chosen.get(id);
      List<String> chain = round.chains.get(id);
      if (jenkinsVersion != null
          && release.requiredCore() != null
          && PluginVersion.of(release.requiredCore())
              .isNewerThan(PluginVersion.of(jenkinsVersion))) {
        throw faults.coreTooOld(release, chain, jenkinsVersion);
      }
      for (SecurityWarning warning : center.warningsFor(id, release.version())) {
        if (failOnWarnings) {
          throw faults.warned(release, chain, warning);
        }
        warnings.add(
            "plugin "
                + release
                + " ("
                + faults.describe(chain)
                + ") has a security warning: "
                + warning.describe());
      }
      plugins.add(new ResolvedPlugin(release, chain));
    }
    return new Resolution(plugins, round.leftOut, warnings);
  }

  private static List<String> append(List<String> chain, String id) {
    List<String> longer = new ArrayList<>(chain);
    longer.add(id);
    return List.copyOf(longer);
  }
}
