package dev.rdmaforge.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** kernel/params.c and lib/kstrtox.c: which values a module parameter of each type accepts. */
class ParameterTypeTest {

  @ParameterizedTest(name = "{0} = ''{1}'': accepted {2}")
  @CsvSource(delimiter = '|', value = {
    "byte|16|true", "byte|255|true", "byte|256|false", "byte|-1|false", "byte|0x10|true",
    "byte|+7|true", "byte|010|true", "byte|08|false", "byte|0x|false", "byte|''|false",
    "byte|'16 '|false", "int|-1|true", "int|2147483648|false", "int|-2147483648|true",
    "uint|-1|false", "ushort|65535|true", "short|-32769|false", "ulong|18446744073709551615|true",
    "ulong|18446744073709551616|false", "bool|Y|true", "bool|yes|true", "bool|on|true",
    "bool|of|true", "bool|o|false", "bool|true|true", "bool|maybe|false", "bool|''|false",
    "charp|anything at all|true", "custom|whatever|true"})
  void refusal_scalarValue_matchesKstrto(String type, String value, boolean accepted) {
    assertThat(new ParameterType(type).refusal("p", Optional.of(value), 0).isEmpty())
        .isEqualTo(accepted);
  }

  @ParameterizedTest(name = "array of byte, capacity 3: ''{0}'' -> {1}")
  @CsvSource(delimiter = '|', value = {
    "16|", "4,4,8|", "1,2,3,4|num_vfs: can only take 3 arguments",
    "1,,2|`1,,2' invalid for parameter `num_vfs'", "300|`300' invalid for parameter `num_vfs'",
    "1,|`1,' invalid for parameter `num_vfs'"})
  void refusal_mlx4NumVfsArray_asParamArray(String value, String message) {
    Optional<String> r = new ParameterType("array of byte").refusal("num_vfs", Optional.of(value), 3);
    assertThat(r.orElse(null)).isEqualTo(message);
  }

  @ParameterizedTest(name = "bare ''{0}'' -> accepted {1}")
  @CsvSource({"bool,true", "invbool,true", "int,false", "array of bool,false", "'',true"})
  void refusal_bareName_onlyBoolTakesNoValue(String type, boolean accepted) {
    assertThat(new ParameterType(type).refusal("p", Optional.empty(), 0).isEmpty())
        .isEqualTo(accepted);
  }
}
