package dev.rdmaforge.testkit.packages;

import dev.rdmaforge.testkit.modules.ModuleTools;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The symbol requirements RHEL's {@code find-requires.ksyms} (kernel-srpm-macros) writes for a
 * package's modules, computed the same way with the same tools:
 *
 * <ol>
 *   <li>every import of every module, from {@code modprobe --dump-modversions}, as {@code
 *       symbol:0x%08x};
 *   <li>minus the symbols the package's own modules export with that CRC (the script's {@code
 *       mod_requires}; here from modpost's Module.symvers of the modules' build);
 *   <li>{@code kernel(sym) = 0xCRC} when the kernel's Module.symvers exports that symbol with that
 *       CRC, {@code ksym(sym) = 0xCRC} otherwise; each group sorted as {@code LC_ALL=C sort -u}.
 * </ol>
 */
public final class KsymRequirements {
  private KsymRequirements() {}

  /**
   * The requirement lines, e.g. {@code kernel(_printk) = 0x92997ed8}.
   *
   * @param modules the package's module files
   * @param packageExports symbol to CRC text exported by the package's own modules
   * @param kernelSymvers the target kernel's Module.symvers
   */
  public static List<String> lines(List<Path> modules, Map<String, String> packageExports,
      Path kernelSymvers) {
    Map<String, String> kernel = symvers(kernelSymvers, null);
    Set<String> required = new TreeSet<>();
    for (Path module : modules) {
      for (Map.Entry<String, String> e : ModuleTools.modversions(module).entrySet()) {
        required.add(e.getKey() + ":" + crc(e.getValue()));
      }
    }
    List<String> kernelLines = new ArrayList<>();
    List<String> ksymLines = new ArrayList<>();
    for (String entry : required) {
      int colon = entry.lastIndexOf(':');
      String symbol = entry.substring(0, colon);
      String crc = entry.substring(colon + 1);
      String own = packageExports.get(symbol);
      if (own != null && crc(own).equals(crc)) {
        continue;
      }
      String exported = kernel.get(symbol);
      if (exported != null && crc(exported).equals(crc)) {
        kernelLines.add("kernel(" + symbol + ") = " + crc);
      } else {
        ksymLines.add("ksym(" + symbol + ") = " + crc);
      }
    }
    List<String> lines = new ArrayList<>(kernelLines);
    lines.addAll(ksymLines);
    return lines;
  }

  /**
   * Symbol to CRC text of a Module.symvers ({@code CRC<TAB>symbol<TAB>module<TAB>...}); with
   * {@code modules}, only the lines whose module's base name is one of them.
   */
  public static Map<String, String> symvers(Path file, Set<String> modules) {
    Map<String, String> exports = new HashMap<>();
    try {
      for (String line : Files.readAllLines(file, StandardCharsets.ISO_8859_1)) {
        String[] fields = line.split("\t");
        if (fields.length < 3) {
          continue;
        }
        String module = fields[2].substring(fields[2].lastIndexOf('/') + 1);
        if (modules == null || modules.contains(module)) {
          exports.put(fields[1], fields[0]);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not read " + file, e);
    }
    return exports;
  }

  /** {@code 0x%08x} of a hexadecimal CRC text, as the script's awk prints it. */
  public static String crc(String text) {
    String hex = text.startsWith("0x") ? text.substring(2) : text;
    return String.format("0x%08x", Long.parseLong(hex, 16));
  }
}
