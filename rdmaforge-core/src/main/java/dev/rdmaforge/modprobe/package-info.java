/**
 * modprobe as kmod 30 runs it, predicted without loading anything: its configuration and the order
 * in which it inserts modules.
 *
 * <p>{@link dev.rdmaforge.modprobe.ModprobeConfigParser} reads modprobe.d (an image root's own, or
 * {@code -C} paths), the kernel tree's modules.softdep and a kernel command line into a {@link
 * dev.rdmaforge.modprobe.ModprobeConfig} whose entries keep their file and line; {@link
 * dev.rdmaforge.modprobe.ShowConfig} prints it as {@code modprobe -c} does. {@link
 * dev.rdmaforge.modprobe.ProbePlanner} takes a name and the facts of a module tree ({@link
 * dev.rdmaforge.modprobe.ModuleTree}) and returns the {@link dev.rdmaforge.modprobe.ProbePlan}: the
 * modules the name resolves to and, for each, the list modprobe acts on in order, with file,
 * options, install command, why each is there and whether its failure stops modprobe; {@link
 * dev.rdmaforge.modprobe.ShowDepends} prints it as {@code modprobe --show-depends} does.
 *
 * <p>Strings are one char per byte (ISO-8859-1), as kmod handles them; messages are the exact
 * stderr lines of Debian 12's kmod 30.
 */
package dev.rdmaforge.modprobe;
