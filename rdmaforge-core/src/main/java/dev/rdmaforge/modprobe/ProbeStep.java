package dev.rdmaforge.modprobe;

/**
 * One module of modprobe's list, in the order modprobe acts on it.
 *
 * @param module the module name
 * @param alias the alias it was reached through (its options apply too), or null
 * @param action what modprobe does with it
 * @param file its file as kmod names it (absolute), or null when it has none
 * @param options the options passed (configuration, then command-line options for the requested
 *     module), {@code ""} when none; kmod's joining keeps a trailing space when a module has
 *     configured options and is given none on the command line
 * @param install the install line that applies to it, or null; it runs only for {@link
 *     StepAction#RUN_INSTALL} (a module whose softdeps were found, or the requested one with {@code
 *     -i}, is inserted instead)
 * @param reason why it is in the list
 * @param required true for the requested module and its modules.dep dependencies: modprobe stops at
 *     the first of these that fails; a failing softdep (required false) is ignored
 */
public record ProbeStep(
    String module,
    String alias,
    StepAction action,
    String file,
    String options,
    CommandEntry install,
    StepReason reason,
    boolean required) {

  /** The command modprobe runs for {@link StepAction#RUN_INSTALL}, options substituted. */
  public String expandedInstallCommand() {
    return install == null ? null : install.expanded(options);
  }
}
