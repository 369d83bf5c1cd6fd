/**
 * An image root's own kernels, as the image will boot them: {@link
 * dev.rdmaforge.image.ImageKernels#find} reads the root's {@code boot/vmlinuz-*}, its {@code
 * lib/modules} (bookworm's and RHEL's {@code /lib -> usr/lib} resolved inside the root, never on
 * the host), the initramfs, and the owner of each kernel from the image's own package database
 * (dpkg's {@code var/lib/dpkg}, or rpm run with {@code --root} and the image's {@code
 * var/lib/rpm}); {@link dev.rdmaforge.image.ImageKernels#choose} picks the kernel to work for.
 * Nothing here looks at the running kernel ({@code uname -r}) or the host's {@code /boot}: a chroot
 * build that does is how the wrong kernel gets a driver stack (stackhpc/stackhpc-image-elements#71,
 * dkms-project/dkms#605).
 */
package dev.rdmaforge.image;
