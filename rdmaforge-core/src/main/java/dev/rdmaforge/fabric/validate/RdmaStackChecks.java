package dev.rdmaforge.fabric.validate;

import static dev.rdmaforge.fabric.rules.FabricRule.INI_UNKNOWN;
import static dev.rdmaforge.fabric.rules.FabricRule.RDMA_STACK_CONF;

import dev.rdmaforge.fabric.host.ShellFile;
import dev.rdmaforge.fabric.host.ShellFileParser;
import dev.rdmaforge.fabric.kernel.GoneModules;
import dev.rdmaforge.fabric.kernel.KernelFacts;
import dev.rdmaforge.fabric.yaml.Suggest;
import dev.rdmaforge.report.Finding;
import dev.rdmaforge.report.Location;
import dev.rdmaforge.report.Severity;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What loads the RDMA modules at boot. rdma-core's /etc/rdma/modules/*.conf: one module name per
 * line, which systemd-modules-load looks up like modprobe (a name or alias the kernel does not
 * have fails the unit). MLNX_OFED's openib.conf: sourced by openibd, which loads a module group
 * only for exactly {@code yes}; its key list is a schema check (openibd is not in Debian).
 */
final class RdmaStackChecks {
  /** openib.conf keys of MLNX_OFED 2.x..5.x that load modules, with the modules they load. */
  private static final Map<String, List<String>> LOAD_KEYS = new LinkedHashMap<>();
  /** Other openib.conf keys openibd reads (schema check). */
  private static final List<String> OTHER_KEYS = List.of("ONBOOT", "NODE_DESC",
      "NODE_DESC_TIME_BEFORE_UPDATE", "NODE_DESC_UPDATE_TIMEOUT", "POST_START_DELAY",
      "SET_IPOIB_CHANNELS", "RUN_AFFINITY_TUNER", "RUN_MLNX_TUNE", "RENICE_IB_MAD", "RUN_SYSCTL",
      "SET_IPOIB_CM", "SRPHA_ENABLE", "SRP_DAEMON_ENABLE", "IPOIB_MTU", "FORCE_MODE");

  static {
    LOAD_KEYS.put("UMAD_LOAD", List.of("ib_umad"));
    LOAD_KEYS.put("UVERBS_LOAD", List.of("ib_uverbs"));
    LOAD_KEYS.put("UCM_LOAD", List.of("ib_ucm"));
    LOAD_KEYS.put("RDMA_CM_LOAD", List.of("rdma_cm"));
    LOAD_KEYS.put("RDMA_UCM_LOAD", List.of("rdma_ucm"));
    LOAD_KEYS.put("MTHCA_LOAD", List.of("ib_mthca"));
    LOAD_KEYS.put("MLX4_LOAD", List.of("mlx4_core", "mlx4_ib"));
    LOAD_KEYS.put("MLX5_LOAD", List.of("mlx5_core", "mlx5_ib"));
    LOAD_KEYS.put("MLX4_EN_LOAD", List.of("mlx4_en"));
    LOAD_KEYS.put("MLX4_VNIC_LOAD", List.of("mlx4_vnic"));
    LOAD_KEYS.put("IPOIB_LOAD", List.of("ib_ipoib"));
    LOAD_KEYS.put("E_IPOIB_LOAD", List.of("eth_ipoib"));
    LOAD_KEYS.put("SDP_LOAD", List.of("ib_sdp"));
    LOAD_KEYS.put("SRP_LOAD", List.of("ib_srp"));
    LOAD_KEYS.put("SRPT_LOAD", List.of("ib_srpt"));
    LOAD_KEYS.put("ISER_LOAD", List.of("ib_iser"));
    LOAD_KEYS.put("ISERT_LOAD", List.of("ib_isert"));
    LOAD_KEYS.put("RDS_LOAD", List.of("rds_rdma"));
    LOAD_KEYS.put("QIB_LOAD", List.of("ib_qib"));
    LOAD_KEYS.put("IPATH_LOAD", List.of("ib_ipath"));
    LOAD_KEYS.put("QLGC_VNIC_LOAD", List.of("qlgc_vnic"));
    LOAD_KEYS.put("CXGB3_LOAD", List.of("iw_cxgb3"));
    LOAD_KEYS.put("CXGB4_LOAD", List.of("iw_cxgb4"));
    LOAD_KEYS.put("NES_LOAD", List.of("iw_nes"));
  }

