package dev.rdmaforge.modprobe;

import dev.rdmaforge.depmod.config.Origin;

/**
 * An {@code alias PATTERN MODULE} line. Both words have had kmod's {@code -} to {@code _}
 * normalisation (outside brackets). modprobe matches the pattern with fnmatch against the name it
 * is asked for, before it looks at any index.
 *
 * @param pattern the alias, possibly with {@code *}, {@code ?} or {@code [...]}
 * @param module the module name it stands for (not checked to exist)
 * @param origin the file and line
 */
public record AliasEntry(String pattern, String module, Origin origin) {}
