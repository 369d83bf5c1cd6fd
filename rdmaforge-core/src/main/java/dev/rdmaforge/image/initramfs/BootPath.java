package dev.rdmaforge.image.initramfs;

import java.util.List;

/**
 * How a node boots, and the modules that must be in its initramfs for it (their modules.dep
 * dependencies are added by the audit):
 *
 * <table>
 *   <caption>Boot paths</caption>
 *   <tr><th>id</th><th>what</th><th>modules</th></tr>
 *   <tr><td>{@code ipoib}</td><td>network boot / root over IPoIB</td><td>ib_ipoib</td></tr>
 *   <tr><td>{@code nfs-rdma}</td><td>NFS root over RDMA</td><td>rpcrdma</td></tr>
 *   <tr><td>{@code lustre}</td><td>root on Lustre over o2ib</td><td>ko2iblnd, lnet,
 *       lustre</td></tr>
 *   <tr><td>{@code rdma-cm-configfs}</td><td>rdma_cm configured through configfs early (e.g.
 *       NVMe-oF targets)</td><td>configfs, rdma_cm</td></tr>
 * </table>
 *
 * <p>The hardware driver (mlx5_ib, hfi1, ...) is not implied: it depends on the node; name it
 * with the request's modules.
 */
public enum BootPath {
  IPOIB("ipoib", List.of("ib_ipoib")),
  NFS_RDMA("nfs-rdma", List.of("rpcrdma")),
  LUSTRE("lustre", List.of("ko2iblnd", "lnet", "lustre")),
  RDMA_CM_CONFIGFS("rdma-cm-configfs", List.of("configfs", "rdma_cm"));

  private final String id;
  private final List<String> modules;

  BootPath(String id, List<String> modules) {
    this.id = id;
    this.modules = modules;
  }

  /** The name used on command lines and in stack files. */
  public String id() {
    return id;
  }

  /** The modules this boot path loads from the initramfs. */
  public List<String> modules() {
    return modules;
  }

  /** The boot path with this id, or an {@link IllegalArgumentException} listing the ids. */
  public static BootPath byId(String id) {
    for (BootPath b : values()) {
      if (b.id.equals(id)) {
        return b;
      }
    }
    throw new IllegalArgumentException("unknown boot path '" + id
        + "'; use ipoib, nfs-rdma, lustre or rdma-cm-configfs");
  }
}
