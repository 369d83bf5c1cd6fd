package dev.rdmaforge.testkit.modules;

import java.util.Optional;

/**
 * Breaks a signed module the way a corrupted download or a hand-patched binary does: one bit of the
 * signed ELF image changes, the signature stays. The bit is in a place nothing but the signature
 * check reads (the GNU build ID, else the {@code .comment} text), so modinfo, depmod and modprobe
 * still read the module and only the signature check can tell.
 */
final class Tampering {

  private Tampering() {}

  /**
   * Flips the lowest bit of one byte of {@code signedModule}'s ELF image, in place.
   *
   * @return the offset of the flipped byte
   * @throws IllegalArgumentException when the module is not signed or has neither section
   */
  static int flipOneByte(byte[] signedModule) {
    AppendedSignature signature =
        AppendedSignature.of(signedModule)
            .orElseThrow(
                () -> new IllegalArgumentException("the module is not signed: nothing to tamper"));
    int elfLength = signature.elfLength();
    Optional<ElfSections.Range> buildId =
        ElfSections.find(signedModule, elfLength, ".note.gnu.build-id");
    int offset;
    if (buildId.isPresent() && buildId.get().size() > 16) {
      // The last byte of the note's descriptor, the build ID hash itself.
      offset = Math.toIntExact(buildId.get().offset() + buildId.get().size() - 1);
    } else {
      ElfSections.Range comment =
          ElfSections.find(signedModule, elfLength, ".comment")
              .filter(r -> r.size() > 1)
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          "the module has neither .note.gnu.build-id nor .comment to tamper with"));
      offset = Math.toIntExact(comment.offset() + 1);
    }
    if (offset >= elfLength) {
      throw new IllegalArgumentException("section at byte " + offset + " is outside the ELF image");
    }
    signedModule[offset] ^= 1;
    return offset;
  }
}
