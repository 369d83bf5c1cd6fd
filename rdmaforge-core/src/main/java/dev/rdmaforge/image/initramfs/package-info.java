/**
 * The initramfs of an image: what is inside ({@link dev.rdmaforge.image.initramfs.InitramfsImage},
 * read the way the kernel's {@code init/initramfs.c} unpacks it), the kernel modules it carries
 * ({@link dev.rdmaforge.image.initramfs.InitramfsModules}), and whether those agree with the image
 * root and its boot path ({@link dev.rdmaforge.image.initramfs.InitramfsAudit}): a stale {@code
 * ib_core} in the initramfs is loaded at boot before the root's fixed one is ever seen.
 */
package dev.rdmaforge.image.initramfs;
