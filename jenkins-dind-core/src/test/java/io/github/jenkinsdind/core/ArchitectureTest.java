package io.github.jenkinsdind.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The rules of the core's architecture, checked on its source files: who may touch jib-core's
 * internals, which internal packages may use which, and that the core never writes a front end's
 * syntax (the Maven plugin words {@code api.Suggestion} parts its own way).
 */
class ArchitectureTest {
  private static final Path MAIN = Path.of("src", "main", "java");
  private static final Path TEST = Path.of("src", "test", "java");
  private static final String INTERNAL = "io.github.jenkinsdind.core.internal.";

  /** jib-core outside its public API: {@code com.google.cloud.tools.jib.} not followed by api. */
  private static final Pattern JIB_INTERNAL =
      Pattern.compile("com\\.google\\.cloud\\.tools\\.jib\\.(?!api\\b)[a-z]");

  /** A use of an internal package: an import or a fully qualified name. */
  private static final Pattern INTERNAL_USE =
      Pattern.compile("io\\.github\\.jenkinsdind\\.core\\.internal\\.([a-z]+)\\b");

  private static final Pattern PACKAGE = Pattern.compile("(?m)^package ([\\w.]+);");

  /** Words of Maven's syntax that the core must not write. */
  private static final List<String> MAVEN_WORDS = List.of("mvn ", "-D", "settings.xml");

  /** An import of Maven's classes (written in two parts, so that this file does not match). */
  private static final String MAVEN_IMPORT = "import org.apache" + ".maven";

  /** A source file: where it is, its package, and its text. */
  private record Source(Path path, String packageName, String text) {
    /** The internal package it is in ({@code jib} for {@code core.internal.jib}), if any. */
    Optional<String> internalPackage() {
      if (!packageName.startsWith(INTERNAL)) {
        return Optional.empty();
      }
      String rest = packageName.substring(INTERNAL.length());
      int dot = rest.indexOf('.');
      return Optional.of(dot < 0 ? rest : rest.substring(0, dot));
    }

    /** The internal packages it uses, other than its own. */
    Set<String> internalPackagesUsed() {
      Set<String> used = new java.util.TreeSet<>();
      Matcher m = INTERNAL_USE.matcher(withoutPackageLine());
      while (m.find()) {
        used.add(m.group(1));
      }
      internalPackage().ifPresent(used::remove);
      return used;
    }

    String withoutPackageLine() {
      return PACKAGE.matcher(text).replaceFirst("");
    }

    @Override
    public String toString() {
      return path.toString();
    }
  }

