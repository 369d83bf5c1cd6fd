package dev.rdmaforge.fabric.modprobe;

import java.util.Optional;

/**
 * One {@code name[=value]} word of a module's options or of the kernel command line, as the
 * kernel's {@code next_arg} splits it.
 *
 * @param name the parameter name ({@code mlx4_core.num_vfs} on the command line)
 * @param value the value without its quotes, or empty for a bare name
 * @param offset 0-based index of the word in the text it was split from
 */
public record KernelArg(String name, Optional<String> value, int offset) {

  /** {@code name=value} or {@code name}, as written back. */
  @Override
  public String toString() {
    return value.map(v -> name + "=" + v).orElse(name);
  }
}
