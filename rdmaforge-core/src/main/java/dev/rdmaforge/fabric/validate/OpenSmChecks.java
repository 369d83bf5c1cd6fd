package dev.rdmaforge.fabric.validate;

import static dev.rdmaforge.fabric.rules.FabricRule.BOTH_NEEDS_FLAG;
import static dev.rdmaforge.fabric.rules.FabricRule.OPENSM_PARTITION_FILE;
import static dev.rdmaforge.fabric.rules.FabricRule.SL_NEEDS_QOS;

import dev.rdmaforge.fabric.opensm.OpenSmConf;
import dev.rdmaforge.fabric.opensm.Partition;
import dev.rdmaforge.fabric.opensm.PartitionsConf;
import dev.rdmaforge.report.Finding;
import dev.rdmaforge.report.Location;
import java.util.List;
import java.util.Optional;

/** partitions.conf and opensm.conf, each on its own and together on one subnet manager. */
final class OpenSmChecks {
  private OpenSmChecks() {}

  static void run(ParsedFabric p, List<Finding> out) {
    for (Parsed<OpenSmConf> c : p.opensm) {
      out.addAll(c.value().findings());
    }
    for (Parsed<PartitionsConf> part : p.partitions) {
      PartitionsConf pc = part.value();
      out.addAll(pc.findings());
      if (pc.discarded()) {
        continue;
      }
      Optional<Parsed<OpenSmConf>> conf = sameNode(p, part.node());
      if (pc.usesBoth() && !conf.map(c -> c.value().isTrue("allow_both_pkeys")).orElse(false)) {
        out.add(BOTH_NEEDS_FLAG.at(Location.of(pc.file()), "'both' membership is used, but"
            + " opensm.conf does not set allow_both_pkeys TRUE: OpenSM makes those ports full"
            + " members only", "add `allow_both_pkeys TRUE` to opensm.conf, or use =full"));
      }
      boolean qos = conf.map(c -> c.value().isTrue("qos")).orElse(false);
      for (Partition prt : pc.partitions()) {
        if (prt.sl() != 0 && !qos) {
          out.add(SL_NEEDS_QOS.at(prt.where(), "sl=" + prt.sl() + " on partition 0x"
              + String.format("%04x", prt.pkey()) + " but qos is not TRUE: OpenSM overrides it"
              + " to SL 0", "set `qos TRUE` in opensm.conf or drop sl"));
        }
      }
      conf.ifPresent(c -> checkPartitionFile(c, part, out));
    }
  }

  private static void checkPartitionFile(Parsed<OpenSmConf> conf, Parsed<PartitionsConf> part,
      List<Finding> out) {
    String own = pathOnNode(part.file());
    Optional<OpenSmConf.Entry> e = conf.value().get("partition_config_file");
    String effective = e.map(OpenSmConf.Entry::value).orElse("/etc/opensm/partitions.conf");
    if (!own.isEmpty() && !effective.equals(own)) {
      out.add(OPENSM_PARTITION_FILE.at(e.map(OpenSmConf.Entry::where)
          .orElse(Location.of(conf.file().display())), "OpenSM reads partitions from " + effective
          + ", not from " + own, "set `partition_config_file " + own + "`"));
    }
  }

  /** The file's path on its node, or "" when the node is unknown. */
  static String pathOnNode(InputFile f) {
    if (f.node().isEmpty()) {
      return "";
    }
    String d = f.display().replace('\\', '/');
    int i = d.indexOf("/" + f.node() + "/etc/");
    return i < 0 ? "" : d.substring(i + f.node().length() + 1);
  }

  private static Optional<Parsed<OpenSmConf>> sameNode(ParsedFabric p, String node) {
    return p.opensm.stream().filter(c -> c.node().equals(node)).findFirst();
  }
}
