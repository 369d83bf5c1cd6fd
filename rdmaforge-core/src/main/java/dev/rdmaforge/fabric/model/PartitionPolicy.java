package dev.rdmaforge.fabric.model;

/**
 * How tenant partitions are written in partitions.conf.
 *
 * @param ipoib create the IPoIB broadcast group for each partition
 * @param mtu OpenSM MTU enum (1=256, 2=512, 3=1024, 4=2048, 5=4096)
 * @param rate OpenSM rate enum (2=2.5, 3=10, ... Gb/s)
 * @param sl service level 0..15 (non-zero needs {@code qos TRUE})
 * @param managementName the name of the 0x7fff statement
 * @param pkeyTableSize PKey table entries of the smallest port (64 on ibsim, 128 on ConnectX-3)
 * @param qos whether opensm.conf turns QoS on
 */
public record PartitionPolicy(
    boolean ipoib, int mtu, int rate, int sl, String managementName, int pkeyTableSize,
    boolean qos) {

  /** The defaults OpenSM itself uses, and a ConnectX-3 PKey table. */
  public static final PartitionPolicy DEFAULT =
      new PartitionPolicy(true, 4, 3, 0, "management", 128, false);
}
