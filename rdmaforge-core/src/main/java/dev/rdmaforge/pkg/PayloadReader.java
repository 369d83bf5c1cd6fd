package dev.rdmaforge.pkg;

import java.util.Optional;

/**
 * A package's payload, one entry at a time, streamed: memory stays bounded whatever the package's
 * size. Every entry is checked before it is returned (a safe path, a known type, a plausible size,
 * for RPM agreement with the header's file list), and a file's content is checked against its
 * recorded digest when it has been read to the end. Get one from {@link
 * Packages#openPayload(java.nio.file.Path)}; close it when done.
 *
 * <pre>
 * try (PayloadReader payload = Packages.openPayload(rpm)) {
 *   for (Optional&lt;PayloadEntry&gt; e = payload.next(); e.isPresent(); e = payload.next()) {
 *     if (e.get().file().path().endsWith(".ko")) {
 *       byte[] module = e.get().content().readAllBytes();
 *     }
 *   }
 * }
 * </pre>
 *
 * <p>All failures are {@link dev.rdmaforge.report.UserInputException}s naming the package, the
 * entry or byte offset, and what to do.
 */
public interface PayloadReader extends AutoCloseable {

  /**
   * The next entry, or empty after the last one (then the whole payload has been checked: RPM's
   * payload digest, and that no file of the header is missing). The previous entry's content is
   * read to its end (and so verified) first.
   */
  Optional<PayloadEntry> next();

  /** Releases the file; does not throw. */
  @Override
  void close();
}
