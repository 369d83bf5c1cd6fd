package dev.rdmaforge.image.initramfs;

import java.io.IOException;
import java.io.InputStream;

/** Receives each entry of an initramfs as it streams past; nothing is written anywhere. */
interface EntrySink {
  /**
   * One entry. {@code content} yields exactly the entry's data ({@link CpioHeader#fileSize()}
   * bytes) and is drained by the reader afterwards, so a sink may read none, some or all of it.
   *
   * @param segment index of the segment the entry comes from
   */
  void entry(int segment, CpioHeader header, InputStream content) throws IOException;
}
