package dev.rdmaforge.build.precheck;

import java.util.Map;
import java.util.Optional;

/**
 * The kernel config symbol that builds each in-tree RDMA module a vendor stack replaces, read off
 * the kernel's Kbuild lines {@code obj-$(CONFIG_X) += NAME.o} (Linux 6.1):
 *
 * <ul>
 *   <li>drivers/infiniband/core/Makefile: {@code obj-$(CONFIG_INFINIBAND) += ib_core.o ib_cm.o
 *       iw_cm.o $(infiniband-y)} with {@code infiniband-$(CONFIG_INFINIBAND_ADDR_TRANS) :=
 *       rdma_cm.o}; {@code obj-$(CONFIG_INFINIBAND_USER_MAD) += ib_umad.o}; {@code
 *       obj-$(CONFIG_INFINIBAND_USER_ACCESS) += ib_uverbs.o $(user_access-y)} with {@code
 *       rdma_ucm.o}
 *   <li>drivers/net/ethernet/mellanox/mlx5/core, mlx4, mlxfw; drivers/infiniband/hw/mlx5, mlx4;
 *       drivers/infiniband/ulp/ipoib, srp, srpt, iser, isert; drivers/nvme/host and target;
 *       net/sunrpc/xprtrdma; drivers/vdpa/mlx5
 * </ul>
 *
 * A module under a bool symbol ({@code rdma_cm} needs {@code CONFIG_INFINIBAND_ADDR_TRANS=y}) is
 * built in exactly when its tristate parent is {@code y}, so the parent is listed. Modules a
 * vendor adds that the kernel does not have ({@code mlx_compat}, {@code knem}, {@code mlxdevm})
 * have no entry: the kernel cannot have them built in.
 */
final class KbuildSymbols {
  static final Map<String, String> SYMBOLS = Map.ofEntries(
      Map.entry("ib_core", "CONFIG_INFINIBAND"),
      Map.entry("ib_cm", "CONFIG_INFINIBAND"),
      Map.entry("iw_cm", "CONFIG_INFINIBAND"),
      Map.entry("rdma_cm", "CONFIG_INFINIBAND"),
      Map.entry("ib_umad", "CONFIG_INFINIBAND_USER_MAD"),
      Map.entry("ib_uverbs", "CONFIG_INFINIBAND_USER_ACCESS"),
      Map.entry("rdma_ucm", "CONFIG_INFINIBAND_USER_ACCESS"),
      Map.entry("mlx5_core", "CONFIG_MLX5_CORE"),
      Map.entry("mlx5_ib", "CONFIG_MLX5_INFINIBAND"),
      Map.entry("mlx4_core", "CONFIG_MLX4_CORE"),
      Map.entry("mlx4_en", "CONFIG_MLX4_EN"),
      Map.entry("mlx4_ib", "CONFIG_MLX4_INFINIBAND"),
      Map.entry("mlxfw", "CONFIG_MLXFW"),
      Map.entry("ib_ipoib", "CONFIG_INFINIBAND_IPOIB"),
      Map.entry("ib_srp", "CONFIG_INFINIBAND_SRP"),
      Map.entry("ib_srpt", "CONFIG_INFINIBAND_SRPT"),
      Map.entry("ib_iser", "CONFIG_INFINIBAND_ISER"),
      Map.entry("ib_isert", "CONFIG_INFINIBAND_ISERT"),
      Map.entry("nvme_rdma", "CONFIG_NVME_RDMA"),
      Map.entry("nvmet_rdma", "CONFIG_NVME_TARGET_RDMA"),
      Map.entry("rpcrdma", "CONFIG_SUNRPC_XPRT_RDMA"),
      Map.entry("mlx5_vdpa", "CONFIG_MLX5_VDPA_NET"));

  private KbuildSymbols() {}

  /** The config symbol building {@code module} in the kernel, if it is an in-tree module. */
  static Optional<String> of(String module) {
    return Optional.ofNullable(SYMBOLS.get(BundleModules.normalise(module)));
  }
}
