package dev.rdmaforge.depmod.index;

import java.util.Objects;

/**
 * One value stored under a key of a kmod index, with its priority.
 *
 * <p>Both fields mirror kmod's on-disk record: {@code value} is a C string held one char per byte
 * (ISO-8859-1), so it never contains NUL; {@code priority} is kmod's {@code unsigned int}, kept in
 * a Java {@code int}: compare it with {@link Integer#compareUnsigned} and print it with {@link
 * Integer#toUnsignedString(int)}. depmod uses the module's position in modules.dep for
 * modules.dep.bin, modules.alias.bin and modules.symbols.bin, and 0 for the builtin indexes.
 *
 * @param value the value bytes as a one-char-per-byte string
 * @param priority kmod's unsigned priority; lower sorts first
 */
public record IndexValue(String value, int priority) {

  /** Checks that the value is a C string of bytes. */
  public IndexValue {
    Objects.requireNonNull(value, "value");
    Latin1.requireCString(value, "index value");
  }

  @Override
  public String toString() {
    return Integer.toUnsignedString(priority) + ":" + value;
  }
}
