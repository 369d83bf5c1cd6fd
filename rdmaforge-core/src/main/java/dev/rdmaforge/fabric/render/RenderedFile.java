package dev.rdmaforge.fabric.render;

/**
 * One file for one node.
 *
 * @param node the node it belongs to (its output directory); {@code _image} for image build files
 * @param path the absolute path on that node, e.g. {@code /etc/opensm/partitions.conf}
 * @param content the text, ending in a newline
 */
public record RenderedFile(String node, String path, String content) {
  /** The output directory for files that belong to the image build, not to a node. */
  public static final String IMAGE_NODE = "_image";

  /** Requires an absolute path. */
  public RenderedFile {
    if (!path.startsWith("/")) {
      throw new IllegalArgumentException("path must be absolute: " + path);
    }
  }

  /** The path below the output directory: {@code <node>/<path without leading slash>}. */
  public String relativePath() {
    return node + path;
  }
}
