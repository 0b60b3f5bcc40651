package io.github.jenkinsdind.core.internal.cli;

import io.github.jenkinsdind.core.api.ConfigurationException;
import io.github.jenkinsdind.core.api.DockerCli;
import io.github.jenkinsdind.core.api.Setting;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.regex.Pattern;

/** The URL a docker CLI is downloaded from, and the name the download is cached under. */
final class CliDownloadUrl {
  private static final Pattern VERSION = Pattern.compile("[0-9A-Za-z][0-9A-Za-z._+-]*");
  private static final Pattern FILE_NAME = Pattern.compile("[0-9A-Za-z][0-9A-Za-z._+-]*");
  private static final String DEFAULT_FILE_NAME = "docker-cli";

  private CliDownloadUrl() {}

  /**
   * Makes the download URL of a docker CLI from the configured template.
   *
   * @param spec the configuration
   * @param arch the architecture's name in download URLs
   * @return the URL
   * @throws ConfigurationException if the version or the URL is not valid
   */
  static URI of(DockerCli spec, String arch) throws ConfigurationException {
    String template = spec.urlTemplate();
    if (template.contains("{version}") && !VERSION.matcher(spec.version()).matches()) {
      throw new ConfigurationException(
          "'" + spec.version() + "' is not a docker CLI version",
          Setting.DOCKER_VERSION,
          spec.version(),
          "perhaps you should set it to a version such as " + DockerCli.DEFAULT_VERSION);
    }
    String text = template.replace("{arch}", arch).replace("{version}", spec.version());
    URI url;
    try {
      url = new URI(text);
    } catch (URISyntaxException e) {
      throw badUrl(template, "'" + text + "' is not a valid URL: " + e.getMessage(), e);
    }
    String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https") && !scheme.equals("file")) {
      throw badUrl(template, "'" + text + "' is not an http, https or file URL", null);
    }
    if (!scheme.equals("file") && (url.getHost() == null || url.getHost().isEmpty())) {
      throw badUrl(template, "'" + text + "' has no host", null);
    }
    return url;
  }

  private static ConfigurationException badUrl(String template, String why, Throwable cause) {
    return new ConfigurationException(
        "the docker CLI download URL is wrong: " + why,
        Setting.DOCKER_CLIENT_URL,
        template,
        "perhaps you should set "
            + Setting.DOCKER_CLIENT_URL.key()
            + " to a URL such as "
            + DockerCli.DEFAULT_URL_TEMPLATE,
        cause);
  }

  /**
   * Returns the name a download is cached under: the URL's last path part if it is a plain file
   * name, else {@code docker-cli}.
   *
   * @param url the URL
   * @return the file name
   */
  static String fileName(URI url) {
    String path = url.getPath() == null ? "" : url.getPath();
    String last = path.substring(path.lastIndexOf('/') + 1);
    return FILE_NAME.matcher(last).matches() ? last : DEFAULT_FILE_NAME;
  }
}
