package dev.rdmaforge.pkg.repo;

import dev.rdmaforge.pkg.FileDigest;
import dev.rdmaforge.report.UserInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;

/**
 * A primary or filelists file checked against repomd.xml: its stored size and checksum before a
 * byte is parsed, its decompressed size and open-checksum once it has been read to the end.
 */
final class YumMetadataFile {
  private static final String FIX = "the repository's metadata files do not belong together (a"
      + " partial copy, or createrepo_c was interrupted): copy the repository again or rerun"
      + " createrepo_c on it";

  private YumMetadataFile() {}

  /** The file {@code data} names below {@code root}, checked and parsed by {@code parser}. */
  static <T> T read(Path root, Path repomd, RepomdData data,
      Function<SafeXml.Reader, T> parser) {
    Path file = Locations.resolve(root, data.href(), data.place());
    MetadataCompression compression = MetadataCompression.fromName(data.place(),
        file.getFileName().toString(), ".xml");
    if (!Files.isRegularFile(file)) {
      throw new UserInputException(data.place() + ": names " + data.href() + ", but " + file
          + " does not exist; " + FIX);
    }
    try {
      long size = Files.size(file);
      if (data.size().isPresent() && data.size().getAsLong() != size) {
        throw new UserInputException(data.place() + ": " + file + " has " + size + " bytes,"
            + " repomd.xml says " + data.size().getAsLong() + "; " + FIX);
      }
    } catch (IOException e) {
      throw new UserInputException(file + ": cannot be read (" + e.getMessage() + ")", e);
    }
    FileDigest actual = Digests.ofFile(file, data.checksum().algorithm());
    if (!actual.equals(data.checksum())) {
      throw new UserInputException(data.place() + ": " + file + " has checksum " + actual
          + ", repomd.xml says " + data.checksum() + "; " + FIX);
    }
    T result;
    Optional<FileDigest> open;
    long openSize;
    try (MetadataInput in = MetadataInput.open(file, compression,
        data.openChecksum().map(FileDigest::algorithm).orElse(null), data.openSize());
        SafeXml.Reader xml = SafeXml.open(file, new java.io.FilterInputStream(in) {
          @Override
          public void close() {
            // the parser closes its input at the end of the document; finish() reads on
          }
        })) {
      result = parser.apply(xml);
      open = in.finish();
      openSize = in.decompressedSize();
    } catch (IOException e) {
      throw new UserInputException(file + ": cannot be read (" + e.getMessage() + ")", e);
    }
    if (data.openSize().isPresent() && data.openSize().getAsLong() != openSize) {
      throw new UserInputException(data.place() + ": " + file + " decompresses to " + openSize
          + " bytes, repomd.xml says " + data.openSize().getAsLong() + "; " + FIX);
    }
    if (data.openChecksum().isPresent() && !open.equals(data.openChecksum())) {
      throw new UserInputException(data.place() + ": " + file + " decompresses to content with"
          + " checksum " + open.orElseThrow() + ", repomd.xml's open-checksum says "
          + data.openChecksum().get() + "; " + FIX);
    }
    return result;
  }
}
