package dev.rdmaforge.modprobe;

/**
 * Where kmod found the module(s) for a name, in the order it tries them ({@code
 * kmod_module_new_from_lookup}); it stops at the first source that yields anything.
 */
public enum LookupSource {
  /** An {@code alias} line of modprobe.d whose pattern matches the name (every such line). */
  CONFIG_ALIAS,
  /** The name itself in modules.dep. */
  MODULES_DEP,
  /** {@code symbol:NAME} in modules.symbols. */
  MODULES_SYMBOLS,
  /** An {@code install} line for exactly this name (the first one): a module with no file. */
  INSTALL_COMMAND,
  /** A {@code remove} line for exactly this name, when there is no install line. */
  REMOVE_COMMAND,
  /** modules.alias (keys may be patterns). */
  MODULES_ALIAS,
  /** The name itself in modules.builtin. */
  MODULES_BUILTIN,
  /** modules.builtin.alias. */
  MODULES_BUILTIN_ALIAS
}
