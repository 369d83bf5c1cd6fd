package dev.rdmaforge.depmod.index;

import dev.rdmaforge.depmod.DepmodLog;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * modules.builtin.bin and modules.builtin.alias.bin, as kmod 30's depmod writes them from the
 * kernel's modules.builtin and modules.builtin.modinfo.
 *
 * <ul>
 *   <li>modules.builtin.bin: one key per line, the module name of the line's path ({@code
 *       kernel/drivers/foo/foo-bar.ko} gives {@code foo_bar}) with an empty value at priority 0. A
 *       line listed twice gives two values. See {@link ModulesBuiltinParser} for the details.
 *   <li>modules.builtin.alias.bin: one key per {@code modname.alias=value} record, the normalised
 *       alias, with the module name as value at priority 0, so a key shared by several modules
 *       lists them last-first. See {@link BuiltinModinfoParser}.
 * </ul>
 *
 * <p>A missing input is not an error for depmod: it warns {@code could not open modules.builtin
 * at DIR: No such file or directory} and writes an <em>empty</em> (zero-byte) output file. An
 * empty input gives a 12-byte index with no keys. An input that opens but cannot be read (a
 * directory) gives the empty 12-byte index for modules.builtin, and for modules.builtin.modinfo a
 * failure: no file and {@code Could not write index 'modules.builtin.alias.bin': Invalid
 * argument}.
 */
public final class BuiltinIndexes {
  /** The kernel's list of built-in modules, one path per line. */
  public static final String MODULES_BUILTIN = "modules.builtin";
  /** The kernel's .modinfo of built-in modules, NUL-separated {@code modname.key=value}. */
  public static final String MODULES_BUILTIN_MODINFO = "modules.builtin.modinfo";
  /** depmod's output from {@link #MODULES_BUILTIN}. */
  public static final String MODULES_BUILTIN_BIN = "modules.builtin.bin";
  /** depmod's output from {@link #MODULES_BUILTIN_MODINFO}. */
  public static final String MODULES_BUILTIN_ALIAS_BIN = "modules.builtin.alias.bin";

  private static final String EINVAL = "Invalid argument";

  private BuiltinIndexes() {}

  /**
   * What depmod writes as modules.builtin.bin for the module directory {@code moduleDir}.
   *
   * @param moduleDir the kernel's module directory, {@code ROOT/lib/modules/KVER}
   * @param dirnameAsPrinted the directory as depmod names it in messages: the {@code -b} root
   *     made absolute, then {@code /lib/modules/KVER}, without further normalisation
   */
  public static BuiltinIndexOutput modulesBuiltinBin(Path moduleDir, String dirnameAsPrinted) {
    List<DepmodMessage> messages = new ArrayList<>();
    Input in = open(moduleDir, MODULES_BUILTIN, dirnameAsPrinted, messages);
    if (in.unopened()) {
      return new BuiltinIndexOutput(MODULES_BUILTIN_BIN, Optional.of(new byte[0]), messages);
    }
    // An unreadable file ends fgets() at once: depmod writes the index of nothing read.
    byte[] data = in.bytes() == null ? new byte[0] : in.bytes();
    KmodIndex index =
        new ModulesBuiltinParser(data, moduleDir.resolve(MODULES_BUILTIN).toString(), messages)
            .parse();
    return new BuiltinIndexOutput(MODULES_BUILTIN_BIN, Optional.of(index.toBytes()), messages);
  }

  /**
   * What depmod writes as modules.builtin.alias.bin for the module directory {@code moduleDir}.
   *
   * @param moduleDir the kernel's module directory, {@code ROOT/lib/modules/KVER}
   * @param dirnameAsPrinted the directory as depmod names it in messages
   */
  public static BuiltinIndexOutput modulesBuiltinAliasBin(
      Path moduleDir, String dirnameAsPrinted) {
    List<DepmodMessage> messages = new ArrayList<>();
    Input in = open(moduleDir, MODULES_BUILTIN_MODINFO, dirnameAsPrinted, messages);
    if (in.unopened()) {
      return new BuiltinIndexOutput(MODULES_BUILTIN_ALIAS_BIN, Optional.of(new byte[0]), messages);
    }
    if (in.bytes() == null) {
      messages.add(
          new DepmodMessage(
              DepmodLog.Level.ERROR,
              "Could not write index '" + MODULES_BUILTIN_ALIAS_BIN + "': " + EINVAL + "\n"));
      return new BuiltinIndexOutput(MODULES_BUILTIN_ALIAS_BIN, Optional.empty(), messages);
    }
    KmodIndex index =
        new BuiltinModinfoParser(
                in.bytes(), moduleDir.resolve(MODULES_BUILTIN_MODINFO).toString(), messages)
            .parse();
    return new BuiltinIndexOutput(
        MODULES_BUILTIN_ALIAS_BIN, Optional.of(index.toBytes()), messages);
  }

  /** modules.builtin.bin for the given content of modules.builtin. */
  public static BuiltinIndexOutput modulesBuiltinBin(byte[] modulesBuiltin) {
    List<DepmodMessage> messages = new ArrayList<>();
    KmodIndex index = new ModulesBuiltinParser(modulesBuiltin, MODULES_BUILTIN, messages).parse();
    return new BuiltinIndexOutput(MODULES_BUILTIN_BIN, Optional.of(index.toBytes()), messages);
  }

  /** modules.builtin.alias.bin for the given content of modules.builtin.modinfo. */
  public static BuiltinIndexOutput modulesBuiltinAliasBin(byte[] builtinModinfo) {
    List<DepmodMessage> messages = new ArrayList<>();
    KmodIndex index =
        new BuiltinModinfoParser(builtinModinfo, MODULES_BUILTIN_MODINFO, messages).parse();
    return new BuiltinIndexOutput(
        MODULES_BUILTIN_ALIAS_BIN, Optional.of(index.toBytes()), messages);
  }

  /**
   * An input file: unopened (depmod's {@code dfdopen} failed and warned), opened but unreadable
   * ({@code bytes} null), or its bytes.
   */
  private record Input(boolean unopened, byte[] bytes) {}

  private static Input open(
      Path moduleDir, String name, String dirnameAsPrinted, List<DepmodMessage> messages) {
    Path file = moduleDir.resolve(name);
    try {
      if (Files.isDirectory(file)) {
        return new Input(false, null); // open(O_RDONLY) succeeds, the first read fails: EISDIR
      }
      return new Input(false, Files.readAllBytes(file));
    } catch (NoSuchFileException e) {
      return unopened(name, dirnameAsPrinted, "No such file or directory", messages);
    } catch (AccessDeniedException e) {
      return unopened(name, dirnameAsPrinted, "Permission denied", messages);
    } catch (FileSystemException e) {
      String reason = e.getReason() == null ? e.getMessage() : e.getReason();
      // The JDK adds this to ELOOP's strerror text.
      reason = reason.replace(" or unable to access attributes of symbolic link", "");
      return unopened(name, dirnameAsPrinted, reason, messages);
    } catch (IOException e) {
      return new Input(false, null);
    }
  }

  private static Input unopened(
      String name, String dirnameAsPrinted, String strerror, List<DepmodMessage> messages) {
    messages.add(
        new DepmodMessage(
            DepmodLog.Level.WARNING,
            "could not open " + name + " at " + dirnameAsPrinted + ": " + strerror + "\n"));
    return new Input(true, null);
  }
}
