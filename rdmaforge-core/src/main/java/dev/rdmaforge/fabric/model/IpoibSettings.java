package dev.rdmaforge.fabric.model;

/**
 * The hosts' own IPoIB interface.
 *
 * @param interfaceName the PF's IPoIB interface ({@code ib0})
 * @param connectedMode connected (MTU up to 65520) or datagram (MTU up to 4092)
 * @param mtu interface MTU
 * @param style {@code ifcfg} (RHEL network-scripts) or {@code keyfile} (NetworkManager)
 */
public record IpoibSettings(String interfaceName, boolean connectedMode, int mtu, String style) {
  /** The seed's ifcfg-ib0: connected mode, MTU 65520. */
  public static final IpoibSettings DEFAULT = new IpoibSettings("ib0", true, 65520, "ifcfg");

  /** Largest MTU in connected mode. */
  public static final int MAX_CONNECTED_MTU = 65520;

  /** Largest MTU in datagram mode (4 KiB IB MTU minus the 4-byte IPoIB header). */
  public static final int MAX_DATAGRAM_MTU = 4092;
}
