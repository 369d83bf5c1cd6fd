package dev.rdmaforge.build.store;

import java.io.IOException;
import java.nio.file.Path;

/** Makes an entry's content: writes files into an empty directory the store gives it. */
@FunctionalInterface
public interface EntryProducer {
  /** Writes the entry's files into {@code dir} (empty, inside the store's temporary area). */
  void produce(Path dir) throws IOException;
}
