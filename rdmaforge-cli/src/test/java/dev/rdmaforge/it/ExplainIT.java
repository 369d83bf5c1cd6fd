package dev.rdmaforge.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rdmaforge.testkit.DebianKernel;
import dev.rdmaforge.testkit.DebianKernels;
import dev.rdmaforge.testkit.ProcessResult;
import dev.rdmaforge.testkit.Rdmaforge;
import dev.rdmaforge.testkit.RealDepmod;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code rdmaforge explain} on the LANL layout (seed 003): Intel's ifs-kernel-updates copies in
 * updates/, MLNX OFED's under extra/mlnx-ofa_kernel/..., and an override line that says extras/.
 * The winner explain names must be the file the real depmod puts in modules.dep.
 */
class ExplainIT {
  private static final String IB = "kernel/drivers/infiniband/core/";
  private static final String MLNX = "extra/mlnx-ofa_kernel/drivers/infiniband/core";

  @TempDir Path work;

  private Path image(String overrideDir) throws Exception {
    DebianKernel k = DebianKernels.newest61();
    Path root = work.resolve("root-" + overrideDir.replace('/', '_'));
    Path mods = root.resolve("lib/modules/" + k.release());
    Files.createDirectories(mods.resolve(IB));
    Files.createDirectories(mods.resolve("updates"));
    Files.createDirectories(mods.resolve(MLNX));
    for (String m : List.of("ib_core", "ib_uverbs")) {
      Path src = k.module(IB + m + ".ko");
      Files.copy(src, mods.resolve(IB + m + ".ko"));
      Files.copy(src, mods.resolve("updates/" + m + ".ko"));
      Files.copy(src, mods.resolve(MLNX + "/" + m + ".ko"));
    }
    for (String f : List.of("modules.builtin", "modules.builtin.modinfo", "modules.order")) {
      Files.copy(k.modulesDir().resolve(f), mods.resolve(f));
    }
    Files.createDirectories(root.resolve("etc/depmod.d"));
    Files.writeString(root.resolve("etc/depmod.d/zz01-mlnx-ofa_kernel.conf"),
        "override ib_core * " + overrideDir + "\noverride ib_uverbs * " + overrideDir + "\n");
    return root;
  }

  private static String realWinner(Path root, String release, String module) throws Exception {
    Path conf = root.resolve("etc/depmod.d");
    ProcessResult r = RealDepmod.run("-a", "-b", root.toString(), "-C", conf.toString(), release);
    assertThat(r.exitCode()).as(r.describe()).isZero();
    for (String line : Files.readAllLines(root.resolve("lib/modules/" + release + "/modules.dep"))) {
      String path = line.substring(0, line.indexOf(':'));
      if (path.endsWith("/" + module + ".ko")) {
        return path;
      }
    }
    throw new AssertionError(module + " not in the real modules.dep");
  }

  private static JsonNode explain(Path root, String release) {
    ProcessResult r = Rdmaforge.run("explain", "--json", "--root", root.toString(), release,
        "ib_core", "ib_uverbs");
    assertThat(r.exitCode()).as(r.describe()).isZero();
    return JsonMapper.builder().build().readTree(r.stdout());
  }

  @Test
  @DisplayName("LANL: the extras/ override matches nothing, Intel's updates/ copy wins, and explain says so")
  void explain_wrongOverrideDirectory() throws Exception {
    String release = DebianKernels.newest61().release();
    Path root = image("extras/mlnx-ofa_kernel/drivers/infiniband/core");
    JsonNode doc = explain(root, release);
    assertThat(doc.get("schema").asInt()).isEqualTo(1);
    JsonNode ib = doc.get("modules").get(0);
    assertThat(ib.get("winner").get("path").asString())
        .isEqualTo(realWinner(root, release, "ib_core"))
        .isEqualTo("updates/ib_core.ko");
    assertThat(ib.get("decidedBy").get("kind").asString()).isEqualTo("search");
    assertThat(ib.get("candidates")).hasSize(3);
    assertThat(ib.get("notes").get(0).asString()).contains("has no effect");
    assertThat(doc.get("modules").get(1).get("loadOrder").get(0).asString())
        .isEqualTo("updates/ib_core.ko");
  }

  @Test
  @DisplayName("With the directory fixed, the override line (file:line) makes the MLNX copy win")
  void explain_fixedOverride() throws Exception {
    String release = DebianKernels.newest61().release();
    Path root = image(MLNX);
    JsonNode ib = explain(root, release).get("modules").get(0);
    assertThat(ib.get("winner").get("path").asString())
        .isEqualTo(realWinner(root, release, "ib_core"))
        .isEqualTo(MLNX + "/ib_core.ko");
    assertThat(ib.get("decidedBy").get("kind").asString()).isEqualTo("override");
    assertThat(ib.get("decidedBy").get("origin").asString())
        .isEqualTo("/etc/depmod.d/zz01-mlnx-ofa_kernel.conf:1");
    assertThat(ib.get("notes")).isEmpty();
  }
}
