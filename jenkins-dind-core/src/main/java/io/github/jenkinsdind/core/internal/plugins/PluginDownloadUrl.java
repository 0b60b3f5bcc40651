package io.github.jenkinsdind.core.internal.plugins;

/**
 * Where a plugin is downloaded from when a mirror is set ({@code pluginDownloadUrl}): a template
 * with {@code {id}} and {@code {version}}, or a base URL like the installation manager's {@code
 * JENKINS_UC_DOWNLOAD_URL}, to which {@code /<id>/<version>/<id>.hpi} is added.
 */
final class PluginDownloadUrl {
  private PluginDownloadUrl() {}

  static String of(String mirror, String id, String version, String otherwise) {
    if (mirror == null || mirror.isBlank()) {
      return otherwise;
    }
    String template = mirror.strip();
    if (template.contains("{id}") || template.contains("{version}")) {
      return template.replace("{id}", id).replace("{version}", version);
    }
    while (template.endsWith("/")) {
      template = template.substring(0, template.length() - 1);
    }
    return template + "/" + id + "/" + version + "/" + id + ".hpi";
  }
}
