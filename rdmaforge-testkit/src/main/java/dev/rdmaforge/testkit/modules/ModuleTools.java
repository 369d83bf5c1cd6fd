package dev.rdmaforge.testkit.modules;

import dev.rdmaforge.testkit.ProcessResult;
import dev.rdmaforge.testkit.Processes;
import dev.rdmaforge.testkit.Tools;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** kmod's own readers of one module file, the reference for what the test modules contain. */
public final class ModuleTools {

  private ModuleTools() {}

  /** {@code modprobe --dump-modversions ko}: one {@code 0xCRC<TAB>symbol} line per import. */
  public static ProcessResult dumpModversions(Path ko) {
    return Processes.run(null, List.of(modprobe().toString(), "--dump-modversions", ko.toString()));
  }

  /**
   * The symbol versions of {@code ko} as {@code modprobe --dump-modversions} prints them, symbol to
   * CRC text (e.g. {@code provider_fn -> 0xf96caa5e}); empty when the module has none.
   */
  public static Map<String, String> modversions(Path ko) {
    Map<String, String> versions = new LinkedHashMap<>();
    for (String line : dumpModversions(ko).stdout().split("\n")) {
      String[] fields = line.split("\t");
      if (fields.length == 2) {
        versions.put(fields[1], fields[0]);
      }
    }
    return versions;
  }

  /** Every value of {@code field} {@code modinfo -F field ko} prints, one per line. */
  public static List<String> modinfo(Path ko, String field) {
    Path modinfo =
        Tools.require("modinfo", "kmod", Path.of("/sbin/modinfo"), Path.of("/usr/sbin/modinfo"));
    ProcessResult result =
        Processes.runChecked(null, List.of(modinfo.toString(), "-F", field, ko.toString()));
    List<String> values = new ArrayList<>();
    for (String line : result.stdout().split("\n")) {
      if (!line.isEmpty()) {
        values.add(line);
      }
    }
    return values;
  }

  private static Path modprobe() {
    return Tools.require(
        "modprobe", "kmod", Path.of("/sbin/modprobe"), Path.of("/usr/sbin/modprobe"));
  }
}
