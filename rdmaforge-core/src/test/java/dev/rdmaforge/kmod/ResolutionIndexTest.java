package dev.rdmaforge.kmod;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rdmaforge.depmod.Depmod;
import dev.rdmaforge.depmod.DepmodOutputs;
import dev.rdmaforge.depmod.DepmodRequest;
import dev.rdmaforge.depmod.Resolution;
import dev.rdmaforge.depmod.index.IndexValue;
import dev.rdmaforge.depmod.index.KmodIndexReader;
import dev.rdmaforge.depmod.tree.TreeView;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * check's modprobe reads modules.alias.bin and modules.symbols.bin of a resolution from memory
 * ({@link DepmodOutputs#index}): it must see exactly what a reader of the written files sees.
 */
class ResolutionIndexTest {
  private static final String KVER = "6.1.0-56-amd64";

  @TempDir Path root;

  private void module(String rel, String modinfo, String... exports) throws Exception {
    TestElf elf = TestElf.module().modinfoRaw(modinfo);
    for (String e : exports) {
      elf.export(e, e.hashCode(), false);
    }
    Path file = root.resolve("lib/modules/" + KVER + "/" + rel);
    Files.createDirectories(file.getParent());
    Files.write(file, elf.build().bytes());
  }

  @Test
  @DisplayName("mlx5 and a vendor copy sharing PCI aliases, bracket and dash aliases, exports:"
      + " the in-memory indexes equal the parsed files, in order")
  void index_equalsParsedRenderedFile() throws Exception {
    module("kernel/drivers/net/mlx5_core.ko",
        "alias=pci:v000015B3d00001017sv*sd*bc*sc*i*\0alias=pci:v000015B3d0000101Dsv*sd*bc*sc*i*\0",
        "mlx5_core_create_mkey");
    module("updates/mlx5-ib.ko",
        "alias=pci:v000015B3d00001017sv*sd*bc*sc*i*\0alias=rdma-netlink-subsys-4\0",
        "mlx5_ib_query");
    module("kernel/drivers/usb/usb-storage.ko",
        "alias=usb:v*p*d*dc*dsc*dic*isc06ip50in*\0alias=block-major-[0-9]*\0alias=usb\0alias=u\0",
        "usb_stor_probe");
    Files.createDirectories(root.resolve("conf"));
    Resolution resolution = new Depmod(new ModuleReader(), 2, null).resolve(
        DepmodRequest.chroot(root, KVER).withConfigPaths(
            List.of(root.resolve("conf").toString()), TreeView.host()),
        (level, message) -> {});

    for (String name : List.of("modules.alias.bin", "modules.symbols.bin")) {
      Map<String, List<IndexValue>> parsed =
          KmodIndexReader.parse(DepmodOutputs.renderOne(resolution, name), name).entries();
      Map<String, List<IndexValue>> inMemory = DepmodOutputs.index(resolution, name);
      assertThat(inMemory).as(name).isEqualTo(parsed).isNotEmpty();
      assertThat(new ArrayList<>(inMemory.keySet())).as(name)
          .containsExactlyElementsOf(parsed.keySet());
    }
    assertThat(DepmodOutputs.index(resolution, "modules.alias.bin")
        .get("pci:v000015B3d00001017sv*sd*bc*sc*i*"))
        .extracting(IndexValue::value).containsExactlyInAnyOrder("mlx5_core", "mlx5_ib");
  }
}
