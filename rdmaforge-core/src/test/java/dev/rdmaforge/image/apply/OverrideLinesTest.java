package dev.rdmaforge.image.apply;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The override line for a stack module another vendor's copy out-ranks (seed 004). */
class OverrideLinesTest {
  @Test
  void oneLinePerLosingName_namingTheStacksDirectory() {
    Map<String, String> stack = Map.of("ofa_core", "updates/ofa-like/ofa_core.ko",
        "knem_like", "knem_like.ko");
    assertThat(OverrideLines.lines(Map.of("ofa_core", "extra/vendor/ofa_core.ko",
        "knem_like", "extra/knem_like.ko"), stack, "6.1.0-56-amd64")).containsExactly(
        "override knem_like 6.1.0-56-amd64 .",
        "override ofa_core 6.1.0-56-amd64 updates/ofa-like");
  }
}
