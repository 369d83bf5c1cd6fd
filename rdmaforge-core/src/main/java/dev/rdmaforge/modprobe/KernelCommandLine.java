package dev.rdmaforge.modprobe;

import dev.rdmaforge.depmod.DepmodLog.Level;
import dev.rdmaforge.depmod.config.Origin;
import java.util.List;

/**
 * Reads module options and blacklists from a kernel command line as kmod 30 reads {@code
 * /proc/cmdline}: {@code MODULE.PARAM[=VALUE]} becomes {@code options MODULE PARAM[=VALUE]} ({@code
 * -} in the module name becomes {@code _}), {@code modprobe.blacklist=A,B} blacklists each name as
 * written. Double quotes may enclose a value with spaces ({@code mod.p="a b"}), or a whole option
 * as GRUB writes it ({@code "parport.dyndbg=file x.c +p"}, re-quoted around the value as kmod
 * does); a quote anywhere else, a second dot in the parameter, or an {@code =} in the module name
 * makes kmod ignore the word. kmod reads at most 4095 bytes.
 */
final class KernelCommandLine {
  /** What kmod names as the origin of these entries. */
  static final String FILE = "/proc/cmdline";

  private static final int MAX = 4095; // KCMD_LINE_SIZE minus the NUL
  private static final Origin ORIGIN = new Origin(FILE, 0);

  private enum State {
    IGNORE,
    MODNAME,
    PARAM,
    VALUE,
    COMPLETE
  }

  private final List<OptionsEntry> options;
  private final List<BlacklistEntry> blacklists;
  private final List<ModprobeMessage> messages;

  private KernelCommandLine(
      List<OptionsEntry> options, List<BlacklistEntry> blacklists, List<ModprobeMessage> messages) {
    this.options = options;
    this.blacklists = blacklists;
    this.messages = messages;
  }

  /** Parses {@code cmdline}, adding to the given lists in kmod's order. */
  static void parse(
      String cmdline,
      List<OptionsEntry> options,
      List<BlacklistEntry> blacklists,
      List<ModprobeMessage> messages) {
    new KernelCommandLine(options, blacklists, messages).run(cmdline);
  }

  private void run(String cmdline) {
    String text = cmdline.length() > MAX ? cmdline.substring(0, MAX) : cmdline;
    int nul = text.indexOf('\0');
    if (nul >= 0) {
      text = text.substring(0, nul);
    }
    char[] buf = (text + '\0').toCharArray();
    State state = State.MODNAME;
    boolean quoted = false;
    int quoteStart = -1;
    int modname = 0;
    int param = -1;
    int value = -1;
    boolean more = true;
    for (int p = 0; more; p++) {
      switch (buf[p]) {
        case '"':
          quoted = !quoted;
          // a quote may only open the option, before its module name; elsewhere it spoils it
          if (quoted && state == State.MODNAME && p == modname) {
            quoteStart = p;
            modname = p + 1;
          } else if (state != State.VALUE) {
            state = State.IGNORE;
          }
          break;
        case '\0':
          more = false;
        // fall through: the end finishes the option like a space
        case ' ':
        case '\n':
        case '\t':
        case 0x0b:
        case '\f':
        case '\r':
          if (quoted && state == State.VALUE) {
            break; // a space inside a quoted value
          } else if (quoted) {
            state = State.IGNORE;
          } else if (state == State.VALUE || state == State.PARAM) {
            buf[p] = '\0';
            state = State.COMPLETE;
          } else {
            modname = p + 1;
            state = State.MODNAME;
            quoteStart = -1;
          }
          break;
        case '.':
          if (state == State.MODNAME) {
            buf[p] = '\0';
            param = p + 1;
            state = State.PARAM;
          } else if (state == State.PARAM) {
            state = State.IGNORE;
          }
          break;
        case '=':
          if (state == State.PARAM) {
            value = p + 1;
            state = State.VALUE;
          } else if (state == State.MODNAME) {
            state = State.IGNORE;
          }
          break;
        default:
          break;
      }
      if (state == State.COMPLETE) {
        if (quoteStart >= 0 && quoteStart < modname && value > modname) {
          // GRUB quoted the whole option: move "mod\0param=" left over the quote and put the
          // quote back in front of the value
          System.arraycopy(buf, modname, buf, quoteStart, value - modname);
          value--;
          modname--;
          param--;
          buf[value] = '"';
        }
        result(cString(buf, modname), cString(buf, param), value < 0 ? null : cString(buf, value));
        modname = p + 1;
        state = State.MODNAME;
        quoteStart = -1;
      }
    }
  }

  private void result(String module, String parameter, String val) {
    if (module.equals("modprobe") && parameter.startsWith("blacklist=")) {
      // strsep: every comma separates, empty names included
      String list = val == null ? "" : val;
      for (String name : list.split(",", -1)) {
        blacklists.add(new BlacklistEntry(name, ORIGIN));
      }
      return;
    }
    String normalised = Names.underscores(module);
    if (normalised == null) {
      messages.add(
          ModprobeMessage.whileLoading(
              Level.ERROR,
              "libkmod-config.c:489",
              "kcmdline_parse_result",
              "Ignoring bad option on kernel command line while parsing module name: '"
                  + Names.afterFailure(module)
                  + "'"));
      return;
    }
    options.add(new OptionsEntry(normalised, parameter.replace('\t', ' '), ORIGIN));
  }

  private static String cString(char[] buf, int from) {
    int end = from;
    while (buf[end] != '\0') {
      end++;
    }
    return new String(buf, from, end - from);
  }
}
