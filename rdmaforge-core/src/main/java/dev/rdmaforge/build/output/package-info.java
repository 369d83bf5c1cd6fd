/**
 * The result of a build: the bundle remade in the vendor's own layout with the rebuilt kernel
 * packages and the new kernels in {@code .supported_kernels}, its {@code .tgz}, the dependents'
 * packages, checked to load on every target kernel before it is moved into place. Start with
 * {@link dev.rdmaforge.build.output.StackOutputs#write}.
 */
package dev.rdmaforge.build.output;
