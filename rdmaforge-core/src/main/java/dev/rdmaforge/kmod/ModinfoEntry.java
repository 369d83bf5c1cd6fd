package dev.rdmaforge.kmod;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * One string of a module's {@code .modinfo} section, split as libkmod's {@code
 * kmod_module_get_info} splits it: at the first {@code '='}; a string without {@code '='} is all
 * key and has an empty value.
 *
 * @param key the part before the first {@code '='}, e.g. {@code "alias"}
 * @param value the part after it, e.g. {@code "pci:v000015B3d00001017sv*sd*bc*sc*i*"}; may be empty
 */
public record ModinfoEntry(String key, String value) {

  /** Checks that neither part is null. */
  public ModinfoEntry {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(value, "value");
  }

  /**
   * The value decoded as UTF-8, for display (an author's name such as "Jérôme"). {@link #value()}
   * keeps one character per byte so that output written with ISO-8859-1 is byte-exact.
   */
  public String valueAsUtf8() {
    return new String(value.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
  }
}
