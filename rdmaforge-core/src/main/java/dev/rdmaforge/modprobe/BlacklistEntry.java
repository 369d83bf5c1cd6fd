package dev.rdmaforge.modprobe;

import dev.rdmaforge.depmod.config.Origin;

/**
 * A {@code blacklist MODULE} line or a name from {@code modprobe.blacklist=} on the kernel command
 * line. modprobe compares it with the exact module name; it stops only a module reached through an
 * alias (or any module with {@code -b}), never a dependency or a softdep.
 *
 * @param module the name (normalised for lines of a file; as written on the command line)
 * @param origin the file and line, or {@code /proc/cmdline}
 */
public record BlacklistEntry(String module, Origin origin) {}
