package dev.rdmaforge.testkit.judge;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The letters of {@code /sys/module/M/taint} in the vocabulary of {@code rdmaforge check}. */
final class TaintLetters {

  private static final Map<Character, String> NAMES =
      Map.of(
          'E', "unsigned",
          'O', "out-of-tree",
          'C', "staging",
          'P', "proprietary",
          'F', "forced",
          'N', "test");

  private TaintLetters() {}

  /** {@code "OE"} is {@code [out-of-tree, unsigned]}: sorted, unknown letters kept as letters. */
  static List<String> names(String letters) {
    List<String> names = new ArrayList<>();
    for (char letter : letters.strip().toCharArray()) {
      names.add(NAMES.getOrDefault(letter, String.valueOf(letter)));
    }
    names.sort(null);
    return names;
  }
}
