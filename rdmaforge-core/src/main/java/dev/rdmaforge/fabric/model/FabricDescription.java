package dev.rdmaforge.fabric.model;

import java.util.List;
import java.util.Optional;

/**
 * The one description every fabric file is rendered from.
 *
 * @param file the description's path as given (for messages)
 * @param release the OpenStack release
 * @param networks physical networks in declaration order
 * @param partitions partition policy for partitions.conf
 * @param ipoib the hosts' IPoIB interface
 * @param sriov SR-IOV settings of the hypervisors
 * @param rdmaStack {@code inbox} (rdma-core: /etc/rdma) or {@code mlnx-ofed} (openib.conf)
 * @param kernel the target kernel, if known
 * @param image the DIB image fragment, if wanted
 * @param nodes every node, merged, in declaration order
 */
public record FabricDescription(
    String file,
    OpenStackRelease release,
    List<PhysicalNetwork> networks,
    PartitionPolicy partitions,
    IpoibSettings ipoib,
    Sriov sriov,
    String rdmaStack,
    Optional<KernelTarget> kernel,
    Optional<DibImage> image,
    List<Node> nodes) {

  /** Copies the lists. */
  public FabricDescription {
    networks = List.copyOf(networks);
    nodes = List.copyOf(nodes);
  }

  /** The InfiniBand physnets. */
  public List<PhysicalNetwork> ibNetworks() {
    return networks.stream().filter(PhysicalNetwork::isIb).toList();
  }

  /** Nodes with the role, in declaration order. */
  public List<Node> nodesWith(Role role) {
    return nodes.stream().filter(n -> n.has(role)).toList();
  }

  /** The physnet of that name, if declared. */
  public Optional<PhysicalNetwork> network(String name) {
    return networks.stream().filter(n -> n.name().equals(name)).findFirst();
  }
}
