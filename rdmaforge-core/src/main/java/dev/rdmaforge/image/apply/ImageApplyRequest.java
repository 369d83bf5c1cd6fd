package dev.rdmaforge.image.apply;

import dev.rdmaforge.image.initramfs.BootPath;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@code rdmaforge image apply} is asked to do.
 *
 * @param root the image root (a directory tree: a diskimage-builder chroot, a cluster manager's
 *     software image, a Warewulf/xCAT root)
 * @param inputs where the stack's packages are: the output of {@code rdmaforge build} (its bundle
 *     directory and {@code dependents/}), a repository, an MLNX_OFED bundle or package files
 * @param group a package of the inputs to install with what it depends on (a meta package such as
 *     {@code mlnx-ofed-hypervisor}); empty for every kernel package built for the image's kernel
 * @param kernel the image's kernel to apply for; empty for the one the image has (the newest of
 *     several, said in the result)
 * @param removeConflicting remove installed packages that ship a module the stack ships (seed
 *     004's "remove the conflicting packages first") instead of only making the stack win
 * @param bootPaths what the image boots over (IPoIB, NFS over RDMA, ...): their modules must be in
 *     the initramfs
 * @param regenerateInitramfs rebuild the image's initramfs inside the root when it lacks or holds
 *     stale modules
 * @param fabric a fabric description whose files for {@code node} go into the image (modprobe.d
 *     SR-IOV options, openib.conf or /etc/rdma, the IPoIB interface, Neutron agent files)
 * @param node the node of {@code fabric} the image is for
 * @param dryRun say what would change and change nothing
 */
public record ImageApplyRequest(
    Path root,
    List<Path> inputs,
    Optional<String> group,
    Optional<String> kernel,
    boolean removeConflicting,
    List<BootPath> bootPaths,
    boolean regenerateInitramfs,
    Optional<Path> fabric,
    Optional<String> node,
    boolean dryRun) {

  /** Requires every part; copies the lists. */
  public ImageApplyRequest {
    Objects.requireNonNull(root, "root");
    inputs = List.copyOf(inputs);
    Objects.requireNonNull(group, "group");
    Objects.requireNonNull(kernel, "kernel");
    bootPaths = List.copyOf(bootPaths);
    Objects.requireNonNull(fabric, "fabric");
    Objects.requireNonNull(node, "node");
    if (fabric.isPresent() != node.isPresent()) {
      throw new IllegalArgumentException("a fabric description goes with a node name");
    }
  }
}
