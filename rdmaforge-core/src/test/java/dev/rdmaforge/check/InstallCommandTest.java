package dev.rdmaforge.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rdmaforge.check.InstallCommand.Exits;
import dev.rdmaforge.check.InstallCommand.Link;
import dev.rdmaforge.check.InstallCommand.Modprobe;
import dev.rdmaforge.check.InstallCommand.Opaque;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class InstallCommandTest {

  @Test
  @DisplayName("`install mlx4_ib /bin/false`: a site keeping a driver out, exit status 1")
  void parse_binFalse_exitsOne() {
    assertThat(InstallCommand.parse("/bin/false"))
        .contains(List.of(new Link(null, new Exits(1, "/bin/false"))));
  }

  @Test
  @DisplayName("`install floppy /bin/true`: the usual way to disable a module, exit status 0")
  void parse_binTrue_exitsZero() {
    assertThat(InstallCommand.parse(" /bin/true ")).hasValueSatisfying(links ->
        assertThat(links).singleElement().extracting(Link::command).isInstanceOf(Exits.class)
            .extracting(c -> ((Exits) c).status()).isEqualTo(0));
  }

  @Test
  @DisplayName("OFED's companion line: load the module itself with its options, then another")
  void parse_ofedCompanionLine_twoModprobes() {
    List<Link> links = InstallCommand.parse(
        "/sbin/modprobe --ignore-install mlx4_core debug_level=1 && /sbin/modprobe mlx4_en")
        .orElseThrow();

    assertThat(links).hasSize(2);
    Modprobe first = (Modprobe) links.get(0).command();
    assertThat(first.names()).containsExactly("mlx4_core");
    assertThat(first.arguments()).containsExactly("debug_level=1");
    assertThat(first.ignoreInstall()).isTrue();
    assertThat(links.get(1).operator()).isEqualTo("&&");
    Modprobe second = (Modprobe) links.get(1).command();
    assertThat(second.names()).containsExactly("mlx4_en");
    assertThat(second.ignoreInstall()).isFalse();
  }

  @Test
  @DisplayName("modprobe's getopt permutes: -i after the name is still an option; -a takes names")
  void parse_modprobeOptionsAnywhere() {
    Modprobe late = (Modprobe) InstallCommand.parse("modprobe ib_core -i -q").orElseThrow()
        .get(0).command();
    assertThat(late.names()).containsExactly("ib_core");
    assertThat(late.arguments()).isEmpty();
    assertThat(late.ignoreInstall()).isTrue();

    Modprobe all = (Modprobe) InstallCommand.parse("/usr/sbin/modprobe -a ib_umad ib_ipoib")
        .orElseThrow().get(0).command();
    assertThat(all.names()).containsExactly("ib_umad", "ib_ipoib");
  }

  @Test
  @DisplayName("`;` and `||` and output to /dev/null are followed; echo and logger change nothing")
  void parse_listsAndRedirections() {
    List<Link> links = InstallCommand.parse(
        "logger loading rdma;modprobe -i rdma_cm >/dev/null 2>&1 || echo failed > /dev/null")
        .orElseThrow();

    assertThat(links).extracting(Link::operator).containsExactly(null, ";", "||");
    assertThat(links.get(0).command()).isEqualTo(new Exits(0, "logger loading rdma"));
    assertThat(((Modprobe) links.get(1).command()).names()).containsExactly("rdma_cm");
    assertThat(links.get(2).command()).isInstanceOf(Exits.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "/usr/lib/rdma/setup.sh $1",
      "modprobe \"mlx5_core\"",
      "if true; then modprobe x; fi",
      "(modprobe x)",
      "modprobe x | tee /tmp/log",
      "modprobe x &",
      "modprobe x && && modprobe y",
      "modprobe x &&",
      "`which modprobe` x",
  })
  @DisplayName("shell syntax beyond and-or lists is not read: the command is reported, not guessed")
  void parse_shellSyntax_isNotRead(String command) {
    assertThat(InstallCommand.parse(command)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "/opt/mellanox/bin/fix-irq.sh",
      "modprobe -r mlx4_en",
      "modprobe --dry-run x",
      "modprobe x > /var/log/x",
      "modprobe",
  })
  @DisplayName("other programs, removals, dry runs and files written are opaque commands")
  void parse_otherCommands_areOpaque(String command) {
    assertThat(InstallCommand.parse(command)).hasValueSatisfying(links ->
        assertThat(links).singleElement().extracting(Link::command).isInstanceOf(Opaque.class));
  }
}
