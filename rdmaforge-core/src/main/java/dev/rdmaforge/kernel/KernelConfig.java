package dev.rdmaforge.kernel;

import dev.rdmaforge.report.UserInputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A kernel's build configuration ({@code /boot/config-KVER}, a headers tree's {@code .config}):
 * {@code CONFIG_X=value} lines; {@code # CONFIG_X is not set} and absent options are unset.
 */
public final class KernelConfig {
  private final String source;
  private final Map<String, String> values;

  private KernelConfig(String source, Map<String, String> values) {
    this.source = source;
    this.values = values;
  }

  /** Reads a config file; a line that is neither a comment nor {@code CONFIG_X=...} is an error. */
  public static KernelConfig read(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.ISO_8859_1);
    } catch (IOException e) {
      throw new UserInputException(file + ": cannot read the kernel config: " + e.getMessage());
    }
    return parse(file.toString(), text);
  }

  /** Parses config text; {@code source} names it in messages. */
  public static KernelConfig parse(String source, String text) {
    Map<String, String> values = new HashMap<>();
    int lineNumber = 0;
    for (String line : text.split("\n", -1)) {
      lineNumber++;
      String trimmed = line.strip();
      if (trimmed.isEmpty() || trimmed.startsWith("#")) {
        continue;
      }
      int eq = trimmed.indexOf('=');
      if (!trimmed.startsWith("CONFIG_") || eq < 0) {
        throw new UserInputException(source + ":" + lineNumber + ":1: expected CONFIG_NAME=value;"
            + " give the kernel's config file (/boot/config-KVER)");
      }
      String value = trimmed.substring(eq + 1);
      if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
        value = value.substring(1, value.length() - 1);
      }
      values.put(trimmed.substring(0, eq), value);
    }
    return new KernelConfig(source, values);
  }

  /** Where the configuration came from. */
  public String source() {
    return source;
  }

  /** The value of {@code option} (with its {@code CONFIG_} prefix), empty when not set. */
  public Optional<String> value(String option) {
    return Optional.ofNullable(values.get(option));
  }

  /** Whether {@code option} is {@code y}. */
  public boolean isEnabled(String option) {
    return "y".equals(values.get(option));
  }

  /** Whether {@code option} is {@code y} or {@code m}. */
  public boolean isSet(String option) {
    String v = values.get(option);
    return "y".equals(v) || "m".equals(v);
  }
}
