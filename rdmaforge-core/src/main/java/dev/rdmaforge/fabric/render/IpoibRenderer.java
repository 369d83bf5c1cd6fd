package dev.rdmaforge.fabric.render;

import dev.rdmaforge.fabric.model.FabricDescription;
import dev.rdmaforge.fabric.model.IpoibSettings;
import dev.rdmaforge.fabric.model.Node;
import java.util.ArrayList;
import java.util.List;

/**
 * The hosts' IPoIB interface: a RHEL network-scripts {@code ifcfg-<if>} (as in the Bright
 * article: CONNECTED_MODE=yes, MTU=65520) or a NetworkManager keyfile, whose {@code
 * transport-mode} NetworkManager requires. The description reader already keeps the MTU within
 * what the mode allows (65520 connected, 4092 datagram).
 */
final class IpoibRenderer {
  private IpoibRenderer() {}

  static List<RenderedFile> render(FabricDescription d) {
    IpoibSettings s = d.ipoib();
    String path;
    String text;
    if (s.style().equals("keyfile")) {
      path = "/etc/NetworkManager/system-connections/" + s.interfaceName() + ".nmconnection";
      text = Header.of(d, "#")
          + "[connection]\nid=" + s.interfaceName() + "\ntype=infiniband\ninterface-name="
          + s.interfaceName() + "\n\n[infiniband]\nmtu=" + s.mtu() + "\ntransport-mode="
          + (s.connectedMode() ? "connected" : "datagram")
          + "\n\n[ipv4]\nmethod=auto\n\n[ipv6]\nmethod=ignore\n";
    } else {
      path = "/etc/sysconfig/network-scripts/ifcfg-" + s.interfaceName();
      text = Header.of(d, "#")
          + "DEVICE=" + s.interfaceName() + "\nTYPE=InfiniBand\nONBOOT=yes\nBOOTPROTO=dhcp\n"
          + "CONNECTED_MODE=" + (s.connectedMode() ? "yes" : "no") + "\nMTU=" + s.mtu() + "\n";
    }
    List<RenderedFile> out = new ArrayList<>();
    for (Node n : d.nodes()) {
      out.add(new RenderedFile(n.name(), path, text));
    }
    return out;
  }
}
