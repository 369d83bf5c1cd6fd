package dev.rdmaforge.modprobe;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One name given to modprobe, with the flags that change what it does.
 *
 * @param name the name as given (a module name, an alias, {@code symbol:NAME})
 * @param extraOptions options from modprobe's command line, for the named module only
 * @param ignoreCommands {@code -i}: no install command and no softdep of the named module
 * @param useBlacklist {@code -b}: a blacklisted module is not loaded even when named directly
 * @param firstTime {@code --first-time}: a module already in the kernel is an error
 * @param ignoreLoaded {@code --show-depends}: act as if nothing were in the kernel, not even the
 *     built-in modules (which are then listed as {@code builtin NAME})
 * @param all {@code -a}: a name not found is a warning and modprobe goes on to the next name
 */
public record ProbeRequest(
    String name,
    Optional<String> extraOptions,
    boolean ignoreCommands,
    boolean useBlacklist,
    boolean firstTime,
    boolean ignoreLoaded,
    boolean all) {

  public ProbeRequest {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(extraOptions, "extraOptions");
  }

  /** {@code modprobe NAME}: a real load on a system where only built-in modules are loaded. */
  public static ProbeRequest load(String name) {
    return new ProbeRequest(name, Optional.empty(), false, false, false, false, false);
  }

  /** {@code modprobe --show-depends NAME}. */
  public static ProbeRequest showDepends(String name) {
    return new ProbeRequest(name, Optional.empty(), false, false, false, true, false);
  }

  /**
   * {@code modprobe NAME ARGS...}: the arguments joined as modprobe joins them, a value with a
   * space and no quote of its own put in double quotes ({@code p=a b} becomes {@code p="a b"}).
   */
  public ProbeRequest withArguments(List<String> args) {
    if (args.isEmpty()) {
      return withExtraOptions(Optional.empty());
    }
    StringBuilder out = new StringBuilder();
    for (String arg : args) {
      if (out.length() > 0) {
        out.append(' ');
      }
      int eq = arg.indexOf('=');
      String value = eq < 0 ? null : arg.substring(eq + 1);
      boolean quote =
          value != null
              && !value.startsWith("\"")
              && !value.startsWith("'")
              && value.indexOf(' ') >= 0;
      if (quote) {
        out.append(arg, 0, eq + 1).append('"').append(value).append('"');
      } else {
        out.append(arg);
      }
    }
    return withExtraOptions(Optional.of(out.toString()));
  }

  /** The same request with these command-line options for the named module. */
  public ProbeRequest withExtraOptions(Optional<String> options) {
    return new ProbeRequest(
        name, options, ignoreCommands, useBlacklist, firstTime, ignoreLoaded, all);
  }

  /** The same request with {@code -i}. */
  public ProbeRequest withIgnoreCommands() {
    return new ProbeRequest(name, extraOptions, true, useBlacklist, firstTime, ignoreLoaded, all);
  }

  /** The same request with {@code -b}. */
  public ProbeRequest withUseBlacklist() {
    return new ProbeRequest(name, extraOptions, ignoreCommands, true, firstTime, ignoreLoaded, all);
  }

  /** The same request with {@code --first-time}. */
  public ProbeRequest withFirstTime() {
    return new ProbeRequest(
        name, extraOptions, ignoreCommands, useBlacklist, true, ignoreLoaded, all);
  }

  /** The same request as one of several names of {@code modprobe -a}. */
  public ProbeRequest withAll() {
    return new ProbeRequest(
        name, extraOptions, ignoreCommands, useBlacklist, firstTime, ignoreLoaded, true);
  }

  /** The same request for another name (the next name of {@code modprobe -a}). */
  public ProbeRequest forName(String other) {
    return new ProbeRequest(
        other, extraOptions, ignoreCommands, useBlacklist, firstTime, ignoreLoaded, all);
  }
}
