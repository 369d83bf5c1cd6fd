package dev.rdmaforge.testkit.modules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rdmaforge.testkit.modules.TestModule.BuildDir;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModuleSourcesTest {

  @TempDir Path dir;

  @Test
  @DisplayName("every test module has its C source, with a license (a module without one taints)")
  void source_everyModule_hasLicense() {
    for (TestModule module : TestModule.values()) {
      assertThat(ModuleSources.source(module)).as(module.source()).contains("MODULE_LICENSE(\"");
    }
    assertThat(ModuleSources.source(TestModule.PROPRIETARY))
        .contains("MODULE_LICENSE(\"Proprietary\")");
    assertThat(ModuleSources.source(TestModule.SOFTDEP_USER))
        .contains("MODULE_SOFTDEP(\"pre: provider\")");
    assertThat(ModuleSources.source(TestModule.FIRMWARE_USER))
        .contains("MODULE_FIRMWARE(\"rdmaforge-test/fw.bin\")");
  }

  @Test
  @DisplayName("one Kbuild per directory: two providers may not meet in one modpost run")
  void kbuild_perDirectory_namesItsModulesOnly() {
    assertThat(ModuleSources.kbuild(BuildDir.V1))
        .isEqualTo(
            "obj-m := provider.o consumer.o middle.o top.o plain.o softdep_user.o fw_user.o"
                + " ib_client.o\n");
    assertThat(ModuleSources.kbuild(BuildDir.V2)).isEqualTo("obj-m := provider.o consumer.o\n");
    assertThat(ModuleSources.kbuild(BuildDir.GPL_CHECK))
        .isEqualTo("obj-m := provider.o proprietary.o\n");
  }

  @Test
  @DisplayName("the build tree written for make: Kbuild and NAME.c in each directory")
  void writeTo_buildTree_hasKbuildAndSources() throws Exception {
    ModuleSources.writeTo(dir);

    assertThat(dir.resolve("v2/provider.c"))
        .content(StandardCharsets.UTF_8)
        .contains("long provider_fn(long a, long b)");
    assertThat(dir.resolve("gpl-check/provider.c"))
        .content(StandardCharsets.UTF_8)
        .contains("EXPORT_SYMBOL(provider_gpl_fn)");
    try (var files = Files.walk(dir)) {
      assertThat(files.filter(Files::isRegularFile).count())
          .isEqualTo(TestModule.values().length + BuildDir.values().length);
    }
  }

  @Test
  @DisplayName("the cache key follows the kernel's Module.symvers and nothing random")
  void cacheKey_dependsOnSymvers() {
    byte[] symvers47 = "0x160c03af\tmodule_layout\tvmlinux\tEXPORT_SYMBOL\t\n".getBytes();
    byte[] symvers56 = "0x9060323f\tmodule_layout\tvmlinux\tEXPORT_SYMBOL\t\n".getBytes();

    String key = ModuleSources.cacheKey(symvers47);

    assertThat(key).hasSize(16).isEqualTo(ModuleSources.cacheKey(symvers47.clone()));
    assertThat(ModuleSources.cacheKey(symvers56)).isNotEqualTo(key);
  }

  @Test
  @DisplayName("the files a build is keyed on cover every source and Kbuild")
  void files_coverEverything() {
    Map<String, String> files = ModuleSources.files();

    assertThat(files)
        .containsKeys("v1/Kbuild", "v1/provider.c", "v2/consumer.c", "gpl-check/proprietary.c");
    assertThat(files).hasSize(TestModule.values().length + BuildDir.values().length);
  }
}
