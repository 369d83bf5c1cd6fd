package dev.rdmaforge.testkit.judge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** kmod 30's {@code modprobe --show-depends} output on the 6.1.0-56 tree. */
class ShowDependsTest {

  private static final String D = "/r/lib/modules/6.1.0-56-amd64/";

  @Test
  @DisplayName("mlx5_ib with a softdep: pre-softdep before, post-softdep after the module")
  void parse_softdeps_keepsModprobeOrder() {
    String out =
        "insmod "
            + D
            + "kernel/drivers/infiniband/core/ib_core.ko \n"
            + "insmod "
            + D
            + "kernel/fs/fat/fat.ko \n"
            + "insmod "
            + D
            + "kernel/drivers/infiniband/hw/mlx5/mlx5_ib.ko prof_sel=2 \n"
            + "insmod "
            + D
            + "kernel/fs/fat/vfat.ko \n";

    ShowDepends closure = ShowDepends.parse(0, out, "");

    assertThat(closure.insmodPaths())
        .containsExactly(
            D + "kernel/drivers/infiniband/core/ib_core.ko",
            D + "kernel/fs/fat/fat.ko",
            D + "kernel/drivers/infiniband/hw/mlx5/mlx5_ib.ko",
            D + "kernel/fs/fat/vfat.ko");
    assertThat(closure.pathOf("mlx5_ib"))
        .isEqualTo(D + "kernel/drivers/infiniband/hw/mlx5/mlx5_ib.ko");
    assertThat(closure.pathOf("mlx5-ib")).isEqualTo(closure.pathOf("mlx5_ib"));
    assertThat(closure.notFound()).isFalse();
  }

  @Test
  @DisplayName("a built-in module and a missing one")
  void parse_builtinAndNotFound() {
    ShowDepends builtin = ShowDepends.parse(0, "builtin unix\n", "");
    ShowDepends missing =
        ShowDepends.parse(1, "", "modprobe: FATAL: Module mlx5_ib not found in directory " + D);

    assertThat(builtin.builtins()).containsExactly("unix");
    assertThat(builtin.pathOf("unix")).isNull();
    assertThat(missing.notFound()).isTrue();
    assertThat(missing.insmodPaths()).isEmpty();
  }

  @Test
  @DisplayName("any other failure of modprobe stops the judge")
  void parse_otherFailure_throws() {
    assertThatThrownBy(
            () -> ShowDepends.parse(1, "", "modprobe: ERROR: ../libkmod/libkmod.c:338 bad index"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("bad index");
  }
}
