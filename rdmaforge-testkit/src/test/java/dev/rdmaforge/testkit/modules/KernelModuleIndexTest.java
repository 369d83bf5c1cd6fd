package dev.rdmaforge.testkit.modules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class KernelModuleIndexTest {

  /** The shape of `depmod -n` output: modules.dep, then aliases, softdeps, symbols. */
  private static final String DEPMOD_N =
      String.join(
          "\n",
          "kernel/drivers/infiniband/hw/mlx5/mlx5_ib.ko: kernel/drivers/net/mlx5_core.ko"
              + " kernel/drivers/infiniband/core/ib_uverbs.ko"
              + " kernel/drivers/infiniband/core/ib_core.ko",
          "kernel/drivers/net/mlx5_core.ko: kernel/drivers/net/mlxfw.ko",
          "kernel/drivers/net/mlxfw.ko:",
          "kernel/drivers/infiniband/core/ib_uverbs.ko: kernel/drivers/infiniband/core/ib_core.ko",
          "kernel/drivers/infiniband/core/ib_core.ko:",
          "kernel/crypto/crc32c-intel.ko:",
          "kernel/lib/libcrc32c.ko:",
          "# Aliases extracted from modules themselves.",
          "alias pci:v000015B3d00001017sv*sd*bc*sc*i* mlx5_core",
          "# Soft dependencies extracted from modules themselves.",
          "softdep libcrc32c pre: crc32c_intel",
          "softdep mlx5_core pre: libcrc32c missing_module post: crc32c-intel",
          "# Aliases for symbols, used by symbol_request().",
          "alias symbol:ib_register_client ib_core",
          "");

  @Test
  @DisplayName("mlx5_ib's closure: its modules.dep line, then soft dependencies and theirs")
  void closure_mlx5Stack_dependenciesAndSoftdeps() {
    KernelModuleIndex index = KernelModuleIndex.parse(DEPMOD_N);

    assertThat(index.closure("kernel/drivers/infiniband/hw/mlx5/mlx5_ib.ko"))
        .containsExactly(
            "kernel/drivers/infiniband/hw/mlx5/mlx5_ib.ko",
            "kernel/drivers/net/mlx5_core.ko",
            "kernel/drivers/net/mlxfw.ko",
            "kernel/lib/libcrc32c.ko",
            "kernel/crypto/crc32c-intel.ko",
            "kernel/drivers/infiniband/core/ib_uverbs.ko",
            "kernel/drivers/infiniband/core/ib_core.ko");
  }

  @Test
  @DisplayName("a module without dependencies is its own closure; an unknown one is refused")
  void closure_leafAndUnknown() {
    KernelModuleIndex index = KernelModuleIndex.parse(DEPMOD_N);

    assertThat(index.closure("kernel/drivers/infiniband/core/ib_core.ko"))
        .containsExactly("kernel/drivers/infiniband/core/ib_core.ko");
    assertThatThrownBy(() -> index.closure("kernel/nope.ko"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("kernel/nope.ko");
  }

  @Test
  @DisplayName("names match with dashes or underscores, as modprobe's do; aliases are not modules")
  void pathOf_dashesAndUnderscores() {
    KernelModuleIndex index = KernelModuleIndex.parse(DEPMOD_N);

    assertThat(index.pathOf("crc32c_intel")).hasValue("kernel/crypto/crc32c-intel.ko");
    assertThat(index.pathOf("crc32c-intel")).hasValue("kernel/crypto/crc32c-intel.ko");
    assertThat(index.pathOf("pci:v000015B3d00001017sv*sd*bc*sc*i* mlx5_core")).isEmpty();
  }
}
