package dev.rdmaforge.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rdmaforge.report.UserInputException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SymversFileTest {
  private static final String DEBIAN_61 =
      "0x9060323f\tmodule_layout\tvmlinux\tEXPORT_SYMBOL\t\n"
          + "0xe2ffcd05\tib_register_client\tdrivers/infiniband/core/ib_core\tEXPORT_SYMBOL\t\n"
          + "0x1a2b3c4d\tcxl_driver_register\tdrivers/cxl/core/cxl_core\tEXPORT_SYMBOL_GPL\tCXL\n"
          + "0x00000001\tpci_enable_sriov\tvmlinux\tEXPORT_SYMBOL_GPL\t\n";

  @Test
  @DisplayName("Debian 6.1 headers' Module.symvers: CRC, module, GPL flag and namespace")
  void debianLines() {
    Map<String, KernelExport> e = SymversFile.parse("Module.symvers", DEBIAN_61);

    assertThat(e.get("module_layout")).isEqualTo(
        new KernelExport("module_layout", 0x9060323fL, "vmlinux", false, ""));
    assertThat(e.get("cxl_driver_register").namespace()).isEqualTo("CXL");
    assertThat(e.get("cxl_driver_register").gplOnly()).isTrue();
    assertThat(e.get("pci_enable_sriov").inVmlinux()).isTrue();
    assertThat(e.get("ib_register_client").inVmlinux()).isFalse();
  }

  @Test
  @DisplayName("RHEL 7's order (type last, no namespace) and a gzip'd symvers-KVER.gz")
  void rhelGzip(@TempDir Path dir) throws Exception {
    String rhel7 = "0x2b8c1e9d\tib_register_client\tdrivers/infiniband/core/ib_core\tEXPORT_SYMBOL\n";
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
      gz.write(rhel7.getBytes(StandardCharsets.US_ASCII));
    }
    Path file = dir.resolve("symvers-3.10.0-1160.el7.x86_64.gz");
    Files.write(file, bytes.toByteArray());

    assertThat(SymversFile.read(file).get("ib_register_client").crc()).isEqualTo(0x2b8c1e9dL);
  }

  @Test
  @DisplayName("a bad CRC names file:line:column")
  void badLine() {
    assertThatThrownBy(() -> SymversFile.parse("Module.symvers", DEBIAN_61 + "zz\tx\tvmlinux\n"))
        .isInstanceOf(UserInputException.class)
        .hasMessageStartingWith("Module.symvers:5:1: expected a CRC");
  }

  @Test
  @DisplayName("Odd but accepted lines (CRLF endings, extra fields, a signed CRC, no type) read"
      + " as modpost's fields say, whichever way the line is read")
  void oddLines() {
    String text = "0x0000001f\ta\tvmlinux\tEXPORT_SYMBOL_GPL\tNS\r\n"
        + "0x2\tb\tdrivers/x\tEXPORT_SYMBOL\tNS\textra\n"
        + "0x+1f\tc\tvmlinux\tEXPORT_SYMBOL\n"
        + "0x3\td\tvmlinux\n"
        + "0x4\te\tvmlinux\t\tEXPORT_SYMBOL_GPL\n"
        + "   \t \n"
        + "0xffffffffffffffff\tf\tvmlinux\tEXPORT_SYMBOL\t\n"
        + "0x5 g vmlinux EXPORT_SYMBOL_GPL\n";

    Map<String, KernelExport> e = SymversFile.parse("Module.symvers", text);

    assertThat(e.values()).containsExactly(
        new KernelExport("a", 0x1fL, "vmlinux", true, "NS\r"),
        new KernelExport("b", 2L, "drivers/x", false, "extra"),
        new KernelExport("c", 0x1fL, "vmlinux", false, ""),
        new KernelExport("d", 3L, "vmlinux", false, ""),
        new KernelExport("e", 4L, "vmlinux", true, ""),
        new KernelExport("f", -1L, "vmlinux", false, ""),
        new KernelExport("g", 5L, "vmlinux", true, ""));
  }
}
