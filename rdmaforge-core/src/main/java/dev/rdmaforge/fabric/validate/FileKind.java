package dev.rdmaforge.fabric.validate;

import java.util.Locale;
import java.util.Optional;

/** The kinds of file {@code fabric validate} understands, recognised by path. */
public enum FileKind {
  /** OpenSM partitions.conf. */
  PARTITIONS,
  /** OpenSM opensm.conf. */
  OPENSM_CONF,
  /** Neutron ML2 plugin configuration (ml2_conf.ini, plugin.ini). */
  ML2,
  /** linuxbridge agent (linuxbridge_agent.ini, Icehouse linuxbridge_conf.ini). */
  LINUXBRIDGE,
  /** networking-mlnx agent (mlnx_conf.ini). */
  MLNX_AGENT,
  /** networking-mlnx eswitchd.conf. */
  ESWITCHD,
  /** Neutron dhcp_agent.ini. */
  DHCP_AGENT,
  /** nova.conf or a fragment of it. */
  NOVA,
  /** a modprobe.d file. */
  MODPROBE,
  /** RHEL network-scripts ifcfg-ib*. */
  IFCFG,
  /** NetworkManager keyfile (*.nmconnection). */
  KEYFILE,
  /** MLNX_OFED /etc/infiniband/openib.conf. */
  OPENIB,
  /** rdma-core /etc/rdma/modules/*.conf. */
  RDMA_MODULES,
  /** kernel command line: /etc/default/grub, grub.d/*.cfg, /etc/kernel/cmdline. */
  CMDLINE,
  /** TripleO / diskimage-builder image YAML. */
  DIB;

  /** Recognises a file by its path (with forward slashes); empty if not a fabric file. */
  public static Optional<FileKind> of(String path) {
    String p = path.replace('\\', '/');
    String name = p.substring(p.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
    if (name.endsWith("partitions.conf")) {
      return Optional.of(PARTITIONS);
    }
    if (name.equals("opensm.conf")) {
      return Optional.of(OPENSM_CONF);
    }
    if (name.equals("ml2_conf.ini") || name.equals("plugin.ini")) {
      return Optional.of(ML2);
    }
    if (name.equals("linuxbridge_agent.ini") || name.equals("linuxbridge_conf.ini")) {
      return Optional.of(LINUXBRIDGE);
    }
    if (name.equals("mlnx_conf.ini")) {
      return Optional.of(MLNX_AGENT);
    }
    if (name.equals("eswitchd.conf")) {
      return Optional.of(ESWITCHD);
    }
    if (name.equals("dhcp_agent.ini")) {
      return Optional.of(DHCP_AGENT);
    }
    if (name.equals("nova.conf") || (p.contains("/nova.conf.d/") && name.endsWith(".conf"))) {
      return Optional.of(NOVA);
    }
    if (p.contains("modprobe.d/") && name.endsWith(".conf")) {
      return Optional.of(MODPROBE);
    }
    if (name.startsWith("ifcfg-ib")) {
      return Optional.of(IFCFG);
    }
    if (name.endsWith(".nmconnection")) {
      return Optional.of(KEYFILE);
    }
    if (name.equals("openib.conf")) {
      return Optional.of(OPENIB);
    }
    if (p.contains("rdma/modules/") && name.endsWith(".conf")) {
      return Optional.of(RDMA_MODULES);
    }
    if (p.endsWith("etc/default/grub") || (p.contains("grub.d/") && name.endsWith(".cfg"))
        || p.endsWith("etc/kernel/cmdline")) {
      return Optional.of(CMDLINE);
    }
    if ((name.endsWith(".yaml") || name.endsWith(".yml")) && name.contains("image")) {
      return Optional.of(DIB);
    }
    return Optional.empty();
  }
}
