package dev.rdmaforge.fabric.kernel;

import java.util.ArrayList;
import java.util.List;

/**
 * mlx4_core's own checks of its SR-IOV and port options, in the order {@code __mlx4_init_one}
 * and {@code mlx4_verify_params} make them (drivers/net/ethernet/mellanox/mlx4/main.c). A failed
 * check makes the probe fail: the HCA gets no driver, so the host has no IB at all.
 */
public final class Mlx4Limits {
  /** {@code MLX4_MAX_NUM_VF}: VFs in all. */
  public static final int MAX_VFS = 126;
  /** {@code MLX4_MAX_NUM_VF_P_PORT}: VFs that use one port (single-port plus dual-port VFs). */
  public static final int MAX_VFS_PER_PORT = 64;
  /** Capacity of the num_vfs and probe_vf arrays (port 1, port 2, both ports). */
  public static final int VF_ARRAY = 3;
  /** Capacity of port_type_array (two ports). */
  public static final int PORT_ARRAY = 2;

  /** Where mlx4_core puts the i-th value of a 1-, 2- or 3-value num_vfs/probe_vf. */
  private static final int[][] PARAM_MAP = {{2, 0, 0}, {0, 1, 2}, {0, 1, 2}};

  private Mlx4Limits() {}

  /**
   * The probe's verdicts on num_vfs and probe_vf as given (empty lists when not given), each the
   * driver's own message; empty if it accepts them.
   */
  public static List<String> vfProblems(List<Integer> numVfs, List<Integer> probeVf) {
    List<String> out = new ArrayList<>();
    int[] nvfs = new int[3];
    int total = 0;
    for (int i = 0; i < Math.min(numVfs.size(), VF_ARRAY); i++) {
      int slot = PARAM_MAP[numVfs.size() - 1][i];
      nvfs[slot] = numVfs.get(i);
      total += nvfs[slot];
    }
    int[] prb = new int[3];
    for (int i = 0; i < Math.min(probeVf.size(), VF_ARRAY); i++) {
      prb[PARAM_MAP[probeVf.size() - 1][i]] = probeVf.get(i);
      // The driver compares slot i, not the slot it just filled: a single probe_vf value (slot
      // 2) is therefore never checked against num_vfs.
      if (prb[i] > nvfs[i]) {
        out.add("probe_vf module parameter cannot be negative or greater than num_vfs");
        return out;
      }
    }
    if (total > MAX_VFS) {
      out.add("Requested more VF's (" + total + ") than allowed by hw (" + MAX_VFS + ")");
      return out;
    }
    for (int port = 0; port < 2; port++) {
      if (nvfs[port] + nvfs[2] > MAX_VFS_PER_PORT) {
        out.add("Requested more VF's (" + (nvfs[port] + nvfs[2]) + ") for port (" + (port + 1)
            + ") than allowed by driver (" + MAX_VFS_PER_PORT + ")");
        return out;
      }
    }
    return out;
  }

  /**
   * The capacity of a module parameter array that the module's source fixes (modinfo does not
   * record it): mlx4_core's num_vfs and probe_vf (3) and port_type_array (2); 0 when unknown.
   */
  public static int arrayCapacity(String module, String parameter) {
    if (!KernelFacts.normalise(module).equals("mlx4_core")) {
      return 0;
    }
    return switch (parameter.replace('-', '_')) {
      case "num_vfs", "probe_vf" -> VF_ARRAY;
      case "port_type_array" -> PORT_ARRAY;
      default -> 0;
    };
  }

  /** What mlx4_core does with port_type_array values it does not expect; empty if fine. */
  public static List<String> portTypeProblems(List<Integer> types) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < types.size(); i++) {
      int t = types.get(i);
      if (t < 0 || t > 2) {
        out.add("port " + (i + 1) + " type " + t + " is none of 0 (firmware default), 1 (IB),"
            + " 2 (Ethernet): mlx4_core uses it as given and the port comes up with no valid type");
      }
    }
    if (out.isEmpty() && types.size() == 2 && types.get(0) == 0 && types.get(1) == 1) {
      out.add("mlx4_core: Module parameter configuration ETH/IB is not supported. Switching to"
          + " default configuration IB/IB (port 1 becomes IB)");
    }
    return out;
  }
}
