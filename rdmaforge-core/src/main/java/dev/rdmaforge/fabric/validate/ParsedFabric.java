package dev.rdmaforge.fabric.validate;

import dev.rdmaforge.fabric.ini.IniFile;
import dev.rdmaforge.fabric.ini.IniParser;
import dev.rdmaforge.fabric.opensm.OpenSmConf;
import dev.rdmaforge.fabric.opensm.OpenSmConfParser;
import dev.rdmaforge.fabric.opensm.PartitionsConf;
import dev.rdmaforge.fabric.opensm.PartitionsConfParser;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Every input, parsed once, grouped by kind. */
public final class ParsedFabric {
  final List<Parsed<PartitionsConf>> partitions = new ArrayList<>();
  final List<Parsed<OpenSmConf>> opensm = new ArrayList<>();
  final Map<FileKind, List<Parsed<IniFile>>> ini = new EnumMap<>(FileKind.class);
  final Map<FileKind, List<InputFile>> other = new EnumMap<>(FileKind.class);

  static ParsedFabric parse(List<InputFile> files, int pkeyTableSize) {
    ParsedFabric p = new ParsedFabric();
    for (InputFile f : files) {
      switch (f.kind()) {
        case PARTITIONS -> p.partitions.add(new Parsed<>(f,
            PartitionsConfParser.parse(f.display(), f.text(), pkeyTableSize)));
        case OPENSM_CONF -> p.opensm.add(new Parsed<>(f, OpenSmConfParser.parse(f.display(), f.text())));
        case ML2, LINUXBRIDGE, MLNX_AGENT, ESWITCHD, DHCP_AGENT, NOVA ->
            p.ini.computeIfAbsent(f.kind(), k -> new ArrayList<>())
                .add(new Parsed<>(f, IniParser.parse(f.display(), f.text())));
        default -> p.other.computeIfAbsent(f.kind(), k -> new ArrayList<>()).add(f);
      }
    }
    return p;
  }

  /** The parsed ini files of one kind. */
  public List<Parsed<IniFile>> ini(FileKind kind) {
    return ini.getOrDefault(kind, List.of());
  }

  /** The unparsed files of one kind (line-oriented formats). */
  public List<InputFile> other(FileKind kind) {
    return other.getOrDefault(kind, List.of());
  }
}
