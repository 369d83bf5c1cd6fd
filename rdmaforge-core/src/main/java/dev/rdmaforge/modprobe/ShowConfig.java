package dev.rdmaforge.modprobe;

import dev.rdmaforge.depmod.index.IndexValue;
import java.util.List;
import java.util.Map;

/**
 * What {@code modprobe -c} prints: the configuration in kmod's groups (blacklist, install, remove,
 * alias, options, softdep; each in configuration order), an end marker, then the dump of
 * modules.alias.bin and modules.symbols.bin ({@code alias KEY MODULE} per value, keys in the
 * index's byte order). Strings are one char per byte: encode the result with ISO-8859-1.
 */
public final class ShowConfig {
  private ShowConfig() {}

  /** The whole output for {@code config} and the indexes of {@code tree}. */
  public static String render(ModprobeConfig config, ModuleTree tree) {
    StringBuilder out = new StringBuilder(renderConfiguration(config));
    out.append("\n# End of configuration files. Dumping indexes now:\n\n");
    dump(out, tree.aliasIndex());
    dump(out, tree.symbolIndex());
    return out.toString();
  }

  /** The configuration part alone, up to (not including) the end marker. */
  public static String renderConfiguration(ModprobeConfig config) {
    StringBuilder out = new StringBuilder();
    config.blacklists().forEach(b -> out.append("blacklist ").append(b.module()).append('\n'));
    commands(out, "install", config.installCommands());
    commands(out, "remove", config.removeCommands());
    config.aliases().forEach(a -> line(out, "alias", a.pattern(), a.module()));
    config.options().forEach(o -> line(out, "options", o.module(), o.options()));
    config.softdeps().forEach(s -> line(out, "softdep", s.module(), s.shown()));
    return out.toString();
  }

  private static void commands(StringBuilder out, String kind, List<CommandEntry> entries) {
    entries.forEach(c -> line(out, kind, c.module(), c.command()));
  }

  private static void line(StringBuilder out, String kind, String key, String value) {
    out.append(kind).append(' ').append(key).append(' ').append(value).append('\n');
  }

  private static void dump(StringBuilder out, Map<String, List<IndexValue>> index) {
    index.forEach(
        (key, values) -> {
          for (IndexValue v : values) {
            out.append("alias ").append(key).append(' ').append(v.value()).append('\n');
          }
        });
  }
}
