package dev.osb.catalyst;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The checks catalyst makes on a parsed spec before it builds anything, with friendlier
 * messages: {@code main.py} (a {@code target} is required), {@code build_target} (the target
 * must name a module), {@code support.addl_arg_parse} (every key must be valid for the target,
 * every required key present), and the {@code StageBase} set-up that crashes on a bad {@code
 * subarch}, a {@code None} {@code boot/kernel} or {@code netboot/packages}.
 *
 * <ul>
 *   <li>{@code static List<String> check(ParsedSpec spec)}: the errors; empty when catalyst
 *       accepts the spec
 * </ul>
 *
 * <p>Each message names the key and the target, starts with {@code line N: } when a line is
 * involved, and quotes catalyst's own message where it has one. Beyond catalyst's key check it
 * reports a required key whose value is {@code none} (catalyst accepts {@code None} there and
 * fails later) and an unknown {@code subarch} ({@code Unknown host machine type}).
 */
public final class SpecCheck {

  private SpecCheck() {}

  private static final Set<String> PREFIXES =
      Set.of("boot", "stage4", "livecd", "diskimage", "embedded", "netboot");

  /** Every problem catalyst would stop on, in the order: target, keys in spec order, required. */
  public static List<String> check(ParsedSpec spec) {
    List<String> errors = new ArrayList<>();
    Optional<SpecValue> targetValue = spec.get("target");
    if (targetValue.isEmpty()) {
      errors.add(
          "required key \"target\" is missing"
              + " (catalyst: Required value \"target\" not specified.)");
      return errors;
    }
    SpecValue tv = targetValue.get();
    if (tv.isNone() || tv.isList()) {
      errors.add(
          "line "
              + tv.line()
              + ": \"target\" must be one target name, not "
              + tv
              + " (catalyst: Target \"...\" not available.); targets: "
              + String.join(", ", KeyTables.targets()));
      return errors;
    }
    String target = tv.items().get(0);
    Optional<TargetKeys> found = KeyTables.of(target);
    if (found.isEmpty()) {
      errors.add(
          "line "
              + tv.line()
              + ": unknown target \""
              + target
              + "\" (catalyst: Target \""
              + target.replace('-', '_')
              + "\" not available.); catalyst 4.1 targets: "
              + String.join(", ", KeyTables.targets()));
      return errors;
    }
    TargetKeys keys = found.get();

    List<String> kernels = names(spec, "boot/kernel", keys.isStageBase(), keys, errors);
    List<String> netboot =
        names(spec, "netboot/packages", keys.name().equals("netboot"), keys, errors);

    spec.values()
        .forEach(
            (key, value) -> {
              if (!keys.isValid(key, kernels, netboot)) {
                errors.add(
                    "line "
                        + value.line()
                        + ": key \""
                        + key
                        + "\" is not valid for target "
                        + keys.name()
                        + " (catalyst: Argument \""
                        + key
                        + "\" not recognized.)"
                        + hint(key, keys, kernels));
              }
            });

    for (String req : keys.required()) {
      Optional<SpecValue> v = spec.get(req);
      if (v.isEmpty()) {
        errors.add(
            "required key \""
                + req
                + "\" is missing for target "
                + keys.name()
                + " (catalyst: Required argument \""
                + req
                + "\" not specified.)");
      } else if (v.get().isNone()) {
        errors.add(
            "line "
                + v.get().line()
                + ": required key \""
                + req
                + "\" of target "
                + keys.name()
                + " is \""
                + v.get().items().get(0)
                + "\", which catalyst turns into None; give it a value");
      }
    }

    if (keys.isStageBase()) {
      spec.get("subarch")
          .filter(v -> !v.isNone())
          .ifPresent(
              v -> {
                if (v.isList() || !Subarches.isKnown(v.items().get(0))) {
                  String near =
                      v.isList() ? null : nearest(v.items().get(0), Set.copyOf(Subarches.all()));
                  errors.add(
                      "line "
                          + v.line()
                          + ": subarch "
                          + v
                          + " is not in catalyst's arch/*.toml (catalyst: Unknown host machine"
                          + " type)"
                          + (near == null
                              ? "; e.g. amd64, x86_64, x32, arm64, i686, ppc64le, rv64_lp64d"
                              : "; did you mean \"" + near + "\"?"));
                }
              });
    }
    return errors;
  }

