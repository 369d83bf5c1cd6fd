package dev.rdmaforge.fabric.model;

import java.util.Locale;
import java.util.Optional;

/** What a node does in the fabric; decides which files it gets. */
public enum Role {
  /** Runs OpenSM: gets partitions.conf and opensm.conf. */
  SUBNET_MANAGER("subnet-manager"),
  /** Runs neutron-server: gets ml2_conf.ini. */
  CONTROLLER("controller"),
  /** Runs the DHCP and L2 agents: gets dhcp_agent.ini and the linuxbridge agent file. */
  NETWORK("network"),
  /** A hypervisor: mlnx agent, eswitchd, nova, SR-IOV module options, kernel command line. */
  COMPUTE("compute");

  private final String yamlName;

  Role(String yamlName) {
    this.yamlName = yamlName;
  }

  /** The spelling used in the description. */
  public String yamlName() {
    return yamlName;
  }

  /** Looks a role up by its description spelling. */
  public static Optional<Role> byName(String name) {
    for (Role r : values()) {
      if (r.yamlName.equals(name.toLowerCase(Locale.ROOT))) {
        return Optional.of(r);
      }
    }
    return Optional.empty();
  }
}
