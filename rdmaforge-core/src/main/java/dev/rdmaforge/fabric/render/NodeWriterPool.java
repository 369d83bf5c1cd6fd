package dev.rdmaforge.fabric.render;

import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Writes nodes in parallel, each node's files in order on one thread. A large fabric means tens
 * of thousands of small files whose time is the file system's, so there are more threads than
 * cores (their waits overlap). The first failure stops the other threads at their next file, and
 * {@link #run} returns or throws only once no thread writes any more, so that a failed staging
 * tree can be removed safely. One pool serves one {@link #run}.
 */
final class NodeWriterPool {
  /** Threads that wait on file-system calls; more than the cores, so their latency overlaps. */
  private static final int THREADS = Math.max(4, 2 * Runtime.getRuntime().availableProcessors());

  /** Writes the file with the given index; {@code dirs} knows the node's directories. */
  interface FileTask {
    void write(int index, NodeDirectories dirs);
  }

  private final ForkJoinPool pool = new ForkJoinPool(THREADS);
  private final AtomicBoolean stopped = new AtomicBoolean();

  /**
   * Runs {@code task} for every index of every node (a list of file indexes per node), with a
   * {@link NodeDirectories} per node rooted at {@code base}; rethrows the first failure. Returns
   * false if the process was told to exit (Ctrl-C, kill) and the threads stopped early.
   */
  boolean run(Collection<List<Integer>> nodes, Path base, FileTask task) {
    // Ctrl-C or kill: every thread finishes the file it is writing (old or new, never half, and
    // no temporary file left) and stops; the JVM exits once they have
    AtomicBoolean signalled = new AtomicBoolean();
    Thread hook = new Thread(() -> {
      signalled.set(true);
      stop(5);
    });
    Runtime.getRuntime().addShutdownHook(hook);
    boolean ok = false;
    try {
      pool.submit(() -> nodes.parallelStream().forEach(indexes -> {
        NodeDirectories dirs = new NodeDirectories(base);
        for (int i : indexes) {
          if (stopped.get()) {
            return;
          }
          try {
            task.write(i, dirs);
          } catch (RuntimeException ex) {
            stopped.set(true);
            throw ex;
          }
        }
      })).get();
      ok = true;
      return !signalled.get();
    } catch (InterruptedException ex) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while writing below " + base, ex);
    } catch (ExecutionException ex) {
      if (ex.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException(ex.getCause());
    } finally {
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException ex) {
        // the JVM is exiting: the hook stops the threads
      }
      if (ok) {
        pool.shutdown();
      } else {
        stop(600);
      }
    }
  }

  /** Stops every thread at its next file and waits up to {@code seconds} for them. */
  void stop(long seconds) {
    stopped.set(true);
    pool.shutdown();
    try {
      pool.awaitTermination(seconds, TimeUnit.SECONDS);
    } catch (InterruptedException ex) {
      Thread.currentThread().interrupt();
    }
  }
}
