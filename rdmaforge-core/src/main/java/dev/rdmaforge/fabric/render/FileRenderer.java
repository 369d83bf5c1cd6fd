package dev.rdmaforge.fabric.render;

import dev.rdmaforge.fabric.model.FabricDescription;
import java.util.List;

/** Renders one kind of file, for every node that needs it. */
public interface FileRenderer {
  /** The files of this kind, in node order. */
  List<RenderedFile> render(FabricDescription d);
}
