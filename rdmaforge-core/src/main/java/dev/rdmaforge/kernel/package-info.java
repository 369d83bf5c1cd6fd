/**
 * What a target kernel brings to a module load, read from its own files: the symbols vmlinux
 * exports with their CRCs ({@code Module.symvers}, {@code symvers-KVER.gz}), its build
 * configuration ({@code config-KVER}) and its version magic.
 */
package dev.rdmaforge.kernel;
