package dev.rdmaforge.build.exec.progress;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Follows a log file another process appends to: each {@link #poll} reads only the bytes added
 * since the last one (from a remembered offset, never the whole file again) and returns the lines
 * they complete; the bytes of an unfinished last line wait for the next poll. A file that does
 * not exist yet is "waiting" ({@link #exists()} is false), not an error. A file that shrank was
 * replaced or truncated: it is followed again from its start. A line longer than {@value
 * #MAX_LINE} bytes keeps its first {@value #MAX_LINE} (a tool drawing its own progress with
 * carriage returns writes such lines; their head is enough to recognise a phase).
 */
public final class LogFollower {
  /** The longest line kept, in bytes. */
  public static final int MAX_LINE = 8192;

  private static final int CHUNK = 64 * 1024;

  private final Path file;
  private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
  private long offset;
  private boolean exists;

  /** Follows {@code file}, from its start. */
  public LogFollower(Path file) {
    this.file = file;
  }

  /**
   * The lines completed since the last poll, in order, without their line ends ({@code \n}, and
   * a {@code \r} before it), decoded as UTF-8 (malformed bytes replaced).
   *
   * @throws IOException when the file exists but cannot be read
   */
  public List<String> poll() throws IOException {
    List<String> lines = new ArrayList<>();
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      exists = true;
      if (ch.size() < offset) {
        offset = 0;
        pending.reset();
      }
      ByteBuffer buf = ByteBuffer.allocate(CHUNK);
      int n;
      while ((n = ch.read(buf.clear(), offset)) > 0) {
        offset += n;
        byte[] bytes = buf.array();
        for (int i = 0; i < n; i++) {
          if (bytes[i] == '\n') {
            lines.add(line());
          } else if (pending.size() < MAX_LINE) {
            pending.write(bytes[i]);
          }
        }
      }
    } catch (NoSuchFileException e) {
      // Not written yet (or its build root is already gone): nothing new.
    }
    return lines;
  }

  /** Whether the file has been seen. */
  public boolean exists() {
    return exists;
  }

  /** How many bytes of the file have been read. */
  public long offset() {
    return offset;
  }

  private String line() {
    byte[] b = pending.toByteArray();
    pending.reset();
    int len = b.length > 0 && b[b.length - 1] == '\r' ? b.length - 1 : b.length;
    return new String(b, 0, len, StandardCharsets.UTF_8);
  }
}
