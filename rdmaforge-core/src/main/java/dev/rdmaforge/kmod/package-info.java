/**
 * One kernel module file, read the way kmod 30's libkmod reads it.
 *
 * <p>{@link dev.rdmaforge.kmod.ModuleReader} opens {@code .ko}, {@code .ko.xz} and {@code .ko.zst}
 * files (compression is recognised by magic bytes, as libkmod does), validates the ELF image with
 * libkmod's rules and returns an immutable {@link dev.rdmaforge.kmod.ModuleFile}: the {@code
 * .modinfo} entries, the exported symbols with their CRCs, the symbols the module depends on, the
 * {@code __versions} table and the appended signature. Every list is in the order libkmod produces
 * it, so that a reimplementation of {@code depmod} on top of it writes the same bytes.
 *
 * <p>Strings taken from the module (modinfo values, symbol names, the signer) are decoded one byte
 * per character (ISO-8859-1): encoding them back with ISO-8859-1 gives the file's bytes exactly.
 */
package dev.rdmaforge.kmod;
