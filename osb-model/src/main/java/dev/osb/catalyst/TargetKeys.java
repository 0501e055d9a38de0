package dev.osb.catalyst;

import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * The spec keys one catalyst target accepts: its {@code required_values} and {@code
 * valid_values}, merged with {@code StageBase}'s for the stage-type targets, as {@code
 * support.addl_arg_parse} checks them. Obtain instances from {@link KeyTables#of(String)}.
 *
 * <ul>
 *   <li>{@code String name()}: canonical target name, e.g. {@code livecd-stage2}
 *   <li>{@code Set<String> required()}: keys whose absence aborts the build
 *   <li>{@code Set<String> valid()}: every statically valid key, required ones included
 *   <li>{@code String prefix()}: {@code stage4/}, {@code livecd/}, {@code diskimage/}, {@code
 *       embedded/}, {@code netboot/}, or {@code null} when the target has no prefixed keys
 *   <li>{@code boolean isStageBase()}: false only for {@code snapshot}
 *   <li>{@code boolean isValid(String key, Collection<String> kernelNames)}
 *   <li>{@code boolean isValid(String key, Collection<String> kernelNames, Collection<String>
 *       netbootPackages)}
 * </ul>
 *
 * <p>Dynamic keys, as catalyst adds them before checking: every stage-type target ({@code
 * StageBase.set_valid_build_kernel_vars}) accepts {@code boot/kernel/<N>/<setting>} for each
 * name N in the spec's {@code boot/kernel} value and each setting in {@link
 * KeyTables#KERNEL_SETTINGS}. Catalyst does this even for targets where {@code boot/kernel}
 * itself is invalid (stage1-3, livecd-stage1, diskimage-stage1); such a spec still fails, on
 * {@code boot/kernel}. {@code netboot} also accepts {@code netboot/packages/<pkg>/files} for each
 * item of {@code netboot/packages}.
 */
public final class TargetKeys {

  private final String name;
  private final Set<String> required;
  private final Set<String> valid;
  private final String prefix;
  private final boolean stageBase;

  TargetKeys(
      String name, Set<String> required, Set<String> valid, String prefix, boolean stageBase) {
    this.name = name;
    this.required = required;
    this.valid = valid;
    this.prefix = prefix;
    this.stageBase = stageBase;
  }

  /** The canonical target name, as written after {@code target:} in releng specs. */
  public String name() {
    return name;
  }

  /** The required keys, sorted; a missing one aborts with {@code Required argument "x" ...}. */
  public Set<String> required() {
    return required;
  }

  /**
   * Every statically valid key, sorted, required keys included, dynamic {@code boot/kernel/<N>/...}
   * and {@code netboot/packages/<pkg>/files} keys excluded (see {@link #isValid}).
   */
  public Set<String> valid() {
    return valid;
  }

  /**
   * The prefix of the target's own keys ({@code stage4/}, {@code livecd/}, {@code diskimage/},
   * {@code embedded/}, {@code netboot/}), or {@code null} for stage1-3 and snapshot, which have
   * none. Catalyst's {@code spec_prefix} is this without the slash.
   */
  public String prefix() {
    return prefix;
  }

  /** Whether catalyst builds this target with {@code StageBase} (all but {@code snapshot}). */
  public boolean isStageBase() {
    return stageBase;
  }

  /** {@link #isValid(String, Collection, Collection)} for a spec without netboot packages. */
  public boolean isValid(String key, Collection<String> kernelNames) {
    return isValid(key, kernelNames, List.of());
  }

  /**
   * Whether catalyst accepts {@code key} in a spec for this target whose {@code boot/kernel} lists
   * {@code kernelNames} and whose {@code netboot/packages} lists {@code netbootPackages}.
   */
  public boolean isValid(
      String key, Collection<String> kernelNames, Collection<String> netbootPackages) {
    if (valid.contains(key)) {
      return true;
    }
    if (stageBase && key.startsWith("boot/kernel/")) {
      for (String n : kernelNames) {
        for (String setting : KeyTables.KERNEL_SETTINGS) {
          if (key.equals("boot/kernel/" + n + "/" + setting)) {
            return true;
          }
        }
      }
    }
    if (name.equals("netboot") && key.startsWith("netboot/packages/")) {
      for (String p : netbootPackages) {
        if (key.equals("netboot/packages/" + p + "/files")) {
          return true;
        }
      }
    }
    return false;
  }

  @Override
  public String toString() {
    return name;
  }
}
