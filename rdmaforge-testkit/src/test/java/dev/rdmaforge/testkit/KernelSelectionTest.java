package dev.rdmaforge.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class KernelSelectionTest {

  /** The bookworm archive as of 2026-11 (kernel-modules.md §5), plus variants to ignore. */
  private static final List<String> BOOKWORM =
      List.of(
          "linux-image-6.1.0-47-amd64",
          "linux-image-6.1.0-48-amd64",
          "linux-image-6.1.0-49-amd64",
          "linux-image-6.1.0-50-amd64",
          "linux-image-6.1.0-56-amd64",
          "linux-image-6.1.0-56-amd64-unsigned",
          "linux-image-6.1.0-56-cloud-amd64",
          "linux-headers-6.1.0-47-amd64",
          "linux-headers-6.1.0-50-amd64",
          "linux-headers-6.1.0-56-amd64",
          "linux-headers-6.1.0-56-rt-amd64",
          "linux-image-6.12.100+deb12-amd64",
          "linux-image-6.12.107+deb12-amd64",
          "linux-image-6.12.117+deb12-amd64",
          "linux-headers-6.12.107+deb12-amd64",
          "linux-headers-6.12.111+deb12-amd64");

  @Test
  @DisplayName("bookworm: 47 and 56 have image and headers; 6.12.107 is the newest with both")
  void choose_bookwormArchive_picksOldestNewestAndA612WithHeaders() {
    KernelSelection selection = KernelSelection.choose(BOOKWORM);

    assertThat(selection.oldest61()).isEqualTo("6.1.0-47-amd64");
    assertThat(selection.newest61()).isEqualTo("6.1.0-56-amd64");
    assertThat(selection.series612()).isEqualTo("6.12.107+deb12-amd64");
    assertThat(selection.withHeaders())
        .containsExactlyInAnyOrder("6.1.0-47-amd64", "6.1.0-56-amd64", "6.12.107+deb12-amd64");
  }

  @Test
  @DisplayName("ABIs compare as numbers: -9 is older than -10")
  void choose_abiNumbersOfDifferentWidth_comparesNumerically() {
    KernelSelection selection =
        KernelSelection.choose(
            List.of(
                "linux-image-6.1.0-9-amd64",
                "linux-headers-6.1.0-9-amd64",
                "linux-image-6.1.0-10-amd64",
                "linux-headers-6.1.0-10-amd64",
                "linux-image-6.12.9+deb12-amd64",
                "linux-image-6.12.10+deb12-amd64"));

    assertThat(selection.oldest61()).isEqualTo("6.1.0-9-amd64");
    assertThat(selection.newest61()).isEqualTo("6.1.0-10-amd64");
    assertThat(selection.series612())
        .as("no 6.12 headers: newest image")
        .isEqualTo("6.12.10+deb12-amd64");
    assertThat(selection.withHeaders()).doesNotContain("6.12.10+deb12-amd64");
  }

  @Test
  @DisplayName("an image whose headers left the archive is not chosen")
  void choose_imageWithoutHeaders_isSkipped() {
    KernelSelection selection = KernelSelection.choose(BOOKWORM);

    assertThat(selection.releases()).doesNotContain("6.1.0-48-amd64", "6.1.0-49-amd64");
  }

  @Test
  @DisplayName("a machine whose apt lists were never updated knows no kernels")
  void choose_noKernels_explainsWhatToDo() {
    assertThatThrownBy(() -> KernelSelection.choose(List.of("kmod", "linux-base")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("apt-get update");
  }
}
