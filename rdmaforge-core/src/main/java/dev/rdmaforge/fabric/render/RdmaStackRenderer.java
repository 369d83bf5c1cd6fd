package dev.rdmaforge.fabric.render;

import dev.rdmaforge.fabric.kernel.KernelFacts;
import dev.rdmaforge.fabric.model.FabricDescription;
import dev.rdmaforge.fabric.model.Node;
import java.util.ArrayList;
import java.util.List;

/**
 * What loads the RDMA modules at boot. The inbox stack (rdma-core) reads {@code
 * /etc/rdma/modules/<name>.conf} with systemd-modules-load, one module per line; MLNX_OFED's
 * openibd reads {@code /etc/infiniband/openib.conf}, {@code <X>_LOAD=yes} per module group. Only
 * modules the target kernel has are listed.
 */
final class RdmaStackRenderer {
  /** rdma-core's file for InfiniBand hosts (loaded by rdma-load-modules@infiniband). */
  static final String INFINIBAND = "/etc/rdma/modules/infiniband.conf";
  /** rdma-core's file for the verbs/RDMA CM user interfaces (rdma-load-modules@rdma). */
  static final String RDMA = "/etc/rdma/modules/rdma.conf";
  /** MLNX_OFED's openibd configuration. */
  static final String OPENIB = "/etc/infiniband/openib.conf";

  private RdmaStackRenderer() {}

  static List<RenderedFile> render(FabricDescription d, KernelFacts facts) {
    List<String[]> files = new ArrayList<>();
    if (d.rdmaStack().equals("mlnx-ofed")) {
      files.add(new String[] {OPENIB, openib(d, facts)});
    } else {
      files.add(new String[] {INFINIBAND, modules(d, facts, List.of("ib_ipoib", "ib_umad"))});
      files.add(new String[] {RDMA, modules(d, facts, List.of("ib_uverbs", "rdma_ucm"))});
    }
    List<RenderedFile> out = new ArrayList<>();
    for (Node n : d.nodes()) {
      for (String[] f : files) {
        out.add(new RenderedFile(n.name(), f[0], f[1]));
      }
    }
    return out;
  }

  private static String modules(FabricDescription d, KernelFacts facts, List<String> wanted) {
    StringBuilder b = new StringBuilder(Header.of(d, "#"));
    for (String m : wanted) {
      if (present(facts, m)) {
        b.append(m).append('\n');
      } else {
        b.append("# ").append(m).append(" is not in ").append(facts.label()).append('\n');
      }
    }
    return b.toString();
  }

  private static String openib(FabricDescription d, KernelFacts facts) {
    StringBuilder b = new StringBuilder(Header.of(d, "#"));
    b.append("ONBOOT=yes\n");
    boolean mlx4 = d.sriov().driver().equals("mlx4");
    String[][] keys = {
      {"UMAD_LOAD", "ib_umad", "yes"}, {"UVERBS_LOAD", "ib_uverbs", "yes"},
      {"RDMA_CM_LOAD", "rdma_cm", "yes"}, {"RDMA_UCM_LOAD", "rdma_ucm", "yes"},
      {"MLX4_LOAD", "mlx4_ib", mlx4 ? "yes" : "no"}, {"MLX5_LOAD", "mlx5_ib", mlx4 ? "no" : "yes"},
      {"IPOIB_LOAD", "ib_ipoib", "yes"}};
    for (String[] k : keys) {
      b.append(k[0]).append('=').append(present(facts, k[1]) ? k[2] : "no").append('\n');
    }
    b.append("SET_IPOIB_CM=").append(d.ipoib().connectedMode() ? "yes" : "no").append('\n');
    return b.toString();
  }

  private static boolean present(KernelFacts facts, String module) {
    KernelFacts.Presence p = facts.presence(module);
    return p != KernelFacts.Presence.ABSENT;
  }
}
