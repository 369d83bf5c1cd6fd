package dev.rdmaforge.testkit.modules;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * Where {@code sign-file}'s appended signature sits in a module file:
 *
 * <pre>
 * [ ELF image ][ PKCS#7, sig_len bytes ][ struct module_signature, 12 bytes ][ marker, 28 bytes ]
 * </pre>
 *
 * with {@code sig_len} big-endian in the last four bytes of the structure.
 *
 * @param elfLength the length of the ELF image, the bytes the signature covers
 * @param signatureLength {@code sig_len}, the length of the PKCS#7 message
 */
record AppendedSignature(int elfLength, int signatureLength) {

  /** The marker {@code sign-file} appends last. */
  static final byte[] MARKER = "~Module signature appended~\n".getBytes(StandardCharsets.US_ASCII);

  private static final int STRUCT_SIZE = 12;

  /** The signature of {@code file}, or empty when it has no marker (an unsigned module). */
  static Optional<AppendedSignature> of(byte[] file) {
    int markerAt = file.length - MARKER.length;
    if (markerAt < STRUCT_SIZE
        || !Arrays.equals(file, markerAt, file.length, MARKER, 0, MARKER.length)) {
      return Optional.empty();
    }
    int structAt = markerAt - STRUCT_SIZE;
    int sigLen = ByteBuffer.wrap(file).getInt(structAt + 8);
    if (sigLen <= 0 || sigLen > structAt) {
      throw new IllegalArgumentException(
          "module signature length " + sigLen + " at byte " + (structAt + 8) + " is impossible");
    }
    return Optional.of(new AppendedSignature(structAt - sigLen, sigLen));
  }

  /** Whether {@code file} ends with the signature marker. */
  static boolean isSigned(byte[] file) {
    return of(file).isPresent();
  }
}
