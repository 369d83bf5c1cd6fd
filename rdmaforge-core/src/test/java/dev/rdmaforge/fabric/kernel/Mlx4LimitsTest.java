package dev.rdmaforge.fabric.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** mlx4_core's __mlx4_init_one and mlx4_verify_params checks (Linux 6.1 main.c). */
class Mlx4LimitsTest {

  @Test
  void vfProblems_seed004Options_accepted() {
    // options mlx4_core port_type_array=1,1 num_vfs=16 probe_vf=0
    assertThat(Mlx4Limits.vfProblems(List.of(16), List.of(0))).isEmpty();
  }

  @Test
  void vfProblems_singleValueAbove64_failsOnPort1() {
    // one value = dual-port VFs, which count against both ports' 64
    assertThat(Mlx4Limits.vfProblems(List.of(65), List.of()))
        .containsExactly("Requested more VF's (65) for port (1) than allowed by driver (64)");
  }

  @Test
  void vfProblems_threeValuesOver126_failsOnTotal() {
    assertThat(Mlx4Limits.vfProblems(List.of(60, 60, 10), List.of()))
        .containsExactly("Requested more VF's (130) than allowed by hw (126)");
  }

  @Test
  void vfProblems_perPortWithDual_countsDualOnBothPorts() {
    assertThat(Mlx4Limits.vfProblems(List.of(10, 60, 5), List.of()))
        .containsExactly("Requested more VF's (65) for port (2) than allowed by driver (64)");
  }

  @Test
  void vfProblems_probeAboveNumVfsInThreeValueForm_refused() {
    assertThat(Mlx4Limits.vfProblems(List.of(4, 4, 4), List.of(1, 5, 0)))
        .containsExactly("probe_vf module parameter cannot be negative or greater than num_vfs");
  }

  @Test
  void vfProblems_singleProbeAboveNumVfs_notCheckedByTheDriver() {
    // the driver compares slot 0 while the single value went to slot 2
    assertThat(Mlx4Limits.vfProblems(List.of(4), List.of(8))).isEmpty();
  }

  @Test
  void portTypeProblems_valuesAndTheAutoIbSwitch() {
    assertThat(Mlx4Limits.portTypeProblems(List.of(1, 1))).isEmpty();
    assertThat(Mlx4Limits.portTypeProblems(List.of(1, 3))).singleElement()
        .asString().startsWith("port 2 type 3 is none of");
    assertThat(Mlx4Limits.portTypeProblems(List.of(0, 1))).singleElement()
        .asString().contains("Switching to default configuration IB/IB");
  }
}