  private static List<Source> sources(Path root) throws IOException {
    List<Source> sources = new ArrayList<>();
    if (!Files.isDirectory(root)) {
      return sources;
    }
    try (Stream<Path> files = Files.walk(root)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        Matcher m = PACKAGE.matcher(text);
        sources.add(new Source(file, m.find() ? m.group(1) : "", text));
      }
    }
    return sources;
  }

  @Test
  void theSourcesAreFound() throws IOException {
    assertThat(sources(MAIN))
        .as("the core's main sources, read from %s", MAIN.toAbsolutePath())
        .hasSizeGreaterThan(50);
  }

  @Test
  void onlyInternalJibTouchesJibCoreOutsideItsApi() throws IOException {
    List<String> violations = new ArrayList<>();
    for (Source s : sources(MAIN)) {
      if (s.internalPackage().equals(Optional.of("jib"))) {
        continue;
      }
      Matcher m = JIB_INTERNAL.matcher(s.text());
      while (m.find()) {
        violations.add(s + ": " + lineAt(s.text(), m.start()));
      }
    }
    assertThat(violations).as("uses of jib-core's internals outside internal/jib").isEmpty();
  }

  @Test
  void theCoreWritesNoMavenSyntax() throws IOException {
    List<String> violations = new ArrayList<>();
    for (Source s : sources(MAIN)) {
      for (String word : MAVEN_WORDS) {
        int at = s.text().indexOf(word);
        if (at >= 0) {
          violations.add(s + " has '" + word + "': " + lineAt(s.text(), at));
        }
      }
    }
    assertThat(violations).as("Maven syntax in the core (say it with api.Suggestion)").isEmpty();
  }

  @Test
  void theCoreDoesNotDependOnMaven() throws IOException {
    List<String> violations = new ArrayList<>();
    for (Path root : List.of(MAIN, TEST)) {
      for (Source s : sources(root)) {
        int at = s.text().indexOf(MAVEN_IMPORT);
        if (at >= 0) {
          violations.add(s + ": " + lineAt(s.text(), at));
        }
      }
    }
    assertThat(violations).as("imports of org.apache.maven in the core").isEmpty();
  }

  /**
   * {@code files} is the bottom leaf; {@code accounts} uses nothing but it (its {@code ImageFile},
   * the value every package shares for a file of an image).
   */
  @Test
  void accountsAndFilesUseNoOtherInternalPackage() throws IOException {
    List<String> violations = new ArrayList<>();
    for (Source s : sources(MAIN)) {
      Optional<String> own = s.internalPackage();
      Set<String> used = new java.util.TreeSet<>(s.internalPackagesUsed());
      if (own.equals(Optional.of("accounts"))) {
        used.remove("files");
      } else if (!own.equals(Optional.of("files"))) {
        continue;
      }
      if (!used.isEmpty()) {
        violations.add(s + " uses " + used);
      }
    }
    assertThat(violations).as("accounts and files are leaves").isEmpty();
  }

  @Test
  void daemonUsesNeitherContainerNorImagebuild() throws IOException {
    List<String> violations = new ArrayList<>();
    for (Source s : sources(MAIN)) {
      if (s.internalPackage().equals(Optional.of("daemon"))) {
        Set<String> used = s.internalPackagesUsed();
        if (used.contains("container") || used.contains("imagebuild")) {
          violations.add(s + " uses " + used);
        }
      }
    }
    assertThat(violations).as("daemon is below container and imagebuild").isEmpty();
  }

  /**
   * Small classes: an internal source file stays near 300 lines (API types, mostly javadoc, are
   * exempt). A file that grows past the limit wants splitting, not a higher limit.
   */
  @Test
  void internalSourcesStaySmall() throws IOException {
    List<String> violations = new ArrayList<>();
    for (Source s : sources(MAIN)) {
      long lines = s.text().lines().count();
      if (s.internalPackage().isPresent() && lines > 320) {
        violations.add(s + ": " + lines + " lines");
      }
    }
    assertThat(violations).as("internal sources over 320 lines").isEmpty();
  }

  /**
   * The packages below imagebuild, and what each may use: {@code jib} is below base, registry and
   * imagebuild; {@code index} beside base and cli; {@code download} a leaf; {@code cli} and {@code
   * plugins} fetch through {@code download}; {@code uptodate} reads files and asks no network.
   */
  private static final java.util.Map<String, Set<String>> MAY_USE =
      java.util.Map.of(
          "jib", Set.of("daemon", "files"),
          "index", Set.of("jib", "files"),
          "download", Set.of(),
          "cli", Set.of("download", "files"),
          "plugins", Set.of("download", "files"),
          "uptodate", Set.of("download", "files"));

  @Test
  void theLowerPackagesUseOnlyWhatTheyMay() throws IOException {
    List<String> violations = new ArrayList<>();
    for (Source s : sources(MAIN)) {
      Optional<String> own = s.internalPackage();
      if (own.isPresent() && MAY_USE.containsKey(own.get())) {
        Set<String> used = new java.util.TreeSet<>(s.internalPackagesUsed());
        used.remove(own.get());
        used.removeAll(MAY_USE.get(own.get()));
        if (!used.isEmpty()) {
          violations.add(s + " uses " + used);
        }
      }
    }
    assertThat(violations).as("lower packages using more than they may").isEmpty();
  }

  @Test
  void onlyTheApiUsesImagebuild() throws IOException {
    List<String> violations = new ArrayList<>();
    for (Source s : sources(MAIN)) {
      Optional<String> own = s.internalPackage();
      boolean allowed = own.isEmpty() || own.equals(Optional.of("imagebuild"));
      if (!allowed && s.internalPackagesUsed().contains("imagebuild")) {
        violations.add(s + " uses imagebuild");
      }
    }
    assertThat(violations).as("internal packages that use imagebuild").isEmpty();
  }

  @Test
  void theRulesSeeViolations() {
    Source jib =
        new Source(
            Path.of("X.java"),
            INTERNAL + "base",
            "package x;\nimport com.google.cloud.tools.jib.registry.RegistryClient;\n"
                + "import com.google.cloud.tools.jib.api.ImageReference;\n"
                + "import io.github.jenkinsdind.core.internal.imagebuild.ImageBuild;\n");
    assertThat(JIB_INTERNAL.matcher(jib.text()).results().count()).isEqualTo(1);
    assertThat(jib.internalPackage()).contains("base");
    assertThat(jib.internalPackagesUsed()).containsExactly("imagebuild");
    Source own =
        new Source(
            Path.of("Y.java"),
            INTERNAL + "daemon",
            "package " + INTERNAL + "daemon;\nimport " + INTERNAL + "daemon.Engine;\n");
    assertThat(own.internalPackagesUsed()).isEmpty();
  }

  private static String lineAt(String text, int index) {
    int start = text.lastIndexOf('\n', index) + 1;
    int end = text.indexOf('\n', index);
    return text.substring(start, end < 0 ? text.length() : end).trim();
  }
}
