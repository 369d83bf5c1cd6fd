package dev.rdmaforge.kernel;

import dev.rdmaforge.kernel.keys.KernelImage;
import dev.rdmaforge.report.UserInputException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The symbols the kernel image itself exports, read from a decompressed {@code vmlinux} (a Debian
 * kernel package ships no Module.symvers): the {@code __ksymtab} and {@code __ksymtab_gpl}
 * sections give the names (and namespaces), {@code __kcrctab} and {@code __kcrctab_gpl} the CRCs in
 * the same order, as the kernel's own {@code find_symbol} pairs them. The bzImage payload is
 * stripped of its symbol table but keeps its section headers, which is all this needs.
 *
 * <p>On x86-64 each ksymtab entry is three 32-bit offsets relative to the field itself
 * (CONFIG_HAVE_ARCH_PREL32_RELOCATIONS: value, name, namespace); kernels without it store three
 * absolute 64-bit addresses. The entry size tells them apart.
 */
public final class VmlinuxExports {
  private final ByteBuffer elf;
  private final String name;
  private final Map<String, long[]> sections = new LinkedHashMap<>(); // name -> {addr, off, size}
  private final long[][] allocated;

  private VmlinuxExports(ByteBuffer elf, String name) {
    this.elf = elf.order(ByteOrder.LITTLE_ENDIAN);
    this.name = name;
    if (elf.limit() < 64 || elf.getInt(0) != 0x464c457f || elf.get(4) != 2 || elf.get(5) != 1) {
      throw new UserInputException(name + ": byte 0: the kernel payload is not a 64-bit"
          + " little-endian ELF vmlinux; give an x86-64 kernel package");
    }
    long shoff = elf.getLong(0x28);
    int shentsize = Short.toUnsignedInt(elf.getShort(0x3a));
    int shnum = Short.toUnsignedInt(elf.getShort(0x3c));
    int shstrndx = Short.toUnsignedInt(elf.getShort(0x3e));
    if (shoff <= 0 || shentsize < 64 || shstrndx >= shnum
        || shoff + (long) shnum * shentsize > elf.limit()) {
      throw new UserInputException(name + ": byte 40: the vmlinux has no usable section headers;"
          + " give the kernel's Module.symvers instead");
    }
    long strOff = elf.getLong((int) (shoff + (long) shstrndx * shentsize) + 0x18);
    allocated = new long[shnum][];
    for (int i = 0; i < shnum; i++) {
      int h = (int) (shoff + (long) i * shentsize);
      String sectionName = cString((int) (strOff + Integer.toUnsignedLong(elf.getInt(h))));
      long flags = elf.getLong(h + 0x08);
      long addr = elf.getLong(h + 0x10);
      long off = elf.getLong(h + 0x18);
      long size = elf.getLong(h + 0x20);
      int type = elf.getInt(h + 4);
      long[] info = {addr, off, size};
      sections.putIfAbsent(sectionName, info);
      // SHT_NOBITS (8) has no bytes in the file; SHF_ALLOC (2) sections are mapped at addr.
      allocated[i] = (flags & 2) != 0 && type != 8 ? info : null;
    }
  }

  /** Every export of the image, by name, as Module.symvers would list them with {@code vmlinux}. */
  public static Map<String, KernelExport> read(KernelImage image) {
    VmlinuxExports reader = new VmlinuxExports(image.bytes(), image.file().toString());
    Map<String, KernelExport> exports = new LinkedHashMap<>(16_384);
    reader.table("__ksymtab", "__kcrctab", false, exports);
    reader.table("__ksymtab_gpl", "__kcrctab_gpl", true, exports);
    if (exports.isEmpty()) {
      throw new UserInputException(image.file() + ": the kernel image has no __ksymtab section;"
          + " give the kernel's Module.symvers instead");
    }
    return exports;
  }

  private void table(String ksymtab, String kcrctab, boolean gpl, Map<String, KernelExport> out) {
    long[] syms = sections.get(ksymtab);
    if (syms == null || syms[2] == 0) {
      return;
    }
    long[] crcs = sections.get(kcrctab);
    long count = crcs == null ? syms[2] / 12 : crcs[2] / 4;
    if (count == 0) {
      return;
    }
    long entry = syms[2] / count;
    if ((entry != 12 && entry != 24) || entry * count != syms[2]) {
      throw new UserInputException(name + ": byte " + syms[1] + ": " + ksymtab + " holds "
          + syms[2] + " bytes for " + count + " CRCs, no known entry layout; give the kernel's"
          + " Module.symvers instead (RELEASE=FILE)");
    }
    for (long i = 0; i < count; i++) {
      long at = syms[1] + i * entry;
      long addr = syms[0] + i * entry;
      long nameAddr;
      long nsAddr;
      if (entry == 12) {
        nameAddr = addr + 4 + elf.getInt((int) at + 4);
        nsAddr = addr + 8 + elf.getInt((int) at + 8);
      } else {
        nameAddr = elf.getLong((int) at + 8);
        nsAddr = elf.getLong((int) at + 16);
      }
      String symbol = stringAt(nameAddr);
      String namespace = nsAddr == 0 ? "" : stringAt(nsAddr);
      long crc = crcs == null ? 0 : Integer.toUnsignedLong(elf.getInt((int) (crcs[1] + i * 4)));
      out.put(symbol, new KernelExport(symbol, crc, "vmlinux", gpl, namespace));
    }
  }

  private String stringAt(long address) {
    for (long[] s : allocated) {
      if (s != null && Long.compareUnsigned(address, s[0]) >= 0
          && Long.compareUnsigned(address, s[0] + s[2]) < 0) {
        return cString((int) (s[1] + (address - s[0])));
      }
    }
    throw new UserInputException(name + ": a ksymtab entry points at address 0x"
        + Long.toHexString(address) + ", outside every section of the image; give the kernel's"
        + " Module.symvers instead (RELEASE=FILE)");
  }

  private String cString(int offset) {
    int end = offset;
    while (end < elf.limit() && elf.get(end) != 0) {
      end++;
    }
    byte[] bytes = new byte[end - offset];
    elf.get(offset, bytes);
    return new String(bytes, StandardCharsets.ISO_8859_1);
  }
}
