package io.github.jenkinsdind.core.internal.imagebuild;

import com.google.cloud.tools.jib.api.ImageReference;
import com.google.cloud.tools.jib.api.InvalidImageReferenceException;
import io.github.jenkinsdind.core.api.BuildRequest;
import io.github.jenkinsdind.core.api.ConfigurationException;
import io.github.jenkinsdind.core.api.DockerCliPlugin;
import io.github.jenkinsdind.core.api.EventHandler;
import io.github.jenkinsdind.core.api.ImageTarget;
import io.github.jenkinsdind.core.api.JenkinsDindException;
import io.github.jenkinsdind.core.api.Setting;
import io.github.jenkinsdind.core.api.Suggestion;
import io.github.jenkinsdind.core.internal.accounts.AccountEditor;
import io.github.jenkinsdind.core.internal.base.BaseReference;
import io.github.jenkinsdind.core.internal.registry.RegistryCredentials;
import io.github.jenkinsdind.core.internal.registry.RegistryPreflight;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The first step: checks every setting that can be checked without reading anything (the base and
 * target references, the tags, offline mode, the account edit), then, for a registry target, that
 * the registry answers. Nothing is read or written before it has passed.
 */
final class RequestCheck {
  private RequestCheck() {}

  /**
   * Checks the request.
   *
   * @param request the request
   * @param events where messages go (the credentials report there)
   * @return the checked request
   * @throws JenkinsDindException if a setting is wrong or the target registry does not answer
   */
  static CheckedRequest check(BuildRequest request, EventHandler events)
      throws JenkinsDindException {
    BaseReference base = BaseReference.parse(request.from());
    ImageReference target = parseReference(request.target().image(), Setting.IMAGE);
    TargetCheck.tags(request.target());
    TargetCheck.offline(request);
    AccountEditor.validate(request.accounts());
    cliPlugins(request.cliPlugins());
    MultiPlatformBuild.check(request.platforms());
    if (!request.allPlatforms()) {
      ArchitectureBinaries.check(
          ArchitectureBinaries.of(request),
          request.multiPlatform() ? request.platforms() : List.of(request.platform()));
    }
    JenkinsCheck.check(request.plugins(), request.jenkinsConfig());
    RegistryCredentials credentials = new RegistryCredentials(request.credentials(), events);
    if (request.target() instanceof ImageTarget.Registry) {
      RegistryPreflight.defaults()
          .check(target.toString(), Setting.IMAGE, request.allowInsecureRegistries());
    }
    return new CheckedRequest(base, target, credentials);
  }

  /**
   * Checks that each CLI plugin is asked for at most once.
   *
   * @param plugins the plugins
   * @throws ConfigurationException naming {@link Setting#CLI_PLUGINS} if one is there twice
   */
  static void cliPlugins(List<DockerCliPlugin> plugins) throws ConfigurationException {
    Set<DockerCliPlugin.Name> seen = EnumSet.noneOf(DockerCliPlugin.Name.class);
    for (DockerCliPlugin plugin : plugins) {
      if (!seen.add(plugin.name())) {
        throw new ConfigurationException(
            "the docker CLI plugin " + plugin.name().key() + " is listed twice",
            Setting.CLI_PLUGINS,
            plugin.name().key(),
            Suggestion.perhaps().text("list it once in ").setting(Setting.CLI_PLUGINS).build(),
            null);
      }
    }
  }

  /**
   * Parses an image reference, naming the setting it came from when it is invalid.
   *
   * @param value the reference
   * @param setting the setting
   * @return the parsed reference
   * @throws ConfigurationException if it is invalid
   */
  static ImageReference parseReference(String value, Setting setting)
      throws ConfigurationException {
    try {
      return ImageReference.parse(value);
    } catch (InvalidImageReferenceException e) {
      throw new ConfigurationException(
          "'" + value + "' is not a valid image reference",
          setting,
          value,
          "perhaps you should write it as [registry/]repository[:tag], for example"
              + " registry.example.com/ci/jenkins:1.0",
          e);
    }
  }
}