  private RdmaStackChecks() {}

  static void run(ParsedFabric p, KernelFacts facts, List<Finding> out) {
    p.other(FileKind.OPENIB).forEach(f -> openib(f, facts, out));
    p.other(FileKind.RDMA_MODULES).forEach(f -> rdmaModules(f, facts, out));
  }

  private static void openib(InputFile f, KernelFacts facts, List<Finding> out) {
    ShellFile sh = ShellFileParser.parse(f.display(), f.text());
    for (ShellFile.Note n : sh.notes()) {
      if (n.command()) {
        out.add(RDMA_STACK_CONF.at(n.where(), "openibd sources this file and runs '" + n.word()
            + "' as a command", "quote values that contain blanks"));
      }
    }
    for (ShellFile.Assignment a : sh.variables().values()) {
      List<String> modules = LOAD_KEYS.get(a.name());
      if (modules == null) {
        if (!OTHER_KEYS.contains(a.name())) {
          String near = Suggest.closest(a.name(), LOAD_KEYS.keySet());
          out.add(INI_UNKNOWN.at(a.where(), "openibd has no setting " + a.name() + " (schema"
              + " check: MLNX_OFED openib.conf keys)", near.isEmpty() ? "remove it"
                  : "perhaps you meant " + near));
        }
        continue;
      }
      if (!a.value().equals("yes") && !a.value().equals("no")) {
        out.add(RDMA_STACK_CONF.at(a.valueAt(), a.name() + "=" + a.value() + ": openibd loads "
            + String.join(", ", modules) + " only for exactly 'yes', so this means no",
            "write yes or no"));
        continue;
      }
      if (a.value().equals("yes")) {
        for (String m : modules) {
          missing(m, facts, a.valueAt(), a.name() + "=yes", out);
        }
      }
    }
  }

  private static void rdmaModules(InputFile f, KernelFacts facts, List<Finding> out) {
    String[] lines = f.text().split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String raw = lines[i];
      String name = raw.strip();
      if (name.isEmpty() || name.startsWith("#") || name.startsWith(";")) {
        continue;
      }
      Location at = Location.at(f.display(), i + 1, raw.indexOf(name.charAt(0)) + 1);
      if (name.matches(".*\\s.*")) {
        out.add(RDMA_STACK_CONF.at(Severity.ERROR, at, "systemd-modules-load takes one module"
            + " name per line: 'Failed to find module '" + name + "''; options go to modprobe.d",
            "keep only the module name and move its options to /etc/modprobe.d"));
        continue;
      }
      missing(name, facts, at, "systemd-modules-load", out);
    }
  }

  private static void missing(String module, KernelFacts facts, Location at, String what,
      List<Finding> out) {
    KernelFacts.Presence presence = facts.presence(module);
    Optional<String> gone = GoneModules.module(module);
    if (gone.isPresent() && presence != KernelFacts.Presence.MODULE
        && presence != KernelFacts.Presence.BUILTIN) {
      out.add(RDMA_STACK_CONF.at(at, what + " loads " + module + ", which is gone: " + gone.get(),
          "remove it"));
    } else if (presence == KernelFacts.Presence.ABSENT) {
      out.add(RDMA_STACK_CONF.at(at, what + ": " + facts.label() + " has no module " + module
          + " (modprobe: Module " + module + " not found)", "remove it or check the name"));
    }
  }
}
