package dev.rdmaforge.kernel;

import java.util.Objects;

/**
 * One symbol the kernel exports, as a {@code Module.symvers} line gives it.
 *
 * @param name the symbol, e.g. {@code ib_register_client}
 * @param crc the CRC modversions computed for it
 * @param module {@code vmlinux} for the kernel itself (and modules built into it), otherwise the
 *     path of the exporting module without {@code .ko}, e.g. {@code drivers/infiniband/core/ib_core}
 * @param gplOnly exported with {@code EXPORT_SYMBOL_GPL}
 * @param namespace the symbol namespace, empty for none
 */
public record KernelExport(String name, long crc, String module, boolean gplOnly, String namespace) {

  /** Name, module and namespace are required (namespace may be empty). */
  public KernelExport {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(module, "module");
    Objects.requireNonNull(namespace, "namespace");
  }

  /** Whether the kernel image itself provides the symbol (not a loadable module). */
  public boolean inVmlinux() {
    return module.equals("vmlinux");
  }
}
