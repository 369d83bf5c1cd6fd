package dev.rdmaforge.depmod.index;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What depmod does for one of its builtin index files.
 *
 * <p>{@code content} is the file depmod leaves: the index bytes, or zero bytes when the input file
 * could not be opened (depmod warns and still renames its empty temporary file into place). It is
 * empty only when depmod fails on this file: it removes its temporary file, leaves any older file
 * in place, prints {@code Could not write index ...}, writes none of the files after this one
 * (modules.devname) and exits 1. {@code messages} are what depmod prints meanwhile, in order.
 *
 * @param fileName the output file's name, e.g. {@code modules.builtin.bin}
 * @param content the bytes depmod writes, or empty when it writes no file
 * @param messages depmod's diagnostics, in order
 */
public record BuiltinIndexOutput(
    String fileName, Optional<byte[]> content, List<DepmodMessage> messages) {

  /** Copies the message list. */
  public BuiltinIndexOutput {
    Objects.requireNonNull(fileName, "fileName");
    Objects.requireNonNull(content, "content");
    messages = List.copyOf(messages);
  }

  /** True when depmod fails here and stops writing further files (and exits 1). */
  public boolean failed() {
    return content.isEmpty();
  }
}
