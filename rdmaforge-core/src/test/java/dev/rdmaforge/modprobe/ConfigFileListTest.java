package dev.rdmaforge.modprobe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rdmaforge.depmod.tree.TreeView;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which files modprobe reads and in which order. The expectations are what Debian 12's {@code
 * modprobe -c -C ... -d ROOT} printed for the same layout.
 */
class ConfigFileListTest {
  @TempDir Path tmp;

  private void write(String relative, String text) throws IOException {
    Path p = tmp.resolve(relative);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text);
  }

  private ModprobeConfig load(List<String> paths) {
    return ModprobeConfigParser.load(
        new ModprobeConfigRequest(
            paths, TreeView.host(), tmp + "/lib/modules/9.9", Optional.empty()));
  }

  @Test
  @DisplayName("Site dir before vendor dir: same basename shadows, all files sorted by basename")
  void list_shadowingAndOrder() throws IOException {
    write("etc/s.conf", "alias shadow first\n");
    write("etc/b.alias", "alias from-dot-alias y\n");
    write("etc/notes.txt", "alias ignored y\n");
    write("etc/.hidden.conf", "alias hidden y\n");
    write("lib/s.conf", "alias shadow second\n");
    write("lib/a.conf", "alias first-by-name y\n");
    write("lib/modules/9.9/modules.softdep", "softdep z pre: m\n");
    write("lib/zz.conf", "softdep y pre: m\n");
    Files.createDirectories(tmp.resolve("etc/sub.conf"));
    Files.createSymbolicLink(tmp.resolve("etc/dangling.conf"), tmp.resolve("nonexistent"));
    ModprobeConfig c = load(List.of(tmp + "/etc", tmp + "/missing", tmp + "/lib"));
    assertThat(c.files())
        .containsExactly(
            tmp + "/lib/a.conf",
            tmp + "/etc/b.alias",
            tmp + "/lib/modules/9.9/modules.softdep",
            tmp + "/etc/s.conf",
            tmp + "/lib/zz.conf");
    assertThat(ShowConfig.renderConfiguration(c))
        .isEqualTo(
            "alias first_by_name y\n"
                + "alias from_dot_alias y\n"
                + "alias shadow first\n"
                + "softdep z pre: m\n"
                + "softdep y pre: m\n");
    assertThat(c.messages())
        .extracting(ModprobeMessage::line)
        .containsExactly(
            "libkmod: ERROR ../libkmod/libkmod-config.c:772 conf_files_filter_out: Directories"
                + " inside directories are not supported: "
                + tmp
                + "/etc/sub.conf\n");
  }

  @Test
  @DisplayName("-C FILE: taken whatever its name, and its basename shadows a later dir's file")
  void list_singleFile() throws IOException {
    write("single.cfg", "alias single y\n");
    write("dir/single.cfg.conf", "alias other y\n");
    write("dir/single.cfg", "alias never-listed y\n");
    ModprobeConfig c = load(List.of(tmp + "/single.cfg", tmp + "/dir"));
    assertThat(c.files()).containsExactly(tmp + "/single.cfg", tmp + "/dir/single.cfg.conf");
  }
}
