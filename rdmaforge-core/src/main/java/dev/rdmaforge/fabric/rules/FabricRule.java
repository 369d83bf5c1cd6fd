package dev.rdmaforge.fabric.rules;

import dev.rdmaforge.report.Finding;
import dev.rdmaforge.report.Location;
import dev.rdmaforge.report.Severity;

/**
 * Every fabric rule, with its stable id. Ids are never renumbered or reused; docs/fabric.md lists
 * them with the consumer behaviour each one stands for.
 */
public enum FabricRule {
  // partitions.conf (OpenSM osm_prtn_config.c)
  PARTITIONS_FATAL("RF-FAB-001", Severity.ERROR, "OpenSM rejects a statement and discards the whole partitions.conf"),
  PARTITIONS_EMPTY("RF-FAB-002", Severity.ERROR, "partitions.conf is empty or only comments: OpenSM discards it"),
  LINE_TOO_LONG("RF-FAB-003", Severity.ERROR, "line longer than OpenSM's 4094-character buffer is split"),
  ABBREVIATED("RF-FAB-004", Severity.WARNING, "keyword abbreviated; OpenSM prefix-matches it silently"),
  UNKNOWN_FLAG("RF-FAB-005", Severity.ERROR, "unknown partition flag or defmember value is ignored"),
  BAD_FLAG_VALUE("RF-FAB-006", Severity.ERROR, "flag value OpenSM skips or cannot realise"),
  PKEY_RANGE("RF-FAB-007", Severity.ERROR, "PKey truncated, 0x8000 bit set, 0 or reserved"),
  PKEY_DUPLICATE("RF-FAB-008", Severity.ERROR, "two statements share a PKey; OpenSM merges them"),
  MGID_SWALLOWS("RF-FAB-009", Severity.ERROR, "mgid= consumes the rest of the line"),
  MGID_INVALID("RF-FAB-010", Severity.ERROR, "multicast group OpenSM does not create"),
  DEFAULT_MISSING("RF-FAB-011", Severity.WARNING, "no Default (0x7fff) statement giving switches and the SM full membership"),
  GUID_FORMAT("RF-FAB-012", Severity.WARNING, "port GUID not written as 0x + 16 hex digits"),
  PORT_FLAG("RF-FAB-013", Severity.ERROR, "unknown port membership suffix: OpenSM assumes limited"),
  BOTH_NEEDS_FLAG("RF-FAB-014", Severity.ERROR, "'both' membership without allow_both_pkeys TRUE acts as full"),
  SL_NEEDS_QOS("RF-FAB-015", Severity.WARNING, "sl other than 0 without qos TRUE is overridden to 0"),
  PKEY_TABLE_FULL("RF-FAB-016", Severity.WARNING, "more partitions on a port than its PKey table holds"),
  MISSING_SEMICOLON("RF-FAB-017", Severity.WARNING, "last statement lacks its ';'"),
  // opensm.conf
  OPENSM_BOOLEAN("RF-FAB-020", Severity.ERROR, "opensm.conf boolean not exactly TRUE or FALSE"),
  OPENSM_UNKNOWN_KEY("RF-FAB-021", Severity.WARNING, "opensm.conf key OpenSM does not know"),
  OPENSM_VALUE("RF-FAB-022", Severity.ERROR, "opensm.conf value OpenSM replaces by its default"),
  OPENSM_PARTITION_FILE("RF-FAB-023", Severity.ERROR, "partition_config_file does not name the partitions file"),
  // Neutron / networking-mlnx / nova consistency
  VLAN_WITHOUT_PARTITION("RF-FAB-030", Severity.ERROR, "IB segmentation id without a partition"),
  PARTITION_WITHOUT_VLAN("RF-FAB-031", Severity.INFO, "tenant partition no Neutron range uses"),
  PHYSNET_MISMATCH("RF-FAB-032", Severity.ERROR, "physnet name not declared in ML2"),
  MAPPING_MISMATCH("RF-FAB-033", Severity.ERROR, "mlnx agent and eswitchd map a physnet differently, or a key twice"),
  VLAN_RANGE_SYNTAX("RF-FAB-034", Severity.ERROR, "network_vlan_ranges entry Neutron refuses"),
  VLAN_RANGE_OVERLAP("RF-FAB-035", Severity.WARNING, "IB physnets with overlapping ranges share partitions"),
  MECHANISM_DRIVER("RF-FAB-036", Severity.ERROR, "mechanism driver not installed in this release"),
  TENANT_TYPES("RF-FAB-037", Severity.ERROR, "tenant_network_types not within type_drivers"),
  LEGACY_OPTION("RF-FAB-038", Severity.ERROR, "Icehouse-era option the release no longer reads"),
  DAEMON_ENDPOINT("RF-FAB-039", Severity.ERROR, "daemon_endpoint does not reach eswitchd"),
  DHCP_DRIVER("RF-FAB-040", Severity.ERROR, "dhcp agent interface driver or IPoIB interface wrong"),
  INI_SYNTAX("RF-FAB-041", Severity.ERROR, "line oslo.config cannot parse"),
  INI_VALUE("RF-FAB-042", Severity.ERROR, "value oslo.config cannot convert"),
  INI_UNKNOWN("RF-FAB-043", Severity.WARNING, "option or section the consumer does not register"),
  NOVA_DEVICE_SPEC("RF-FAB-044", Severity.ERROR, "nova [pci] device_spec nova refuses or that matches no VF"),
  MAPPING_SYNTAX("RF-FAB-045", Severity.ERROR, "interface mapping neutron_lib parse_mappings refuses"),
  // kernel modules
  MODPROBE_SYNTAX("RF-FAB-050", Severity.ERROR, "modprobe.d line libkmod ignores"),
  MODULE_PARAMETER("RF-FAB-051", Severity.ERROR, "option or value the target kernel's module does not accept"),
  PORT_TYPE_ARRAY("RF-FAB-052", Severity.ERROR, "port_type_array value mlx4_core refuses"),
  NUM_VFS("RF-FAB-053", Severity.ERROR, "num_vfs / probe_vf limit mlx4_core refuses"),
  GONE_MODULE("RF-FAB-054", Severity.ERROR, "module or parameter removed from current kernels"),
  // host files
  KERNEL_CMDLINE("RF-FAB-060", Severity.ERROR, "kernel command line lacks the IOMMU for SR-IOV"),
  IPOIB_INTERFACE("RF-FAB-061", Severity.ERROR, "IPoIB interface file NetworkManager or ib_ipoib refuses (MTU, mode, syntax)"),
  RDMA_STACK_CONF("RF-FAB-062", Severity.WARNING, "openib.conf or /etc/rdma entry for a gone or unknown module, or a value openibd reads as no"),
  DIB_ENVIRONMENT("RF-FAB-063", Severity.ERROR, "diskimage-builder mlnx-ofed variables missing, unknown or mistyped"),
  SRIOV_CAPACITY("RF-FAB-064", Severity.WARNING, "fewer VFs than the hypervisor's direct ports need"),
  // validate --description: the files against the description
  DESCRIBED_PORT_MISSING("RF-FAB-070", Severity.ERROR, "a described node's port is not a full member of its physnet's partition"),
  UNDESCRIBED_PORT("RF-FAB-071", Severity.WARNING, "partition member that is no described node's port"),
  DESCRIPTION_MISMATCH("RF-FAB-072", Severity.ERROR, "file setting differs from the description"),
  UNREADABLE("RF-FAB-090", Severity.ERROR, "file cannot be read");

  private final String id;
  private final Severity severity;
  private final String title;

  FabricRule(String id, Severity severity, String title) {
    this.id = id;
    this.severity = severity;
    this.title = title;
  }

  /** The stable id, e.g. {@code RF-FAB-001}. */
  public String id() {
    return id;
  }

  /** The default severity. */
  public Severity severity() {
    return severity;
  }

  /** One line saying what the rule catches. */
  public String title() {
    return title;
  }

  /** A finding of this rule at its default severity. */
  public Finding at(Location where, String message, String fix) {
    return new Finding(id, severity, where, message, fix);
  }

  /** A finding of this rule at another severity. */
  public Finding at(Severity severity, Location where, String message, String fix) {
    return new Finding(id, severity, where, message, fix);
  }
}
