package dev.rdmaforge.modprobe;

import dev.rdmaforge.depmod.config.Origin;

/**
 * An {@code options MODULE TEXT} line, or {@code MODULE.param=value} from the kernel command line.
 * modprobe passes, for a module, the texts of every entry naming the module or the alias it was
 * reached through, joined by spaces in configuration order.
 *
 * @param module the module name or alias (exact match, no pattern)
 * @param options the text as kmod keeps it: everything after the name's delimiter, tabs turned into
 *     spaces, other spacing kept
 * @param origin the file and line, or {@code /proc/cmdline}
 */
public record OptionsEntry(String module, String options, Origin origin) {}
