package io.github.jenkinsdind.maven;

import io.github.jenkinsdind.core.api.Setting;
import io.github.jenkinsdind.core.api.Suggestion;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * How the Maven plugin words the core's suggestions: a setting as its POM element and its {@code
 * -D} property ({@code <dockerGid>998</dockerGid> (-Djenkins-dind.dockerGid=998)}), a system
 * property as {@code -Dname=value}, an operation as {@code mvn jenkins-dind:build}, and credentials
 * as a {@code <server>} of {@code ~/.m2/settings.xml} or {@code docker login}.
 *
 * <p>{@code labels} and {@code env} are maps, which Maven cannot read from a {@code -D} property:
 * they are worded as the POM element alone. {@code offline} is no parameter of the plugin but
 * Maven's own offline mode, {@code -o}.
 *
 * @since 0.1.0
 */
public final class MavenHelpfulSuggestions implements Suggestion.Words {

  /** The words of the Maven plugin. */
  public static final MavenHelpfulSuggestions WORDS = new MavenHelpfulSuggestions();

  /** The settings that are set in the plugin's {@code <configuration>} only, with no property. */
  private static final Set<Setting> POM_ONLY = EnumSet.of(Setting.LABELS, Setting.ENV);

  private MavenHelpfulSuggestions() {}

  /**
   * Renders a suggestion in these words.
   *
   * @param suggestion the suggestion
   * @return the text
   */
  public String render(Suggestion suggestion) {
    return suggestion.render(this);
  }

  /**
   * Words a setting: {@code <key>value</key> (-Djenkins-dind.key=value)}, or without a value {@code
   * <key> (-Djenkins-dind.key)}; the element alone for {@code labels} and {@code env}; {@code -o}
   * or {@code no -o} for {@code offline}.
   */
  @Override
  public String setting(Setting setting, String value) {
    if (setting == Setting.OFFLINE) {
      return offline(value);
    }
    String key = setting.key();
    String element = value == null ? "<" + key + ">" : "<" + key + ">" + value + "</" + key + ">";
    return property(setting)
        .map(p -> element + " (-D" + p + (value == null ? "" : "=" + value) + ")")
        .orElse(element);
  }

  /** Words a JVM system property as its {@code -D} option: {@code -Dname=value}. */
  @Override
  public String systemProperty(String name, String value) {
    return "-D" + name + "=" + value;
  }

  /** Words an operation as the goal to run: {@code mvn jenkins-dind:build}. */
  @Override
  public String operation(Suggestion.Operation operation) {
    return "mvn jenkins-dind:" + operation.key();
  }

  /**
   * Words where credentials go: {@code a <server> with <id>REG</id> in ~/.m2/settings.xml, or
   * docker login REG}.
   */
  @Override
  public String credentials(String registry) {
    return "a <server> with <id>"
        + registry
        + "</id> in ~/.m2/settings.xml, or docker login "
        + registry;
  }

  /**
   * Returns the user property that sets a setting, if it has one.
   *
   * @param setting the setting
   * @return for example {@code jenkins-dind.dockerGid}; empty for {@code labels}, {@code env} and
   *     {@code offline}
   */
  public static Optional<String> property(Setting setting) {
    return POM_ONLY.contains(setting) || setting == Setting.OFFLINE
        ? Optional.empty()
        : Optional.of(AbstractJenkinsDindMojo.PROPERTY_PREFIX + setting.key());
  }

  /**
   * Says where a setting is changed, for the {@code Setting:} line of a failure: {@code <key> in
   * the plugin's <configuration>, or -Djenkins-dind.key}.
   *
   * @param setting the setting
   * @return the words
   */
  public static String whereToChange(Setting setting) {
    if (setting == Setting.OFFLINE) {
      return "Maven's offline mode, -o on the command line";
    }
    String element = "<" + setting.key() + "> in the plugin's <configuration>";
    return property(setting).map(p -> element + ", or -D" + p).orElse(element);
  }

  private static String offline(String value) {
    if (value == null) {
      return "Maven's offline mode (-o)";
    }
    return Boolean.parseBoolean(value.trim()) ? "-o (offline)" : "no -o (online)";
  }
}
