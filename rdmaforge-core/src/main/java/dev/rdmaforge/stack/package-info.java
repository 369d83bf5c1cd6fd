/**
 * The stack description: which vendor bundle (an MLNX_OFED-layout directory or .tgz), which
 * target kernels (headers / kernel-devel trees or packages with their Module.symvers), which
 * dependents (source packages or trees that build against the bundle's kernel part), the output
 * and the optional signing key. Read with {@link dev.rdmaforge.stack.StackDescriptions#read}; the
 * format is documented in docs/stack.md.
 */
package dev.rdmaforge.stack;
