/**
 * {@code rdmaforge check}: what the target kernel does when modprobe loads each module of an image
 * root, decided before any boot with the kernel's own rules in the kernel's own order.
 *
 * <p>{@link dev.rdmaforge.check.Checker} resolves the tree as depmod does, reads the kernel's
 * inputs ({@link dev.rdmaforge.check.TargetKernel}), plays modprobe's insertions against a model of
 * the kernel's module loader ({@link dev.rdmaforge.check.LoaderRules}) and returns one {@link
 * dev.rdmaforge.check.ModuleResult} per requested module plus findings with fixes.
 */
package dev.rdmaforge.check;
