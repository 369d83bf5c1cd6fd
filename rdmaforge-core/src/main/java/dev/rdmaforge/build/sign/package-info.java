/**
 * Module signing of rebuilt packages ({@code signing:} in stack.yaml): the kernel's own {@code
 * scripts/sign-file} ({@link dev.rdmaforge.build.sign.SignFile}) is run over the build root by an
 * rpmbuild install-post hook ({@link dev.rdmaforge.build.sign.SignHook}), so the binary packages'
 * file digests cover the signed modules and the vendor's SRPM is not changed; the key and
 * certificate are checked to match ({@link dev.rdmaforge.build.sign.SigningKeys}) and the result is
 * verified ({@link dev.rdmaforge.build.sign.SignedModules}) before a step is stored.
 */
package dev.rdmaforge.build.sign;
