package dev.rdmaforge.fabric.model;

/** mlx4_core {@code port_type_array} values. */
public enum PortType {
  /** 0: let the driver decide (auto sensing). */
  AUTO(0),
  /** 1: InfiniBand. */
  IB(1),
  /** 2: Ethernet. */
  ETH(2);

  private final int code;

  PortType(int code) {
    this.code = code;
  }

  /** The number mlx4_core expects. */
  public int code() {
    return code;
  }
}
