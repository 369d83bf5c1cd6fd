package dev.rdmaforge.fabric.model;

import java.util.List;

/**
 * SR-IOV settings of the hypervisors' HCAs.
 *
 * @param driver {@code mlx4} (ConnectX-3: VFs via module options) or {@code mlx5} (sysfs)
 * @param numVfs mlx4 {@code num_vfs}: one value (dual-port VFs) or three (port1, port2, both)
 * @param probeVf mlx4 {@code probe_vf}: same shape, VFs the hypervisor itself probes
 * @param portTypes mlx4 {@code port_type_array}, one per port
 * @param vendorId PCI vendor of the VFs ({@code 15b3})
 * @param productId PCI product of the VFs ({@code 1004} for ConnectX-3 VF)
 */
public record Sriov(
    String driver,
    List<Integer> numVfs,
    List<Integer> probeVf,
    List<PortType> portTypes,
    String vendorId,
    String productId) {

  /** ConnectX-3 as in the Bright/Icehouse article: 16 VFs, IB on both ports. */
  public static final Sriov DEFAULT =
      new Sriov("mlx4", List.of(16), List.of(0), List.of(PortType.IB, PortType.IB), "15b3", "1004");

  /** Copies the lists. */
  public Sriov {
    numVfs = List.copyOf(numVfs);
    probeVf = List.copyOf(probeVf);
    portTypes = List.copyOf(portTypes);
  }

  /** Total VFs the module options ask for. */
  public int totalVfs() {
    return numVfs.stream().mapToInt(Integer::intValue).sum();
  }
}
