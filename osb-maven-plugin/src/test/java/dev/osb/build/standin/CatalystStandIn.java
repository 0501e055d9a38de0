package dev.osb.build.standin;

import dev.osb.catalyst.ParsedSpec;
import dev.osb.catalyst.SpecCheck;
import dev.osb.catalyst.SpecParser;
import dev.osb.catalyst.SpecSyntaxException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * TEST STAND-IN FOR CATALYST. THIS IS NOT CATALYST. Tests put it on PATH as {@code catalyst}
 * (through the launcher {@code src/test/resources/standin/catalyst}) so the runners can be tested
 * end to end on any Linux machine with root, without Gentoo, a portage tree or network.
 *
 * <p>It honours catalyst 4.1's command line for what OSB uses ({@code -c FILE} repeatable,
 * {@code -f SPEC}, {@code -s TREEISH}; anything else is refused, as argparse or as "not
 * modelled") and reproduces the behaviours OSB relies on, with catalyst's exit codes (0 success,
 * 1 refused configuration or spec, 2 build failure):
 *
 * <ul>
 *   <li>must run as root; reads catalyst.conf as catalyst does ({@link StandInConfig}: unknown
 *       keys refused, missing {@code options} crashes);
 *   <li>parses the spec with OSB's verified mirror of catalyst's parser ({@link SpecParser}) and
 *       refuses it on every {@link SpecCheck} error, printing catalyst's own message ({@code
 *       Argument "x" not recognized.}, {@code Required argument "x" not specified.});
 *   <li>builds stage4 (and stage1/stage3 minimally: unpack, make.conf, clean, capture) the way
 *       {@link StandInBuild} describes: seed from {@code source_subpath}, portage_confdir,
 *       make.conf, root overlay (owners kept, like {@code rsync -a}), the fsscript in a real
 *       chroot, rc-update, unmerge, rm, groups/users/ssh keys after the fsscript, empty, clean
 *       ({@code sticky-config}, portage_prefix), capture with CONTENTS and DIGESTS, using the real
 *       tar, xz, gzip, sha512sum and b2sum.
 * </ul>
 *
 * <p>What it does not do: emerge anything (package, kernel, bootloader steps are logged only),
 * mount anything (no /proc, /dev, snapshot squashfs, distfiles or pkgcache inside the chroot;
 * the snapshot file must still exist), autoresume, purge, livecd/diskimage/netboot/embedded
 * targets.
 */
public final class CatalystStandIn {

  private CatalystStandIn() {}

  /** What catalyst's argparse accepts but the stand-in does not model. */
  private static final Set<String> UNMODELLED = Set.of("-V", "--version", "--enter-chroot", "-d", "--debug", "-v",
      "--verbose", "--log-level", "--log-file", "--color", "--nocolor", "--trace", "--profile", "-a",
      "--clear-autoresume", "-p", "--purge", "-P", "--purgeonly", "-T", "--purgetmponly", "--versioned-cachedir",
      "--unversioned-cachedir", "-F", "--fetchonly");

  static final String USAGE = "usage: catalyst [-h] [-V] [--enter-chroot] [-d] [-v] [--log-level {critical,error,"
      + "warning,notice,info,debug}] [--log-file FILE] [--color | --nocolor] [--trace] [--profile] [-a] [-p] [-P] "
      + "[-T] [--versioned-cachedir | --unversioned-cachedir] [-F] [-c FILE] [-f FILE] [-s SNAPSHOT]";

  private static final Pattern TREEISH = Pattern.compile("[A-Za-z0-9._/-]+");

  public static void main(String[] args) {
    int code = run(args, System.out);
    System.out.flush();
    System.exit(code);
  }

