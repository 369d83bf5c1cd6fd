package dev.rdmaforge.modprobe;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * fnmatch as kmod calls it for modprobe.d patterns ({@code alias mlx* mlx5_ib}, {@code install
 * mlx5_* ...}) and the wildcard keys of modules.alias ({@code pci:v000015B3d0000101[357]sv*...}).
 * Every expectation was produced by glibc 2.36's own {@code fnmatch(p, s, 0)} (Debian 12, called
 * through Python's ctypes), including its quirks with unterminated brackets and class names.
 */
class FnmatchTest {

  static Stream<Arguments> glibcCases() {
    return Stream.of(
        Arguments.of("a*", "abc", true),
        Arguments.of("[ab", "[ab", true),
        Arguments.of("[ab", "a", false),
        Arguments.of("[!a]", "b", true),
        Arguments.of("[^a]", "a", false),
        Arguments.of("[]]", "]", true),
        Arguments.of("[]a]", "a", true),
        Arguments.of("[a-]", "-", true),
        Arguments.of("\\", "\\", false),
        Arguments.of("a\\", "a\\", false),
        Arguments.of("\\*", "*", true),
        Arguments.of("\\*", "a", false),
        Arguments.of("[[:alpha:]]", "x", true),
        Arguments.of("[[:foo:]]", "x", false),
        Arguments.of("[[:alpha:]", "x", false),
        Arguments.of("[[:digit:][:upper:]]", "Q", true),
        Arguments.of("[[:digit:]x]", "x", true),
        Arguments.of("[[:zzz:]]", "x", false),
        Arguments.of("[[:Alpha:]]", "[", false),
        Arguments.of("[[:Alpha:]]", ":", false),
        Arguments.of("[[:a]", "a", true),
        Arguments.of("*?", "a", true),
        Arguments.of("*?", "", false),
        Arguments.of("**", "", true),
        Arguments.of("?*?", "ab", true),
        Arguments.of("pci:v*d*sv*", "pci:v00d01sv02", true),
        Arguments.of(
            "pci:v000015B3d0000101[357]sv*sd*bc*sc*i*",
            "pci:v000015B3d00001017sv0sd0bc02sc00i00",
            true),
        Arguments.of("[z-a]", "m", false),
        Arguments.of("[\\]]", "]", true),
        Arguments.of("[\\", "[", false),
        Arguments.of("a[", "a[", true),
        Arguments.of("[a-c]x", "bx", true),
        Arguments.of("[a-c", "b", false),
        Arguments.of("[a-c", "[a-c", true),
        Arguments.of("?", "/", true),
        Arguments.of("*", ".x", true),
        Arguments.of("[!]]", "a", true),
        Arguments.of("[!]]", "]", false),
        Arguments.of("mlx*", "mlx5_core", true),
        Arguments.of("mlx*", "mlx", true),
        Arguments.of("mlx?", "mlx", false),
        Arguments.of("*_core", "mlx5_core", true),
        Arguments.of("[ab]*[cd]", "axxd", true),
        Arguments.of("[ab]*[cd]", "axxe", false),
        Arguments.of("a[-]b", "a-b", true),
        Arguments.of("a[-]b", "a_b", false),
        Arguments.of("x[0-9][0-9]", "x42", true),
        Arguments.of("[a-", "a", false),
        Arguments.of("[a-\\]]", "]", false),
        Arguments.of("[%--]", "+", true),
        Arguments.of("*a*b*c*", "xaxbxcx", true),
        Arguments.of("*a*b*c*", "xaxcxbx", false));
  }

  @ParameterizedTest(name = "fnmatch(\"{0}\", \"{1}\") == {2}")
  @MethodSource("glibcCases")
  void matches_likeGlibc(String pattern, String string, boolean expected) {
    assertThat(Fnmatch.matches(pattern, string)).isEqualTo(expected);
  }
}
