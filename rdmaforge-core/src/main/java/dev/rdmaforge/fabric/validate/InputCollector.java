package dev.rdmaforge.fabric.validate;

import dev.rdmaforge.report.UserInputException;
import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** Finds and reads the files named by a {@link ValidationRequest}. */
final class InputCollector {
  private InputCollector() {}

  static List<InputFile> collect(List<Path> inputs) {
    List<InputFile> out = new ArrayList<>();
    for (Path in : inputs) {
      if (Files.isDirectory(in)) {
        List<Path> files;
        try (Stream<Path> s = Files.walk(in)) {
          files = s.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException ex) {
          throw new UserInputException(in + ": cannot list: " + ex.getMessage(), ex);
        }
        for (Path f : files) {
          String rel = in.relativize(f).toString().replace('\\', '/');
          Optional<FileKind> kind = FileKind.of("/" + rel);
          if (kind.isPresent()) {
            int slash = rel.indexOf('/');
            String node = slash > 0 && rel.substring(slash).startsWith("/etc/")
                ? rel.substring(0, slash) : "";
            out.add(new InputFile(f.toString(), node, kind.get(), read(f)));
          }
        }
      } else if (Files.isRegularFile(in)) {
        Optional<FileKind> kind = FileKind.of(in.toAbsolutePath().toString());
        if (kind.isEmpty()) {
          throw new UserInputException(in + ": not a file fabric validate knows (partitions.conf,"
              + " opensm.conf, ml2_conf.ini, linuxbridge_agent.ini, mlnx_conf.ini, eswitchd.conf,"
              + " dhcp_agent.ini, nova.conf, modprobe.d/*.conf, ifcfg-ib*, *.nmconnection,"
              + " openib.conf, rdma/modules/*.conf, grub, *image*.yaml); keep its usual name");
        }
        out.add(new InputFile(in.toString(), "", kind.get(), read(in)));
      } else {
        throw new UserInputException(in + ": no such file or directory");
      }
    }
    return out;
  }

  private static String read(Path f) {
    try {
      return Files.readString(f, StandardCharsets.UTF_8);
    } catch (MalformedInputException ex) {
      throw new UserInputException(f + ": not UTF-8 text; is this the right file?", ex);
    } catch (IOException ex) {
      throw new UserInputException(f + ": cannot read: " + ex.getMessage(), ex);
    }
  }
}
