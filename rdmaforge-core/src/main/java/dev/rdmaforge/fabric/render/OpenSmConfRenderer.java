package dev.rdmaforge.fabric.render;

import dev.rdmaforge.fabric.model.FabricDescription;
import dev.rdmaforge.fabric.model.Node;
import dev.rdmaforge.fabric.model.Role;
import java.util.ArrayList;
import java.util.List;

/**
 * The opensm.conf lines partitioning depends on. OpenSM reads booleans with {@code strcmp("TRUE")},
 * so they are written in capitals; keys it does not list here keep their defaults.
 */
public final class OpenSmConfRenderer implements FileRenderer {
  /** Where Debian's opensm reads its configuration. */
  public static final String PATH = "/etc/opensm/opensm.conf";

  @Override
  public List<RenderedFile> render(FabricDescription d) {
    String text = Header.of(d, "#")
        + "partition_config_file " + PartitionsConfRenderer.PATH + "\n"
        + "part_enforce both\n"
        + "allow_both_pkeys FALSE\n"
        + "qos " + (d.partitions().qos() ? "TRUE" : "FALSE") + "\n";
    List<RenderedFile> out = new ArrayList<>();
    for (Node sm : d.nodesWith(Role.SUBNET_MANAGER)) {
      out.add(new RenderedFile(sm.name(), PATH, text));
    }
    return out;
  }
}
