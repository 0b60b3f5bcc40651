package io.github.jenkinsdind.maven;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.maven.plugin.descriptor.MojoDescriptor;
import org.apache.maven.plugin.descriptor.Parameter;

/**
 * Finds the {@code jenkins-dind.*} properties that no parameter of a goal reads. Maven ignores a
 * property it does not know, so {@code -Djenkins-dind.platfrom=linux/arm64} would build the default
 * platform without a word; the goal warns instead, naming the closest property it does read.
 *
 * <p>The properties a goal reads come from its descriptor (the {@code ${jenkins-dind.x}}
 * expressions of its parameters), so the list cannot drift from the parameters.
 *
 * @param goal the goal, for example {@code build}
 * @param known the properties the goal reads, for example {@code jenkins-dind.platform}
 * @param otherGoals the properties each other goal of the plugin reads, by goal
 */
record UnknownProperties(String goal, Set<String> known, Map<String, Set<String>> otherGoals) {

  /**
   * What to say about one property.
   *
   * @param property the property
   * @param warning whether it is a warning (no goal reads it) rather than information (another goal
   *     does)
   * @param message the message
   */
  record Finding(String property, boolean warning, String message) {}

  /**
   * Copies the parts.
   *
   * @param goal the goal
   * @param known the properties the goal reads
   * @param otherGoals the properties of the other goals
   */
  UnknownProperties {
    known = Set.copyOf(known);
    otherGoals = Map.copyOf(otherGoals);
  }

  /**
   * Reads the properties of a goal and of the other goals of its plugin from their descriptors.
   *
   * @param descriptor the goal's descriptor
   * @return the properties
   */
  static UnknownProperties of(MojoDescriptor descriptor) {
    Map<String, Set<String>> others =
        descriptor.getPluginDescriptor() == null
            ? Map.of()
            : descriptor.getPluginDescriptor().getMojos().stream()
                .filter(m -> !m.getGoal().equals(descriptor.getGoal()))
                .collect(
                    Collectors.toMap(
                        MojoDescriptor::getGoal, UnknownProperties::propertiesOf, (a, b) -> a));
    return new UnknownProperties(descriptor.getGoal(), propertiesOf(descriptor), others);
  }

  /**
   * Returns the {@code jenkins-dind.*} properties the parameters of a goal read.
   *
   * @param descriptor the goal's descriptor
   * @return for example {@code jenkins-dind.skip}, {@code jenkins-dind.image}
   */
  static Set<String> propertiesOf(MojoDescriptor descriptor) {
    List<Parameter> parameters = descriptor.getParameters();
    Set<String> properties = new TreeSet<>();
    if (parameters != null) {
      for (Parameter parameter : parameters) {
        property(parameter.getExpression()).ifPresent(properties::add);
      }
    }
    return properties;
  }

  /**
   * Returns the property of a parameter's expression, if it is a {@code jenkins-dind.*} one.
   *
   * @param expression for example {@code ${jenkins-dind.platform}}, or {@code null}
   * @return for example {@code jenkins-dind.platform}
   */
  static Optional<String> property(String expression) {
    if (expression == null
        || !expression.startsWith("${" + AbstractJenkinsDindMojo.PROPERTY_PREFIX)
        || !expression.endsWith("}")) {
      return Optional.empty();
    }
    return Optional.of(expression.substring(2, expression.length() - 1));
  }

  /**
   * Says what is wrong with the given properties: a warning for each one that no goal of the plugin
   * reads, naming the closest one this goal reads; information for each user property that only
   * other goals read (a project property of that kind is configuration for those goals, and said
   * nothing about).
   *
   * @param userProperties the properties of the command line ({@code -D})
   * @param projectProperties the properties of the project
   * @return the findings, in the order of the properties' names
   */
  List<Finding> findings(Collection<String> userProperties, Collection<String> projectProperties) {
    List<Finding> findings = new ArrayList<>();
    Set<String> all = new TreeSet<>(userProperties);
    all.addAll(projectProperties);
    for (String property : all) {
      if (!property.startsWith(AbstractJenkinsDindMojo.PROPERTY_PREFIX)
          || known.contains(property)) {
        continue;
      }
      List<String> readers = readers(property);
      if (readers.isEmpty()) {
        findings.add(new Finding(property, true, unknown(property)));
      } else if (userProperties.contains(property)) {
        findings.add(
            new Finding(
                property,
                false,
                "Property "
                    + property
                    + " is not read by jenkins-dind:"
                    + goal
                    + ", only by "
                    + String.join(", ", readers)));
      }
    }
    return findings;
  }

  private String unknown(String property) {
    String message =
        "Unknown property " + property + " (no parameter of jenkins-dind:" + goal + " reads it)";
    return closest(property)
        .map(
            c ->
                message
                    + "; did you mean "
                    + c
                    + (known.contains(c) ? "" : " (read by " + String.join(", ", readers(c)) + ")")
                    + "?")
        .orElse(message);
  }

  private List<String> readers(String property) {
    return otherGoals.entrySet().stream()
        .filter(e -> e.getValue().contains(property))
        .map(e -> "jenkins-dind:" + e.getKey())
        .sorted()
        .toList();
  }

  /**
   * Returns the property of the plugin closest to a given one, by edit distance (case ignored), if
   * it is close enough to be a slip of the fingers: at most 3 edits, and at most half the length of
   * the name after {@code jenkins-dind.}. Of equally close ones, this goal's come first, then the
   * first in alphabetical order.
   *
   * @param property the given property
   * @return the closest one, if one is close enough
   */
  Optional<String> closest(String property) {
    Set<String> all = new TreeSet<>(known);
    otherGoals.values().forEach(all::addAll);
    int length = property.length() - AbstractJenkinsDindMojo.PROPERTY_PREFIX.length();
    int limit = Math.min(3, Math.max(1, length / 2));
    return all.stream()
        .filter(k -> distance(k, property) <= limit)
        .min(
            Comparator.comparingInt((String k) -> distance(k, property))
                .thenComparing(k -> !known.contains(k))
                .thenComparing(Comparator.naturalOrder()));
  }

  /**
   * Returns the edit distance (insertions, deletions, substitutions) of two texts, case ignored.
   *
   * @param a one text
   * @param b the other
   * @return the number of edits that turn one into the other
   */
  static int distance(String a, String b) {
    String s = a.toLowerCase(Locale.ROOT);
    String t = b.toLowerCase(Locale.ROOT);
    int[] previous = new int[t.length() + 1];
    int[] current = new int[t.length() + 1];
    for (int j = 0; j <= t.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= s.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= t.length(); j++) {
        int substitution = previous[j - 1] + (s.charAt(i - 1) == t.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[t.length()];
  }
}
