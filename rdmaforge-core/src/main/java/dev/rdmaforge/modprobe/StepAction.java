package dev.rdmaforge.modprobe;

/** What modprobe does with one module of its list. */
public enum StepAction {
  /** Inserts the module's file (finit_module) with its options. */
  INSERT,
  /** Runs the module's install command instead of inserting it. */
  RUN_INSTALL,
  /** Skips it: it is built into the kernel, so already there ("already loaded"). */
  SKIP_IN_KERNEL,
  /**
   * With {@code --show-depends}: a built-in module, printed as {@code builtin NAME}; nothing is
   * inserted.
   */
  BUILTIN,
  /**
   * The module has no file (in no modules.dep line) and is not built in: insertion fails with
   * ENOENT, which modprobe reports as "could not insert 'NAME': Unknown symbol in module, or
   * unknown parameter (see dmesg)"; {@code --show-depends} prints nothing for it.
   */
  NO_FILE
}
