# Defaults of the rdmaforge element (see its README.rst). Sourced by dib-run-parts before the
# hooks of every phase; only post-root.d and cleanup.d read them, outside the chroot.

# The rdmaforge launcher on the build host: a name looked up on PATH, or a path.
export DIB_RDMAFORGE_BIN=${DIB_RDMAFORGE_BIN:-rdmaforge}
# Where the stack comes from: exactly one of the two.
#   DIB_RDMAFORGE_REPO: directories separated by blanks or colons (the output of `rdmaforge build`:
#   OUT/MLNX_OFED_LINUX-.../ and OUT/dependents; an apt/yum repository; an MLNX_OFED bundle).
#   DIB_RDMAFORGE_STACK: a stack.yaml whose output `rdmaforge build` has built.
export DIB_RDMAFORGE_REPO=${DIB_RDMAFORGE_REPO:-}
export DIB_RDMAFORGE_STACK=${DIB_RDMAFORGE_STACK:-}
# A package group or metapackage of the stack (mlnx-ofed-hypervisor); empty: every package.
export DIB_RDMAFORGE_GROUP=${DIB_RDMAFORGE_GROUP:-}
# The image's kernel release to apply to; empty: rdmaforge picks the image's kernel itself.
export DIB_RDMAFORGE_KERNEL=${DIB_RDMAFORGE_KERNEL:-}
# What the image boots over, whose modules the initramfs needs (blank- or comma-separated):
# ipoib, nfs-rdma, lustre, rdma-cm-configfs; empty: a local-disk boot (--boot-path).
export DIB_RDMAFORGE_BOOT_PATH=${DIB_RDMAFORGE_BOOT_PATH:-}
# y: regenerate the image's initramfs with the stack's modules (rdmaforge image apply --initramfs).
export DIB_RDMAFORGE_INITRAMFS=${DIB_RDMAFORGE_INITRAMFS:-n}
# y: remove the image's packages that ship a module of the stack (--remove-conflicting);
# n: keep them, the stack wins by depmod.d override lines.
export DIB_RDMAFORGE_REMOVE_CONFLICTING=${DIB_RDMAFORGE_REMOVE_CONFLICTING:-n}
# y: a warning of the apply fails the build too (--fail-on-warning): a conflicting package kept,
# a kernel without modules.dep, an initramfs the generator would change.
export DIB_RDMAFORGE_FAIL_ON_WARNING=${DIB_RDMAFORGE_FAIL_ON_WARNING:-n}
# A fabric description and the node (role) the image is for: the node's files (modprobe.d
# SR-IOV options, openib.conf, the IPoIB interface, agent files) go into the image and their
# module options are checked against the image's kernel (--fabric, --node); both or neither.
export DIB_RDMAFORGE_FABRIC=${DIB_RDMAFORGE_FABRIC:-}
export DIB_RDMAFORGE_NODE=${DIB_RDMAFORGE_NODE:-}
