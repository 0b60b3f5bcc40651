package io.github.jenkinsdind.core.internal.cli;

import io.github.jenkinsdind.core.api.ConfigurationException;
import io.github.jenkinsdind.core.api.DockerCli;
import io.github.jenkinsdind.core.api.DockerCliPlugin;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.regex.Pattern;

/** The URL a binary is downloaded from, and the name the download is cached under. */
final class CliDownloadUrl {
  private static final Pattern VERSION = Pattern.compile("[0-9A-Za-z][0-9A-Za-z._+-]*");
  private static final Pattern FILE_NAME = Pattern.compile("[0-9A-Za-z][0-9A-Za-z._+-]*");
  private static final String DEFAULT_FILE_NAME = "download";

  private CliDownloadUrl() {}

  /**
   * Makes the download URL of a binary from its configured template.
   *
   * @param source the configuration
   * @param arch the architecture's name in its download URLs
   * @return the URL
   * @throws ConfigurationException if the version, the template or the URL is not valid
   */
  static URI of(BinarySource source, String arch) throws ConfigurationException {
    BinaryKind kind = source.kind();
    String template = source.urlTemplate();
    if (!VERSION.matcher(source.version()).matches()) {
      throw new ConfigurationException(
          "'" + source.version() + "' is not a " + kind.noun() + " version",
          kind.settings().version(),
          source.version(),
          "perhaps you should set it to a release version such as "
              + defaultVersion(kind)
              + " (letters, digits, dots, dashes, plus signs)");
    }
    if (!template.contains("{version}")) {
      throw badUrl(
          kind,
          template,
          "'"
              + template
              + "' has no {version}, so the same file would be downloaded whatever the version"
              + " says, and the cache would keep the first one",
          null);
    }
    String text = template.replace("{arch}", arch).replace("{version}", source.version());
    URI url;
    try {
      url = new URI(text);
    } catch (URISyntaxException e) {
      throw badUrl(kind, template, "'" + text + "' is not a valid URL: " + e.getMessage(), e);
    }
    String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https") && !scheme.equals("file")) {
      throw badUrl(kind, template, "'" + text + "' is not an http, https or file URL", null);
    }
    if (!scheme.equals("file") && (url.getHost() == null || url.getHost().isEmpty())) {
      throw badUrl(kind, template, "'" + text + "' has no host", null);
    }
    return url;
  }

  private static ConfigurationException badUrl(
      BinaryKind kind, String template, String why, Throwable cause) {
    return new ConfigurationException(
        "the " + kind.noun() + " download URL is wrong: " + why,
        kind.settings().url(),
        template,
        "perhaps you should set "
            + kind.settings().url().key()
            + " to a URL with {version} and {arch}, such as "
            + defaultTemplate(kind),
        cause);
  }

  private static String defaultVersion(BinaryKind kind) {
    switch (kind) {
      case BUILDX:
        return DockerCliPlugin.Name.BUILDX.defaultVersion();
      case COMPOSE:
        return DockerCliPlugin.Name.COMPOSE.defaultVersion();
      default:
        return DockerCli.DEFAULT_VERSION;
    }
  }

  private static String defaultTemplate(BinaryKind kind) {
    switch (kind) {
      case BUILDX:
        return DockerCliPlugin.Name.BUILDX.defaultUrlTemplate();
      case COMPOSE:
        return DockerCliPlugin.Name.COMPOSE.defaultUrlTemplate();
      default:
        return DockerCli.DEFAULT_URL_TEMPLATE;
    }
  }

  /**
   * Returns the name a download is cached under: the URL's last path part if it is a plain file
   * name, else {@code download}.
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
