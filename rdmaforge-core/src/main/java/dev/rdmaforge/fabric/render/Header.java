package dev.rdmaforge.fabric.render;

import dev.rdmaforge.fabric.model.FabricDescription;
import java.nio.file.Path;

/** The comment every rendered file starts with, in the file's own comment syntax. */
final class Header {
  private Header() {}

  static String of(FabricDescription d, String comment) {
    String from = Path.of(d.file()).getFileName().toString();
    return comment + " Rendered by rdmaforge from " + from + ". Do not edit: change the description"
        + " and run `rdmaforge fabric render` again.\n";
  }
}
