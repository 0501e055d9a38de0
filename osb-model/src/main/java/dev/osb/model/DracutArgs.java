package dev.osb.model;

import java.util.ArrayList;
import java.util.List;

/**
 * Translates dracut command-line arguments (as releng writes them in boot/kernel/N/dracut_args)
 * into dracut.conf lines. In a stage4 the dist kernel's initramfs is built by installkernel,
 * which runs dracut with the settings in /etc/dracut.conf.d, so that is where kernel.dracut_args
 * go; an argument with no dracut.conf form is refused rather than dropped.
 */
public final class DracutArgs {

  private DracutArgs() {}

  /** The dracut.conf lines for {@code args}; throws with a reason for an unsupported one. */
  public static List<String> toConf(List<String> args) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      switch (a) {
        case "--xz", "--zstd", "--gzip", "--bzip2", "--lz4", "--lzo", "--lzma" ->
            out.add("compress=\"" + a.substring(2) + "\"");
        case "--no-compress" -> out.add("compress=\"cat\"");
        case "--hostonly", "-H" -> out.add("hostonly=\"yes\"");
        case "--no-hostonly", "-N" -> out.add("hostonly=\"no\"");
        case "-a", "--add" -> out.add("add_dracutmodules+=\" " + operand(args, ++i, a) + " \"");
        case "-o", "--omit" -> out.add("omit_dracutmodules+=\" " + operand(args, ++i, a) + " \"");
        case "-m", "--modules" -> out.add("dracutmodules+=\" " + operand(args, ++i, a) + " \"");
        case "-d", "--drivers" -> out.add("drivers+=\" " + operand(args, ++i, a) + " \"");
        case "--add-drivers" -> out.add("add_drivers+=\" " + operand(args, ++i, a) + " \"");
        case "--force-drivers" -> out.add("force_drivers+=\" " + operand(args, ++i, a) + " \"");
        case "--omit-drivers" -> out.add("omit_drivers+=\" " + operand(args, ++i, a) + " \"");
        case "--filesystems" -> out.add("filesystems+=\" " + operand(args, ++i, a) + " \"");
        case "-I", "--install" -> out.add("install_items+=\" " + operand(args, ++i, a) + " \"");
        case "--early-microcode" -> out.add("early_microcode=\"yes\"");
        case "--no-early-microcode" -> out.add("early_microcode=\"no\"");
        default -> throw new IllegalArgumentException("dracut argument '" + a
            + "' has no dracut.conf form (supported: compression flags, --[no-]hostonly, -a, -o, -m, "
            + "-d, --add-drivers, --force-drivers, --omit-drivers, --filesystems, -I, --[no-]early-microcode)");
      }
    }
    return out;
  }

  private static String operand(List<String> args, int i, String option) {
    if (i >= args.size() || args.get(i).startsWith("-")) {
      throw new IllegalArgumentException("dracut argument '" + option + "' needs a value after it");
    }
    return args.get(i);
  }
}
