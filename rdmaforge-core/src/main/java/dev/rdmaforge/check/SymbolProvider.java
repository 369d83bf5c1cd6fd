package dev.rdmaforge.check;

/**
 * Who satisfies an imported symbol in the running kernel: the kernel image or a loaded module.
 *
 * @param owner {@code vmlinux} or the loaded module's name
 * @param file the loaded module's file (relative to the module directory), or null for vmlinux
 * @param crc the CRC the owner exports the symbol with
 * @param hasCrc whether the owner has CRCs at all (a module built without modversions has none,
 *     and the kernel then skips the check)
 * @param gplOnly {@code EXPORT_SYMBOL_GPL}
 * @param namespace the symbol namespace, or ""
 */
record SymbolProvider(
    String owner, String file, long crc, boolean hasCrc, boolean gplOnly, String namespace) {}
