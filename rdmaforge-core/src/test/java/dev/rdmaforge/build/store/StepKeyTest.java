package dev.rdmaforge.build.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The key of "rebuild mlnx-ofa_kernel for 6.1.0-56-amd64": documented text, stable hash. */
class StepKeyTest {
  @TempDir Path dir;

  @Test
  void build_canonicalTextIsSortedByNameAndDocumented() throws IOException {
    Path srpm = Files.writeString(dir.resolve("x.src.rpm"), "abc");
    StepKey key = StepKey.builder("rebuild")
        .label("ofa-like for 6.1.0-56-amd64")
        .tool("rpmbuild", "4.18.1")
        .string("kernel.release", "6.1.0-56-amd64")
        .file("source", srpm)
        .string("options", "--with-o2ib=/x\n\tend\\")
        .build();

    assertThat(key.canonicalText()).isEqualTo("""
        rdmaforge-step-key 1
        step rebuild
        kernel.release string 6.1.0-56-amd64
        options string --with-o2ib=/x\\n\\tend\\\\
        rpmbuild tool 4.18.1
        source file sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad
        """);
    assertThat(key.hex()).isEqualTo(StepKey.hex(StepKey.digest().digest(
        key.canonicalText().getBytes(java.nio.charset.StandardCharsets.UTF_8))));
  }

  @Test
  void build_sameInputsInAnyOrderAndAnyLabel_sameKey() {
    StepKey a = StepKey.builder("s").label("a").string("x", "1").string("y", "2").build();
    StepKey b = StepKey.builder("s").label("b").string("y", "2").string("x", "1").build();
    StepKey c = StepKey.builder("s").string("x", "1").string("y", "3").build();

    assertThat(a.hex()).isEqualTo(b.hex());
    assertThat(c.hex()).isNotEqualTo(a.hex());
  }

  @Test
  void build_fileKeyedByContentNotPath() throws IOException {
    Path one = Files.writeString(dir.resolve("one"), "same");
    Path two = Files.writeString(dir.resolve("two"), "same");

    assertThat(StepKey.builder("s").file("f", one).build().hex())
        .isEqualTo(StepKey.builder("s").file("f", two).build().hex());
  }

  @Test
  void build_treeChangesWithAnyFile() throws IOException {
    Path tree = Files.createDirectories(dir.resolve("src/lnet"));
    Files.writeString(tree.resolve("o2iblnd.c"), "int x;");
    String before = StepKey.builder("s").tree("src", dir.resolve("src")).build().hex();
    Files.writeString(tree.resolve("o2iblnd.c"), "int y;");

    assertThat(StepKey.builder("s").tree("src", dir.resolve("src")).build().hex())
        .isNotEqualTo(before);
  }

  @Test
  void build_duplicateOrBadName_refused() {
    assertThatThrownBy(() -> StepKey.builder("s").string("x", "1").tool("x", "2"))
        .hasMessage("input 'x' given twice");
    assertThatThrownBy(() -> StepKey.builder("s").string("a b", "1"))
        .hasMessageContaining("is not letters, digits");
  }
}
