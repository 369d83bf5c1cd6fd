package dev.rdmaforge.fabric.model;

/** The fabric a physical network runs on. */
public enum NetworkKind {
  /** InfiniBand: segmentation ids become OpenSM partitions (PKey = id), ports bound by mlnx. */
  IB,
  /** Ethernet: plain VLANs or flat, bound by linuxbridge. */
  ETHERNET
}
