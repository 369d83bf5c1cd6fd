package dev.rdmaforge.testkit.modules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BuiltinModuleTest {

  @TempDir Path dir;

  @Test
  @DisplayName("Debian 6.1: rng-core is built in with parameters, so it is the one chosen")
  void choose_rngCoreBuiltIn_preferred() throws IOException {
    write(
        "kernel/drivers/pinctrl/pinctrl-amd.ko\nkernel/drivers/pci/hotplug/shpchp.ko\n"
            + "kernel/drivers/char/hw_random/rng-core.ko\nkernel/fs/ext4/ext4.ko\n",
        "shpchp.parm=shpchp_debug:Debugging mode enabled or not\0"
            + "rng_core.license=GPL\0rng_core.parm=default_quality:default entropy\0"
            + "ext4.parm=x:y\0");

    BuiltinModule builtin = BuiltinModule.choose(dir);

    assertThat(builtin).isEqualTo(new BuiltinModule(BuiltinModule.PREFERRED, "rng_core"));
  }

  @Test
  @DisplayName("a kernel that builds rng-core as a module: the first driver with parameters")
  void choose_noRngCore_firstDriverWithParameters() throws IOException {
    write(
        "kernel/fs/ext4/ext4.ko\nkernel/drivers/pinctrl/pinctrl-amd.ko\n"
            + "kernel/drivers/pci/hotplug/shpchp.ko\nkernel/drivers/input/serio/i8042.ko\n",
        "ext4.parm=x:y\0pinctrl_amd.license=GPL v2\0shpchp.parm=shpchp_debug:Debugging\0"
            + "i8042.parm=nomux:Do not check\0");

    assertThat(BuiltinModule.choose(dir))
        .isEqualTo(new BuiltinModule("kernel/drivers/pci/hotplug/shpchp.ko", "shpchp"));
  }

  @Test
  @DisplayName("no built-in driver with parameters: an error naming the file")
  void choose_none_fails() throws IOException {
    write("kernel/drivers/pinctrl/pinctrl-amd.ko\n", "pinctrl_amd.license=GPL v2\0");

    assertThatThrownBy(() -> BuiltinModule.choose(dir))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("modules.builtin");
  }

  private void write(String builtin, String modinfo) throws IOException {
    Files.writeString(dir.resolve("modules.builtin"), builtin);
    Files.writeString(dir.resolve("modules.builtin.modinfo"), modinfo);
  }
}
