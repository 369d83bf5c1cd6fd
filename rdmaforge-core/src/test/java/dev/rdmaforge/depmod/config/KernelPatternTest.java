package dev.rdmaforge.depmod.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KernelPatternTest {
  @ParameterizedTest(name = "{0} vs {1} -> {2}")
  @CsvSource({
    "*, 6.1.0-56-amd64, true",
    "6.1.0-56-amd64, 6.1.0-56-amd64, true",
    // Not a glob: an unanchored ERE, so '3.10.0-*' matches any release containing '3.10.0'.
    "3.10.0-*, 3.10.0-327.el7.x86_64, true",
    "3.10.0-*, 4.3.10.0, true",
    "6.1.0-5.*, 6.1.0-56-amd64, true",
    "6.1.0-47-amd64, 6.1.0-56-amd64, false",
    "^6\\.1\\.0-56-amd64$, 6.1.0-56-amd64, true",
    "^6\\.1$, 6.1.0-56-amd64, false",
    "6.1.0-[0-9]+-amd64, 6.1.0-56-amd64, true",
    "6.1.0-[[:digit:]]+-cloud, 6.1.0-56-amd64, false",
    "[[:alpha:]]md64, 6.1.0-56-amd64, true",
    // regcomp fails on these, and kmod then treats the line as not matching.
    "6.1.0-[56, 6.1.0-56-amd64, false",
    "(6.1, 6.1.0-56-amd64, false",
  })
  void matches_likeRegexec(String pattern, String kver, boolean expected) {
    assertThat(KernelPattern.matches(pattern, kver)).isEqualTo(expected);
  }
}
