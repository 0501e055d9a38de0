package dev.osb.plan;

import java.util.List;

/**
 * The steps of one build's generated fsscript, in the order the template prints them. Every
 * value has been validated by the grammar of its kind; the template still single-quotes every
 * value it prints. A variant's fsscript holds its imperative steps as the delta against its
 * parent ({@link #delta()}), its declarative files (make.conf, dracut.conf) in full.
 *
 * @param build the build id, for the header and log lines
 * @param init {@code openrc} or {@code systemd}
 * @param libc {@code glibc} or {@code musl}
 * @param delta true for a variant (steps are what differs from the parent stage4)
 * @param sourceEnvscript true when a step needs the envscript (proxies, mirrors)
 * @param groups groups to create when missing (from users' groups), sorted
 * @param users accounts to create or update, root included
 * @param secretsDir where the runner puts secret files inside the chroot, removed at the end
 * @param timezone null to keep the seed's (catalyst's kernel step leaves UTC)
 * @param locales locale.gen lines (glibc only), empty for none
 * @param systemdEnable units to enable (systemd only; OpenRC uses stage4/rcadd)
 * @param kernel the dist kernel step, or null
 * @param worldAdd atoms to put back into world (genkernel kernels catalyst deselects)
 * @param repos repos.conf stanzas shipped for kept overlays
 * @param owners paths from the root overlay, chowned to root (catalyst copies owners)
 * @param modes chmod rules, glob then octal mode
 * @param makeConf the shipped make.conf lines, written last (null to keep catalyst's)
 * @param prefixDirs the build_only directories removed (the build runs with sticky-config)
 * @param userScript the text of the user's fsscript, embedded and run last, or null
 * @param userScriptDelimiter a here-document delimiter that does not occur in the script
 */
public record Fsscript(
    String build,
    String init,
    String libc,
    boolean delta,
    boolean sourceEnvscript,
    List<String> groups,
    List<Account> users,
    String secretsDir,
    String hostname,
    String timezone,
    List<String> locales,
    String keymap,
    List<String> systemdEnable,
    List<String> systemdDisable,
    List<String> systemdMask,
    DistKernel kernel,
    List<String> worldAdd,
    List<RepoStanza> repos,
    List<String> owners,
    List<ModeRule> modes,
    List<String> makeConf,
    List<String> prefixDirs,
    String userScript,
    String userScriptDelimiter) {

  /**
   * An account. Exactly one of {@code passwordHash} / {@code passwordSecret} may be set: a
   * secret is read from {@code secretsDir/<name>} at build time and never rendered.
   *
   * @param uid null for the next free id
   * @param groups supplementary groups
   */
  public record Account(
      String name,
      String uid,
      List<String> groups,
      String shell,
      String home,
      String comment,
      String passwordHash,
      String passwordSecret,
      List<String> sshKeys) {
    public Account {
      groups = List.copyOf(groups);
      sshKeys = List.copyOf(sshKeys);
    }

    /** The home directory: the given one, /root for root, else /home/name. */
    public String homeOrDefault() {
      return home != null ? home : name.equals("root") ? "/root" : "/home/" + name;
    }
  }

  /** A dist kernel: dracut settings (dracut.conf lines) and the package whose config regenerates the initramfs. */
  public record DistKernel(String packageAtom, List<String> dracutConf) {
    public DistKernel {
      dracutConf = List.copyOf(dracutConf);
    }
  }

  /** A repos.conf stanza for an overlay kept in the image. */
  public record RepoStanza(String name, String location, String syncType, String syncUri) {}

  /** chmod MODE on every path matching GLOB. */
  public record ModeRule(String glob, String mode) {}

  public Fsscript {
    groups = List.copyOf(groups);
    users = List.copyOf(users);
    locales = List.copyOf(locales);
    systemdEnable = List.copyOf(systemdEnable);
    systemdDisable = List.copyOf(systemdDisable);
    systemdMask = List.copyOf(systemdMask);
    worldAdd = List.copyOf(worldAdd);
    repos = List.copyOf(repos);
    owners = List.copyOf(owners);
    modes = List.copyOf(modes);
    makeConf = makeConf == null ? null : List.copyOf(makeConf);
    prefixDirs = List.copyOf(prefixDirs);
  }
}
