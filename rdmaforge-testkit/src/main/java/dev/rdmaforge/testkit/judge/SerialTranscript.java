package dev.rdmaforge.testkit.judge;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The guest's serial log read back: one {@link TargetRun} per target and the modules left after
 * each scenario's unload. A log without the final {@code === DONE} line means the guest did not
 * finish (panic, out of memory, timeout) and yields no verdicts at all.
 */
final class SerialTranscript {

  private static final Pattern STAMP = Pattern.compile("^\\[\\s*\\d+\\.\\d+\\]\\s?");
  private static final int TAIL_LINES = 40;
  private static final String UNPACK_FAILED = "Initramfs unpacking failed";

  private final List<TargetRun> runs;
  private final Map<Integer, List<String>> leftovers;

  private SerialTranscript(List<TargetRun> runs, Map<Integer, List<String>> leftovers) {
    this.runs = List.copyOf(runs);
    this.leftovers = Map.copyOf(leftovers);
  }

  /** The runs, in the order the guest made them. */
  List<TargetRun> runs() {
    return runs;
  }

  /** The modules still loaded after scenario {@code index} was unloaded. */
  List<String> leftAfter(int index) {
    return leftovers.getOrDefault(index, List.of());
  }

  /**
   * Parses {@code log}.
   *
   * @throws GuestFailure when the log has no {@code === DONE} line, with its tail
   */
  static SerialTranscript parse(String log) {
    List<String> lines = log.replace("\r", "").lines().toList();
    // Printed at emergency level, so it reaches the console; unpacking stops at the write error
    // and /init may still run with files missing, which would make false verdicts.
    if (lines.stream().anyMatch(l -> l.contains(UNPACK_FAILED))) {
      throw new GuestFailure(
          "the initramfs did not fit into the guest's memory ('"
              + UNPACK_FAILED
              + "');"
              + " last lines of the serial log:\n"
              + tail(lines));
    }
    if (lines.stream().noneMatch(l -> l.startsWith(InitScript.MARK + "DONE"))) {
      throw new GuestFailure(
          "the guest did not finish its script (no '=== DONE': kernel panic, out of memory or"
              + " timeout); last lines of the serial log:\n"
              + tail(lines));
    }
    List<TargetRun> runs = new ArrayList<>();
    Map<Integer, List<String>> leftovers = new HashMap<>();
    Parser parser = new Parser();
    for (String line : lines) {
      if (line.startsWith(InitScript.MARK + "LEFT ")) {
        String[] words = line.substring((InitScript.MARK + "LEFT ").length()).strip().split("\\s+");
        leftovers.put(Integer.parseInt(words[0]), List.of(words).subList(1, words.length));
      } else {
        parser.accept(line).ifPresent(runs::add);
      }
    }
    return new SerialTranscript(runs, leftovers);
  }

  static String tail(List<String> lines) {
    return String.join("\n", lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size()));
  }

  /** A line-at-a-time reader of TARGET ... END blocks. */
  private static final class Parser {
    private enum Section {
      OUTSIDE,
      MODPROBE,
      KMSG,
      STATE
    }

    private Section section = Section.OUTSIDE;
    private int index;
    private String target;
    private int exitCode;
    private final List<String> output = new ArrayList<>();
    private final List<String> kmsg = new ArrayList<>();
    private String initstate = "";
    private String taint = "";
    private boolean builtin;

    Optional<TargetRun> accept(String line) {
      String mark = InitScript.MARK;
      if (line.startsWith(mark + "TARGET ")) {
        String[] words = line.substring((mark + "TARGET ").length()).strip().split(" ");
        index = Integer.parseInt(words[0]);
        target = words[1];
        exitCode = -1;
        output.clear();
        kmsg.clear();
        initstate = "";
        taint = "";
        builtin = false;
        section = Section.MODPROBE;
      } else if (section == Section.MODPROBE && line.startsWith(mark + "RC ")) {
        exitCode = Integer.parseInt(line.substring((mark + "RC ").length()).strip());
      } else if (section == Section.MODPROBE && line.equals(mark + "KMSG")) {
        section = Section.KMSG;
      } else if (section == Section.KMSG && line.equals(mark + "STATE")) {
        section = Section.STATE;
      } else if (section == Section.STATE && line.equals(mark + "END")) {
        section = Section.OUTSIDE;
        return Optional.of(
            new TargetRun(index, target, output, exitCode, kmsg, initstate, taint, builtin));
      } else if (section == Section.MODPROBE && !line.isEmpty()) {
        output.add(line);
      } else if (section == Section.KMSG && !line.isEmpty()) {
        kmsg.add(STAMP.matcher(line).replaceFirst(""));
      } else if (section == Section.STATE) {
        if (line.startsWith("initstate=")) {
          initstate = line.substring("initstate=".length()).strip();
        } else if (line.startsWith("taint=")) {
          taint = line.substring("taint=".length()).strip();
        } else if (line.startsWith("builtin ")) {
          builtin = true;
        }
      }
      return Optional.empty();
    }
  }
}
