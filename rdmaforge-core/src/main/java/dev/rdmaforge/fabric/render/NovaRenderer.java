package dev.rdmaforge.fabric.render;

import dev.rdmaforge.fabric.model.FabricDescription;
import dev.rdmaforge.fabric.model.Node;
import dev.rdmaforge.fabric.model.Role;
import java.util.ArrayList;
import java.util.List;

/**
 * The nova.conf fragment of a hypervisor: which VFs nova may hand out, and on which physnet. Nova
 * 26 reads {@code [pci] device_spec} from nova.conf.d; Icehouse read {@code [DEFAULT]
 * pci_passthrough_whitelist} and needed Mellanox's vif_driver.
 */
public final class NovaRenderer implements FileRenderer {
  /** The modern fragment (nova --config-dir /etc/nova/nova.conf.d). */
  public static final String PATH = "/etc/nova/nova.conf.d/50-rdmaforge-pci.conf";
  /** Icehouse had no conf.d: these lines go into nova.conf. */
  public static final String PATH_ICEHOUSE = "/etc/nova/nova.conf";

  @Override
  public List<RenderedFile> render(FabricDescription d) {
    List<RenderedFile> out = new ArrayList<>();
    boolean legacy = d.release().legacy();
    for (Node n : d.nodesWith(Role.COMPUTE)) {
      Ini ini = new Ini();
      for (String net : n.fabrics().keySet()) {
        String spec = "{\"vendor_id\": \"" + d.sriov().vendorId() + "\", \"product_id\": \""
            + d.sriov().productId() + "\", \"physical_network\": \"" + net + "\"}";
        if (legacy) {
          ini.put("DEFAULT", "pci_passthrough_whitelist", spec);
        } else {
          ini.put("pci", "device_spec", spec);
        }
      }
      if (legacy) {
        ini.put("libvirt", "vif_driver", "mlnxvif.vif.MlxEthVIFDriver");
      }
      out.add(new RenderedFile(n.name(), legacy ? PATH_ICEHOUSE : PATH,
          ini.render(Header.of(d, "#") + (legacy ? "# Merge these lines into nova.conf.\n" : ""))));
    }
    return out;
  }
}