  /** Runs like catalyst with {@code args}; everything goes to {@code out}; returns the exit code. */
  public static int run(String[] args, PrintStream out) {
    Log log = new Log(out);
    log.notice("catalyst TEST STAND-IN (dev.osb.build.standin.CatalystStandIn): not catalyst; it models what OSB "
        + "relies on");
    List<Path> configs = new ArrayList<>();
    Path specFile = null;
    String snapshot = null;
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      String opt = a;
      String inline = null;
      if (a.startsWith("--") && a.contains("=")) {
        opt = a.substring(0, a.indexOf('='));
        inline = a.substring(a.indexOf('=') + 1);
      }
      switch (opt) {
        case "-h", "--help" -> {
          out.println(USAGE);
          return 0;
        }
        case "-c", "--configs", "-f", "--file", "-s", "--snapshot" -> {
          String value = inline;
          if (value == null) {
            if (i + 1 >= args.length || args[i + 1].startsWith("-")) {
              return usage(out, "argument " + longName(opt) + ": expected one argument");
            }
            value = args[++i];
          }
          switch (opt) {
            case "-c", "--configs" -> configs.add(Path.of(value));
            case "-f", "--file" -> specFile = Path.of(value);
            default -> snapshot = value;
          }
        }
        default -> {
          if (UNMODELLED.contains(opt)) {
            log.error("the stand-in does not model catalyst's " + opt + " (OSB never passes it)");
            return 2;
          }
          return usage(out, "unrecognized arguments: " + a);
        }
      }
    }
    if (specFile == null && snapshot == null) {
      return usage(out, "please specify one of either -f or -C or -s");
    }
    if (!Uid.isRoot()) {
      log.critical("This script requires root privileges to operate");
      return 1;
    }
    if (configs.isEmpty()) {
      configs.add(Path.of("/etc/catalyst/catalyst.conf"));
    }
    for (Path c : configs) {
      if (!Files.isRegularFile(c)) {
        log.critical("Configuration file \"" + c + "\" does not exist");
        return 1;
      }
    }
    Map<String, Object> conf;
    try {
      conf = StandInConfig.load(configs);
    } catch (StandInConfig.ConfigError e) {
      log.critical(e.getMessage());
      return 1;
    }

    String text = "";
    if (specFile != null) {
      try {
        text = Files.readString(specFile, StandardCharsets.UTF_8);
      } catch (IOException e) {
        log.critical("Could not open spec file " + specFile + ": " + e.getMessage());
        return 1;
      }
    }
    if (snapshot != null) {
      if (!TREEISH.matcher(snapshot).matches()) {
        log.critical("bad snapshot treeish \"" + snapshot + "\"");
        return 1;
      }
      // main.py: addlargs.update(target=snapshot, snapshot_treeish=...) after the spec's keys
      text += "\ntarget: snapshot\nsnapshot_treeish: " + snapshot + "\n";
    }
    ParsedSpec spec;
    try {
      spec = SpecParser.parse(text);
    } catch (SpecSyntaxException e) {
      log.critical("cannot parse " + specFile + ": " + e.getMessage());
      return 1;
    }
    spec.warnings().forEach(w -> log.warning(w));
    List<String> errors = SpecCheck.check(spec);
    if (!errors.isEmpty()) {
      for (String e : errors) {
        log.error(catalystMessage(e));
        log.notice("  (OSB's SpecCheck: " + e + ")");
      }
      log.critical("Catalyst aborting due to errors in the spec " + specFile);
      return 1;
    }
    String target = spec.get("target").orElseThrow().items().get(0);
    try {
      if (target.equals("snapshot")) {
        return new StandInSnapshot(conf, spec.get("snapshot_treeish").orElseThrow().items().get(0), log).run();
      }
      if (!Set.of("stage1", "stage3", "stage4").contains(target)) {
        log.error("the stand-in models the targets stage1, stage3 and stage4, not " + target);
        return 2;
      }
      return new StandInBuild(conf, spec, log).run();
    } catch (RuntimeException e) {
      log.error("stand-in crashed: " + e);
      return 2;
    } finally {
      out.flush();
    }
  }

  /** Catalyst's own words, as SpecCheck quotes them: the text of {@code (catalyst: ...)}. */
  static String catalystMessage(String specCheckError) {
    Matcher m = Pattern.compile("\\(catalyst: (.*?)\\)(;|$)").matcher(specCheckError);
    return m.find() ? m.group(1) : specCheckError;
  }

  private static String longName(String opt) {
    return switch (opt) {
      case "-c", "--configs" -> "-c/--configs";
      case "-f", "--file" -> "-f/--file";
      default -> "-s/--snapshot";
    };
  }

  private static int usage(PrintStream out, String error) {
    out.println(USAGE);
    out.println("catalyst: error: " + error);
    return 2;
  }

  /** catalyst's log line format: {@code LEVEL   : message}. */
  static final class Log {
    private final PrintStream out;

    Log(PrintStream out) {
      this.out = out;
    }

    void line(String level, String msg) {
      for (String l : msg.split("\n", -1)) {
        out.println(String.format("%-8s: %s", level, l));
      }
      out.flush();
    }

    void notice(String msg) {
      line("NOTICE", msg);
    }

    void warning(String msg) {
      line("WARNING", msg);
    }

    void error(String msg) {
      line("ERROR", msg);
    }

    void critical(String msg) {
      line("CRITICAL", msg);
    }

    PrintStream stream() {
      return out;
    }
  }

  /** The effective uid, from /proc/self/status. */
  static final class Uid {
    private Uid() {}

    static boolean isRoot() {
      try {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
          if (line.startsWith("Uid:")) {
            return line.substring(4).trim().split("\\s+")[1].equals("0");
          }
        }
      } catch (IOException e) {
        return false;
      }
      return false;
    }
  }
}
