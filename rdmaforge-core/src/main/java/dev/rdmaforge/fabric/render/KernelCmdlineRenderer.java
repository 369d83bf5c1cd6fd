package dev.rdmaforge.fabric.render;

import dev.rdmaforge.fabric.model.FabricDescription;
import dev.rdmaforge.fabric.model.Node;
import dev.rdmaforge.fabric.model.Role;
import java.util.ArrayList;
import java.util.List;

/**
 * The hypervisors' kernel command line for SR-IOV: {@code intel_iommu=on} (VT-d, so VFs can be
 * given to guests) and {@code iommu=pt} (host DMA stays untranslated), as a grub.d snippet that
 * grub-mkconfig sources after /etc/default/grub, so it adds to the line instead of replacing it.
 */
final class KernelCmdlineRenderer {
  /** Sourced by Debian's grub-mkconfig after /etc/default/grub. */
  static final String PATH = "/etc/default/grub.d/50-rdmaforge-iommu.cfg";

  private KernelCmdlineRenderer() {}

  static List<RenderedFile> render(FabricDescription d) {
    String text = Header.of(d, "#")
        + "GRUB_CMDLINE_LINUX=\"$GRUB_CMDLINE_LINUX intel_iommu=on iommu=pt\"\n";
    List<RenderedFile> out = new ArrayList<>();
    for (Node n : d.nodesWith(Role.COMPUTE)) {
      out.add(new RenderedFile(n.name(), PATH, text));
    }
    return out;
  }
}
