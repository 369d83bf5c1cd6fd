package dev.rdmaforge.fabric.validate;

/**
 * A file and what its parser made of it.
 *
 * @param file the input
 * @param value the parsed form
 * @param <T> the parsed type
 */
public record Parsed<T>(InputFile file, T value) {
  /** The node the file belongs to ("" if unknown). */
  public String node() {
    return file.node();
  }
}
