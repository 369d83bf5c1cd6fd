/**
 * Module signatures as the kernel checks them: which keys a kernel trusts and what it concludes
 * about each module's appended signature.
 *
 * <ul>
 *   <li>{@link dev.rdmaforge.kernel.keys.KernelImage} decompresses a bzImage (gzip, bzip2, lzma,
 *       xz, lz4, zstd) or takes an ELF vmlinux; {@link
 *       dev.rdmaforge.kernel.keys.EmbeddedCertificates} finds the {@code system_certificate_list}
 *       in it; {@link dev.rdmaforge.kernel.keys.KernelCertificateCache} keeps the result.
 *   <li>{@link dev.rdmaforge.kernel.keys.TrustedKeys} are those certificates plus the user's own
 *       (MOK, secondary keys), each a {@link dev.rdmaforge.kernel.keys.TrustedKey} with the
 *       kernel's description of it.
 *   <li>{@link dev.rdmaforge.kernel.keys.ModuleSignatureVerifier} hashes a module once ({@link
 *       dev.rdmaforge.kernel.keys.SignedContentDigest}, cacheable) and verifies it against the keys
 *       ({@link dev.rdmaforge.kernel.keys.SignatureVerdict}); {@link
 *       dev.rdmaforge.kernel.keys.SignatureVerdict#decide} applies {@code module_sig_check}'s
 *       enforcement rules.
 * </ul>
 *
 * <p>The rules follow Linux 6.1 ({@code kernel/module/signing.c}, {@code
 * crypto/asymmetric_keys/pkcs7_*.c}, {@code x509_*.c}, {@code certs/system_keyring.c}).
 */
package dev.rdmaforge.kernel.keys;