  /** The items of a key that names further keys ({@code boot/kernel}, {@code netboot/packages}). */
  private static List<String> names(
      ParsedSpec spec, String key, boolean applies, TargetKeys keys, List<String> errors) {
    if (!applies) {
      return List.of();
    }
    Optional<SpecValue> v = spec.get(key);
    if (v.isEmpty()) {
      return List.of();
    }
    if (v.get().isNone()) {
      errors.add(
          "line "
              + v.get().line()
              + ": \""
              + key
              + "\" is None, which crashes catalyst's "
              + keys.name()
              + " set-up (TypeError: 'NoneType' object is not iterable); list names or drop it");
      return List.of();
    }
    return v.get().items();
  }

  /** Why a key is unknown, when a likely cause can be named; "" otherwise. */
  private static String hint(String key, TargetKeys keys, List<String> kernels) {
    String stripped = PyStr.strip(key);
    if (!stripped.equals(key) && keys.isValid(stripped, kernels)) {
      return "; remove the whitespace before ':' (catalyst keeps it in the key)";
    }
    if (key.startsWith("boot/kernel/") && keys.isStageBase()) {
      if (!keys.valid().contains("boot/kernel")) {
        return "; target " + keys.name() + " builds no kernel";
      }
      String rest = key.substring("boot/kernel/".length());
      int slash = rest.lastIndexOf('/');
      String name = slash < 0 ? rest : rest.substring(0, slash);
      String setting = slash < 0 ? "" : rest.substring(slash + 1);
      if (!KeyTables.KERNEL_SETTINGS.contains(setting)) {
        return "; kernel settings are " + String.join(", ", KeyTables.KERNEL_SETTINGS);
      }
      if (!kernels.contains(name)) {
        return "; kernel \""
            + name
            + "\" is not listed in boot/kernel"
            + (kernels.isEmpty() ? "" : " (" + String.join(" ", kernels) + ")");
      }
    }
    switch (key) {
      case "snapshot":
        return "; catalyst 4 renamed it snapshot_treeish";
      case "portage_overlay":
        return "; catalyst 4 replaced it with repos";
      case "compressor_arch":
      case "compressor_options":
        return "; not a spec key in catalyst 4";
      default:
        break;
    }
    List<String> elsewhere = new ArrayList<>();
    for (String t : KeyTables.targets()) {
      if (KeyTables.of(t).orElseThrow().valid().contains(key)) {
        elsewhere.add(t);
      }
    }
    if (!elsewhere.isEmpty()) {
      return "; valid only for " + String.join(", ", elsewhere);
    }
    int slash = key.indexOf('/');
    if (slash > 0 && !PREFIXES.contains(key.substring(0, slash))) {
      return "; this looks like a package atom: an indented line containing ':' starts a new key,"
          + " so lists with slot or repo atoms must be written on the key line";
    }
    String near = nearest(key, keys.valid());
    return near == null ? "" : "; did you mean \"" + near + "\"?";
  }

  /** The valid key closest to {@code key} within edit distance 2, if exactly one is. */
  private static String nearest(String key, Set<String> valid) {
    String best = null;
    int bestDistance = 3;
    boolean tie = false;
    for (String v : valid) {
      int d = distance(key, v);
      if (d < bestDistance) {
        best = v;
        bestDistance = d;
        tie = false;
      } else if (d == bestDistance) {
        tie = true;
      }
    }
    return tie ? null : best;
  }

  private static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
