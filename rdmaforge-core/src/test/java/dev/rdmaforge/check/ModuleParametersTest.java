package dev.rdmaforge.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rdmaforge.check.ModuleParameters.Complaint;
import dev.rdmaforge.check.ModuleParameters.Problem;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ModuleParametersTest {
  /** mlx4_core's parameters as its .modinfo declares them (a subset). */
  private static final List<String> MLX4_CORE =
      List.of("debug_level:int", "msi_x:int", "num_vfs:array of byte", "port_type_array:array of"
          + " int", "enable_64b_cqe_eqe:bool", "log_num_mgm_entry_size:int", "log_mtts_per_seg:int",
          "fw_dir:charp");

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "debug_level=1 |",
      "debug_level=0x1f |",
      "debug_level=-1 |",
      "debug_level=+7 |",
      "debug_level=010 |",
      "debug-level=1 |",
      "num_vfs=4,4,0 |",
      "port_type_array=2,2 |",
      "enable_64b_cqe_eqe |",
      "enable_64b_cqe_eqe=N |",
      "enable_64b_cqe_eqe=on |",
      "debug_level=one | INVALID",
      "debug_level=4294967296 | INVALID",
      "debug_level= | INVALID",
      "debug_level | INVALID",
      "num_vfs=256 | INVALID",
      "num_vfs=4,,4 | INVALID",
      "enable_64b_cqe_eqe=maybe | INVALID",
      "log_mtts_per_seg=08 | INVALID",
      "lgo_num_mtt=20 | UNKNOWN",
  })
  @DisplayName("an mlx4_core options line, each word as the kernel's setters take it")
  void check_mlx4CoreOptions(String options, Problem expected) {
    List<Complaint> complaints = ModuleParameters.check(options.strip(), MLX4_CORE);

    if (expected == null) {
      assertThat(complaints).isEmpty();
    } else {
      assertThat(complaints).singleElement().extracting(Complaint::problem).isEqualTo(expected);
    }
  }

  @Test
  @DisplayName("every bad word is named, in order, in the kernel's own words")
  void check_severalWords_kernelMessages() {
    List<Complaint> complaints =
        ModuleParameters.check("msi_x=x typo=1 fw_dir=/lib/firmware ", MLX4_CORE);

    assertThat(complaints).extracting(Complaint::kernelMessage).containsExactly(
        "`x' invalid for parameter `msi_x'", "unknown parameter 'typo' ignored");
    assertThat(complaints).extracting(Complaint::fatal).containsExactly(true, false);
  }

  @Test
  @DisplayName("next_arg: double quotes group a value with spaces and are dropped; -- stops")
  void words_quotesAndDashes() {
    List<String[]> words = ModuleParameters.words("a=1  b=\"x y\" \"c=z w\" d -- e=2");

    assertThat(words).extracting(w -> w[0] + "|" + w[1])
        .containsExactly("a|1", "b|x y", "c|z w", "d|null", "--|null", "e|2");
    assertThat(ModuleParameters.check("-- debug_level=x", MLX4_CORE)).isEmpty();
  }

  @Test
  @DisplayName("a charp longer than 1024 bytes is too large (-ENOSPC)")
  void check_longCharp_tooLarge() {
    String options = "fw_dir=" + "a".repeat(1025);

    assertThat(ModuleParameters.check(options, MLX4_CORE)).singleElement()
        .extracting(Complaint::problem).isEqualTo(Problem.TOO_LARGE);
  }

  @Test
  @DisplayName("types of the module's own (module_param_cb) and strings are not second-guessed")
  void check_customTypes_accepted() {
    assertThat(ModuleParameters.check("mode=fancy name=whatever",
        List.of("mode:custom_mode_t", "name:string"))).isEmpty();
  }
}
