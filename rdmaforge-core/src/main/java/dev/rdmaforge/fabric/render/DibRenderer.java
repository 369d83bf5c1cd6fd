package dev.rdmaforge.fabric.render;

import dev.rdmaforge.fabric.model.DibImage;
import dev.rdmaforge.fabric.model.FabricDescription;
import java.util.List;

/**
 * The TripleO image-build fragment that adds StackHPC's {@code mlnx-ofed} diskimage-builder
 * element (seed 002), for {@code openstack overcloud image build --config-file}. Every
 * environment value is a quoted string: TripleO passes them to diskimage-builder as strings, and
 * an unquoted {@code 4.10} would reach it as the number 4.1.
 */
final class DibRenderer {
  /** The fragment's path below the image output directory. */
  static final String PATH = "/overcloud-images-rdmaforge.yaml";

  private DibRenderer() {}

  static List<RenderedFile> render(FabricDescription d) {
    if (d.image().isEmpty()) {
      return List.of();
    }
    DibImage i = d.image().get();
    String text = Header.of(d, "#")
        + "disk_images:\n"
        + "  - imagename: " + quote(i.imageName()) + "\n"
        + "    elements:\n"
        + "      - mlnx-ofed\n"
        + "    environment:\n"
        + "      DIB_MLNX_OFED_VERSION: " + quote(i.ofedVersion()) + "\n"
        + "      DIB_MLNX_OFED_REPO: " + quote(i.repo()) + "\n"
        + "      DIB_MLNX_OFED_DELETE_REPO: " + quote(i.deleteRepo() ? "y" : "n") + "\n"
        + "      DIB_MLNX_OFED_PKGLIST: " + quote(String.join(" ", i.packages())) + "\n";
    return List.of(new RenderedFile(RenderedFile.IMAGE_NODE, PATH, text));
  }

  /** A YAML double-quoted scalar. */
  static String quote(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\t' -> b.append("\\t");
        default -> b.append(c);
      }
    }
    return b.append('"').toString();
  }
}
