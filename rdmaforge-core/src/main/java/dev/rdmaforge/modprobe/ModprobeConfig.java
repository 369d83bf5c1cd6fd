package dev.rdmaforge.modprobe;

import java.util.List;

/**
 * modprobe's configuration as kmod 30 holds it after reading every modprobe.d file, the kernel
 * tree's modules.softdep and the kernel command line. Every list is in kmod's order: files in the
 * order they were parsed (sorted by basename), lines in file order, command-line entries last. That
 * order decides which install or softdep line applies (the first match) and how options are joined.
 *
 * @param blacklists blacklist lines and {@code modprobe.blacklist=} names
 * @param installCommands install lines
 * @param removeCommands remove lines
 * @param aliases alias lines
 * @param options options lines and {@code module.param=value} words of the command line
 * @param softdeps softdep lines
 * @param files the files parsed, as kmod names them, in parse order (files that could not be opened
 *     are left out, as kmod skips them silently)
 * @param messages what kmod prints on stderr while reading them
 */
public record ModprobeConfig(
    List<BlacklistEntry> blacklists,
    List<CommandEntry> installCommands,
    List<CommandEntry> removeCommands,
    List<AliasEntry> aliases,
    List<OptionsEntry> options,
    List<SoftdepEntry> softdeps,
    List<String> files,
    List<ModprobeMessage> messages) {

  public ModprobeConfig {
    blacklists = List.copyOf(blacklists);
    installCommands = List.copyOf(installCommands);
    removeCommands = List.copyOf(removeCommands);
    aliases = List.copyOf(aliases);
    options = List.copyOf(options);
    softdeps = List.copyOf(softdeps);
    files = List.copyOf(files);
    messages = List.copyOf(messages);
  }

  /** No configuration at all ({@code modprobe -C /dev/null} without modules.softdep). */
  public static ModprobeConfig empty() {
    return new ModprobeConfig(
        List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of());
  }
}
