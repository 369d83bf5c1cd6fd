package dev.rdmaforge.fabric.kernel;

import java.util.Map;
import java.util.Optional;

/**
 * Modules and parameters that guides of the Icehouse / MLNX_OFED 2.x era configure and current
 * kernels no longer have. Each entry says what it was, so a finding can say more than "not
 * found"; whether it is really absent is decided by {@link KernelFacts} where a tree is given.
 */
public final class GoneModules {
  private static final Map<String, String> MODULES = Map.of(
      "eth_ipoib", "MLNX_OFED 2.x/3.x's Ethernet-over-IPoIB driver (the eth6/eth7 interfaces of"
          + " the Icehouse guides); neither the upstream kernel nor current MLNX_OFED has it",
      "mlx4_vnic", "MLNX_OFED's old mlx4 virtual NIC driver; never upstream",
      "ib_sdp", "Sockets Direct Protocol from old OFED releases; never upstream",
      "ib_ipath", "the old QLogic InfiniPath driver, removed from the kernel (ib_qib and hfi1"
          + " replaced it)",
      "ib_ucm", "the userspace CM interface, removed from the kernel (rdma_ucm replaced it)",
      "iw_nes", "the NetEffect iWARP driver, removed from the kernel",
      "iw_cxgb3", "the Chelsio T3 iWARP driver, removed from the kernel (iw_cxgb4 remains)",
      "qlgc_vnic", "QLogic's VNIC driver from old OFED releases; never upstream");

  private static final Map<String, String> PARAMETERS = Map.of(
      "mlx4_core.set_4k_mtu", "mlx4_core dropped set_4k_mtu; the IPoIB broadcast group's MTU comes"
          + " from the partition (partitions.conf mtu=5 for 4096)",
      "ib_ipoib.ipoib_enhanced", "ipoib_enhanced belongs to MLNX_OFED 4.x's enhanced IPoIB;"
          + " the upstream ib_ipoib never had it (connected mode is set per interface)");

  private GoneModules() {}

  /** Why a module name from an old guide is gone, if it is one of them. */
  public static Optional<String> module(String name) {
    return Optional.ofNullable(MODULES.get(KernelFacts.normalise(name)));
  }

  /** Why a module parameter from an old guide is gone, if it is one of them. */
  public static Optional<String> parameter(String module, String parameter) {
    return Optional.ofNullable(PARAMETERS.get(KernelFacts.normalise(module) + "."
        + parameter.replace('-', '_')));
  }
}
