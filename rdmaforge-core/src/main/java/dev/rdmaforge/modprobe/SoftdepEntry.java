package dev.rdmaforge.modprobe;

import dev.rdmaforge.depmod.config.Origin;
import java.util.List;

/**
 * A {@code softdep MODULE pre: A B post: C} line, from modprobe.d or from the kernel tree's
 * modules.softdep (depmod writes there the {@code softdep=} entries of the modules' modinfo). Only
 * the first line whose module (an fnmatch pattern) matches a module's name applies. Each name is
 * looked up like a name given to modprobe (aliases included); names not found are left out.
 *
 * @param module the module name or pattern
 * @param pre names to load before it, in order
 * @param post names to load after it, in order
 * @param shown what {@code modprobe -c} prints after the module name (kmod's own rendering,
 *     including its quirks: no space before {@code post:}, and a span of the line's words rather
 *     than the list when pre and post words are interleaved)
 * @param origin the file and line
 */
public record SoftdepEntry(
    String module, List<String> pre, List<String> post, String shown, Origin origin) {

  public SoftdepEntry {
    pre = List.copyOf(pre);
    post = List.copyOf(post);
  }
}
