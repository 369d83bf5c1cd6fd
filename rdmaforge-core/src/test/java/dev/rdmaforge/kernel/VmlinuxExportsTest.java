package dev.rdmaforge.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rdmaforge.kernel.keys.KernelImage;
import dev.rdmaforge.report.UserInputException;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A Debian linux-image package ships no Module.symvers: the kernel's own exports come from its
 * vmlinux's {@code __ksymtab*} and {@code __kcrctab*} sections. The fixture is a small ELF vmlinux
 * laid out as x86-64 links one (PREL32 entries: offsets relative to each field).
 */
class VmlinuxExportsTest {
  private static final long BASE = 0xffffffff82000000L;

  /** name, CRC, namespace ("" for none), GPL-only. */
  private record Sym(String name, int crc, String ns, boolean gpl) {}

  @Test
  void namesCrcsNamespacesAndGplOnlyComeFromTheSections() {
    byte[] elf = vmlinux(List.of(new Sym("_printk", 0x92997ed8, "", false),
        new Sym("module_layout", 0x9060323f, "", false),
        new Sym("ib_dummy_ns", 0x12345678, "IB_NS", true)));
    Map<String, KernelExport> exports =
        VmlinuxExports.read(KernelImage.fromBytes(Path.of("vmlinux"), elf));
    assertThat(exports).containsOnlyKeys("_printk", "module_layout", "ib_dummy_ns");
    assertThat(exports.get("module_layout").crc()).isEqualTo(0x9060323fL);
    assertThat(exports.get("module_layout").gplOnly()).isFalse();
    assertThat(exports.get("module_layout").inVmlinux()).isTrue();
    assertThat(exports.get("ib_dummy_ns").gplOnly()).isTrue();
    assertThat(exports.get("ib_dummy_ns").namespace()).isEqualTo("IB_NS");
    assertThat(exports.get("_printk").namespace()).isEmpty();
    assertThat(exports.get("_printk").crc()).isEqualTo(0x92997ed8L);
  }

  @Test
  void aVmlinuxWithoutExportsAsksForTheSymversFile() {
    byte[] elf = vmlinux(List.of());
    assertThatThrownBy(() -> VmlinuxExports.read(KernelImage.fromBytes(Path.of("vmlinux"), elf)))
        .isInstanceOf(UserInputException.class)
        .hasMessageContaining("vmlinux: the kernel image has no __ksymtab section")
        .hasMessageContaining("Module.symvers instead");
  }

  /** An ELF64 with __ksymtab, __ksymtab_gpl, __kcrctab, __kcrctab_gpl, __ksymtab_strings. */
  private static byte[] vmlinux(List<Sym> syms) {
    ByteArrayOutputStream strings = new ByteArrayOutputStream();
    strings.write(0); // offset 0: the empty namespace
    List<int[]> offsets = new ArrayList<>(); // {name, ns}
    for (Sym s : syms) {
      int ns = 0;
      if (!s.ns().isEmpty()) {
        ns = strings.size();
        strings.writeBytes((s.ns() + "\0").getBytes(StandardCharsets.US_ASCII));
      }
      offsets.add(new int[] {strings.size(), ns});
      strings.writeBytes((s.name() + "\0").getBytes(StandardCharsets.US_ASCII));
    }
    String[] names = {"", "__ksymtab", "__ksymtab_gpl", "__kcrctab", "__kcrctab_gpl",
        "__ksymtab_strings", ".shstrtab"};
    ByteArrayOutputStream shstr = new ByteArrayOutputStream();
    int[] nameOff = new int[names.length];
    for (int i = 0; i < names.length; i++) {
      nameOff[i] = shstr.size();
      shstr.writeBytes((names[i] + "\0").getBytes(StandardCharsets.US_ASCII));
    }
    List<Integer> plain = new ArrayList<>();
    List<Integer> gpl = new ArrayList<>();
    for (int i = 0; i < syms.size(); i++) {
      (syms.get(i).gpl() ? gpl : plain).add(i);
    }
    int ksym = 0x100;
    int ksymGpl = ksym + 12 * plain.size();
    int crc = ksymGpl + 12 * gpl.size();
    int crcGpl = crc + 4 * plain.size();
    int str = crcGpl + 4 * gpl.size();
    int shs = str + strings.size();
    int shoff = (shs + shstr.size() + 7) & ~7;
    ByteBuffer b = ByteBuffer.allocate(shoff + 64 * names.length).order(ByteOrder.LITTLE_ENDIAN);
    b.put(new byte[] {0x7f, 'E', 'L', 'F', 2, 1, 1});
    b.putShort(0x10, (short) 2).putShort(0x12, (short) 62).putLong(0x28, shoff)
        .putShort(0x34, (short) 64).putShort(0x3a, (short) 64)
        .putShort(0x3c, (short) names.length).putShort(0x3e, (short) 6);
    long strAddr = BASE + str;
    entries(b, ksym, crc, plain, syms, offsets, strAddr);
    entries(b, ksymGpl, crcGpl, gpl, syms, offsets, strAddr);
    b.put(str, strings.toByteArray());
    b.put(shs, shstr.toByteArray());
    int[][] sections = {{ksym, 12 * plain.size()}, {ksymGpl, 12 * gpl.size()},
        {crc, 4 * plain.size()}, {crcGpl, 4 * gpl.size()}, {str, strings.size()}};
    for (int i = 1; i < names.length; i++) {
      int h = shoff + 64 * i;
      boolean alloc = i < 6;
      b.putInt(h, nameOff[i]).putInt(h + 4, alloc ? 1 : 3).putLong(h + 8, alloc ? 2 : 0)
          .putLong(h + 0x10, alloc ? BASE + sections[i - 1][0] : 0)
          .putLong(h + 0x18, alloc ? sections[i - 1][0] : shs)
          .putLong(h + 0x20, alloc ? sections[i - 1][1] : shstr.size());
    }
    return b.array();
  }

  private static void entries(ByteBuffer b, int table, int crcs, List<Integer> which,
      List<Sym> syms, List<int[]> offsets, long strAddr) {
    for (int k = 0; k < which.size(); k++) {
      int i = which.get(k);
      long entry = BASE + table + 12L * k;
      b.putInt(table + 12 * k, 0);
      b.putInt(table + 12 * k + 4, (int) (strAddr + offsets.get(i)[0] - (entry + 4)));
      b.putInt(table + 12 * k + 8, (int) (strAddr + offsets.get(i)[1] - (entry + 8)));
      b.putInt(crcs + 4 * k, syms.get(i).crc());
    }
  }
}
