package io.github.jenkinsdind.core.api;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What a user could do about a failure, in parts that each front end words its own way: plain text,
 * a setting with the value to give it, a JVM system property, an operation to run, or credentials
 * to supply. The core never writes front-end syntax; a front end renders a setting as its own
 * configuration element or command-line option, and an operation as its own command.
 *
 * <pre>{@code
 * Suggestion.perhaps().text("set ").set(Setting.REPLACE, "true").text(" to replace it").build()
 * }</pre>
 *
 * <p>{@link #toString()} renders it with {@link Words#NEUTRAL}.
 */
public final class Suggestion implements Serializable {
  private static final long serialVersionUID = 1L;

  /** One part of a suggestion. */
  public sealed interface Part extends Serializable
      permits Text, SetTo, SystemProperty, Run, Credentials {}

  /**
   * Words as they are.
   *
   * @param text the words
   */
  public record Text(String text) implements Part {
    /** Checks the part. */
    public Text {
      Objects.requireNonNull(text, "text");
    }
  }

  /**
   * A setting, and the value to give it if one is suggested.
   *
   * @param setting the setting
   * @param value the value to give it, or {@code null} to name the setting only
   */
  public record SetTo(Setting setting, String value) implements Part {
    /** Checks the part. */
    public SetTo {
      Objects.requireNonNull(setting, "setting");
    }
  }

  /**
   * A JVM system property (of Jib or of the JDK), and the value to give it.
   *
   * @param name the property, for example {@code javax.net.ssl.trustStore}
   * @param value the value, for example {@code <that file>}
   */
  public record SystemProperty(String name, String value) implements Part {
    /** Checks the part. */
    public SystemProperty {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(value, "value");
    }
  }

  /**
   * An operation of jenkins-dind to run.
   *
   * @param operation the operation
   */
  public record Run(Operation operation) implements Part {
    /** Checks the part. */
    public Run {
      Objects.requireNonNull(operation, "operation");
    }
  }

  /**
   * Credentials to supply for a registry.
   *
   * @param registry the registry host, for example {@code registry.example.com:5000}
   */
  public record Credentials(String registry) implements Part {
    /** Checks the part. */
    public Credentials {
      Objects.requireNonNull(registry, "registry");
    }
  }

  /** The operations of jenkins-dind, which a front end offers as goals or commands. */
  public enum Operation {
    /** Builds the image. */
    BUILD("build"),
    /** Runs a Jenkins container. */
    RUN("run"),
    /** Stops and removes a Jenkins container. */
    STOP("stop"),
    /** Checks that an image drives the daemon. */
    CHECK("check");

    private final String key;

    Operation(String key) {
      this.key = key;
    }

    /**
     * Returns the operation's name as users write it.
     *
     * @return for example {@code build}
     */
    public String key() {
      return key;
    }
  }

  /** How a front end words the parts that are not plain text. */
  public interface Words {
    /**
     * Words that name no front end: {@code replace=true}, {@code the system property
     * javax.net.ssl.trustStore=<file>}, {@code the build operation}.
     */
    Words NEUTRAL =
        new Words() {
          @Override
          public String setting(Setting setting, String value) {
            return value == null ? setting.key() : setting.key() + "=" + value;
          }

          @Override
          public String systemProperty(String name, String value) {
            return "the system property " + name + "=" + value;
          }

          @Override
          public String operation(Operation operation) {
            return "the " + operation.key() + " operation";
          }

          @Override
          public String credentials(String registry) {
            return "credentials for "
                + registry
                + " (from the front end's credential store, or docker login "
                + registry
                + ")";
          }
        };

    /**
     * Words a setting, with the value to give it.
     *
     * @param setting the setting
     * @param value the value, or {@code null} for the setting alone
     * @return the words
     */
    String setting(Setting setting, String value);

    /**
     * Words a JVM system property, with its value.
     *
     * @param name the property
     * @param value its value
     * @return the words
     */
    String systemProperty(String name, String value);

    /**
     * Words an operation to run.
     *
     * @param operation the operation
     * @return the words
     */
    String operation(Operation operation);

    /**
     * Words where credentials for a registry go.
     *
     * @param registry the registry host
     * @return the words
     */
    String credentials(String registry);
  }

  private final List<Part> parts;

  private Suggestion(List<Part> parts) {
    this.parts = List.copyOf(parts);
  }

  /**
   * Starts a suggestion with "perhaps you should ", the way every suggestion of the core reads.
   *
   * @return a builder
   */
  public static Builder perhaps() {
    return new Builder().text("perhaps you should ");
  }

  /**
   * Starts an empty suggestion.
   *
   * @return a builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A suggestion of plain text only.
   *
   * @param text the text
   * @return the suggestion
   */
  public static Suggestion text(String text) {
    return new Builder().text(text).build();
  }

  /**
   * Returns the parts, in order.
   *
   * @return the parts
   */
  public List<Part> parts() {
    return parts;
  }

  /**
   * Renders the suggestion with a front end's words.
   *
   * @param words how settings, properties, operations and credentials are worded
   * @return the text
   */
  public String render(Words words) {
    StringBuilder text = new StringBuilder();
    for (Part part : parts) {
      text.append(words(part, words));
    }
    return text.toString();
  }

  private static String words(Part part, Words words) {
    if (part instanceof Text t) {
      return t.text();
    } else if (part instanceof SetTo s) {
      return words.setting(s.setting(), s.value());
    } else if (part instanceof SystemProperty p) {
      return words.systemProperty(p.name(), p.value());
    } else if (part instanceof Run r) {
      return words.operation(r.operation());
    }
    return words.credentials(((Credentials) part).registry());
  }

  /** Renders it with {@link Words#NEUTRAL}. */
  @Override
  public String toString() {
    return render(Words.NEUTRAL);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Suggestion s && s.parts.equals(parts);
  }

  @Override
  public int hashCode() {
    return parts.hashCode();
  }

  /** Builds a {@link Suggestion} part by part. */
  public static final class Builder {
    private final List<Part> parts = new ArrayList<>();

    private Builder() {}

    /**
     * Adds plain text.
     *
     * @param text the text
     * @return this builder
     */
    public Builder text(String text) {
      parts.add(new Text(text));
      return this;
    }

    /**
     * Adds a setting with the value to give it.
     *
     * @param setting the setting
     * @param value the value
     * @return this builder
     */
    public Builder set(Setting setting, String value) {
      parts.add(new SetTo(setting, Objects.requireNonNull(value, "value")));
      return this;
    }

    /**
     * Adds a setting's name alone.
     *
     * @param setting the setting
     * @return this builder
     */
    public Builder setting(Setting setting) {
      parts.add(new SetTo(setting, null));
      return this;
    }

    /**
     * Adds a JVM system property with its value.
     *
     * @param name the property
     * @param value the value
     * @return this builder
     */
    public Builder systemProperty(String name, String value) {
      parts.add(new SystemProperty(name, value));
      return this;
    }

    /**
     * Adds an operation to run.
     *
     * @param operation the operation
     * @return this builder
     */
    public Builder run(Operation operation) {
      parts.add(new Run(operation));
      return this;
    }

    /**
     * Adds where credentials for a registry go.
     *
     * @param registry the registry host
     * @return this builder
     */
    public Builder credentials(String registry) {
      parts.add(new Credentials(registry));
      return this;
    }

    /**
     * Returns the suggestion.
     *
     * @return the suggestion
     */
    public Suggestion build() {
      return new Suggestion(parts);
    }
  }
}
