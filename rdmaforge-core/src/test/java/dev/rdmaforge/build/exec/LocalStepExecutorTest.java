package dev.rdmaforge.build.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which directory of an unpacked mlnx-ofa_kernel-devel becomes {provider.devel}: the one with
 * Module.symvers for the step's kernel, as lbuild's --with-o2ib=$(dirname .../ofed_scripts).
 */
class LocalStepExecutorTest {
  @TempDir Path dir;

  private void symvers(String path) throws IOException {
    Path p = dir.resolve(path);
    Files.createDirectories(p.getParent());
    Files.writeString(p, "0x1\tofa_register_client\tofa_core\tEXPORT_SYMBOL\t\n");
  }

  @Test
  void develTree_prefersTheStepsKernel() throws IOException {
    symvers("usr/src/ofa_kernel/x86_64/6.1.0-47-amd64/Module.symvers");
    symvers("usr/src/ofa_kernel/x86_64/6.1.0-56-amd64/Module.symvers");

    assertThat(LocalStepExecutor.develTree(dir, "6.1.0-56-amd64"))
        .isEqualTo(dir.resolve("usr/src/ofa_kernel/x86_64/6.1.0-56-amd64"));
    assertThat(LocalStepExecutor.develTree(dir, "6.1.0-47-amd64"))
        .isEqualTo(dir.resolve("usr/src/ofa_kernel/x86_64/6.1.0-47-amd64"));
  }

  @Test
  void develTree_otherLayout_theOneWithModuleSymvers() throws IOException {
    // MLNX_OFED 4.x: /usr/src/ofa_kernel/default without the release in the path.
    symvers("usr/src/ofa_kernel/default/Module.symvers");
    Files.createDirectories(dir.resolve("usr/src/ofa_kernel/default/include/rdma"));

    assertThat(LocalStepExecutor.develTree(dir, "6.1.0-56-amd64"))
        .isEqualTo(dir.resolve("usr/src/ofa_kernel/default"));
  }

  @Test
  void develTree_noModuleSymvers_isAnError() throws IOException {
    Files.createDirectories(dir.resolve("usr/src/ofa_kernel/include"));

    assertThatThrownBy(() -> LocalStepExecutor.develTree(dir, "6.1.0-56-amd64"))
        .isInstanceOf(IOException.class)
        .hasMessage(dir + ": the provider's devel package has no Module.symvers");
  }
}
