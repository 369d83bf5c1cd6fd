package dev.rdmaforge.kmod;

import java.util.Optional;

/**
 * What kmod 30 itself does with a file this library refuses, so that a caller imitating a kmod
 * tool can print the same thing. For example {@code depmod} logs {@code "failed to load symbols
 * from <path>: Exec format error"} for {@link #ENOEXEC} and keeps going.
 */
public enum KmodOutcome {
  /** libkmod fails with {@code ENOEXEC}: no ELF magic, or too short to hold an ELF ident. */
  ENOEXEC(8, "Exec format error"),
  /** libkmod fails with {@code EINVAL}: a malformed ELF header or section table, bad compression. */
  EINVAL(22, "Invalid argument"),
  /**
   * kmod 30 (built with assertions, as Debian's is) aborts the whole process on an {@code
   * assert()} in libkmod-elf.c, for example when {@code e_shstrndx} is 0.
   */
  ABORT(0, null),
  /** kmod would read the file but this library cannot (an image larger than 2 GiB). */
  ACCEPTED(0, null);

  private final int errno;
  private final String strerror;

  KmodOutcome(int errno, String strerror) {
    this.errno = errno;
    this.strerror = strerror;
  }

  /** The positive errno value libkmod returns negated, or 0 when it returns none. */
  public int errno() {
    return errno;
  }

  /** glibc's {@code strerror()} text for {@link #errno()}, e.g. "Invalid argument", if any. */
  public Optional<String> strerror() {
    return Optional.ofNullable(strerror);
  }
}
