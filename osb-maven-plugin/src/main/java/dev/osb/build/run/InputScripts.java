package dev.osb.build.run;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The two constant bash scripts the runners start catalyst with. They are constants: every
 * variable part reaches them as a positional argument ({@code bash -c SCRIPT NAME ARGS...}),
 * never by building script text.
 *
 * <p>{@link #PREPARE} (every runner) makes {@code /osb/input}: root-owned, mode-normalised
 * copies ({@code cp -a --no-preserve=ownership}, {@code chown -R -h 0:0}, {@code chmod -R
 * u+rwX,go+rX,go-w}) of every {@code /osb/out/portage/<build>} and of each root overlay named
 * by {@code --overlay BUILD SOURCE} (to {@code /osb/input/overlay/BUILD}; SOURCE is a directory
 * below {@code /osb/project}, or empty for an overlay that carries only the secrets), with the
 * files of {@code /osb/secrets} (when mounted) in the overlay's {@code var/tmp/osb-secrets/}
 * (0700/0600); and of each git overlay named by {@code --repo NAME TAR} (TAR, the repository's
 * {@code git archive} at its pinned commit, is read through the store's mount: a {@code .tar} below
 * {@code /var/tmp/catalyst/repos/}; it is unpacked to {@code /osb/input/repos/NAME}, the spec's
 * {@code repos} entry). Catalyst's {@code rsync -a} would otherwise hand {@code /} and
 * {@code /etc} of the stage the invoking user's uid. Then it {@code exec}s the command after
 * {@code --}.
 *
 * <pre>
 * bash -c PREPARE osb-prepare [--overlay BUILD SOURCE]... [--repo NAME TAR]... -- COMMAND [ARGS...]
 * </pre>
 *
 * <p>{@link #NATIVE} (the native runner, inside {@code unshare --mount --propagation private})
 * first builds the layout: a tmpfs on {@code /osb} (so {@code /osb/input} vanishes with the
 * namespace; only the empty mount points {@code /osb}, {@code /var/tmp/catalyst} and
 * {@code /var/cache/distfiles} are created on the host when missing), bind mounts of project
 * and rendered tree (then remounted read-only), store, distfiles and secrets, then runs the
 * same preparation.
 *
 * <pre>
 * bash -c NATIVE osb-native PROJECT OUT STORE DISTFILES SECRETS|"" [--overlay BUILD SOURCE]... [--repo NAME TAR]...
 *   -- COMMAND [ARGS...]
 * </pre>
 *
 * <p>Exit codes of their own: 64 bad arguments (an overlay build name or repository name of the
 * wrong shape, a repository tar outside {@code /var/tmp/catalyst/repos/}), 66 an overlay source
 * that is not a directory or a repository tar that is not a file; otherwise the command's (or the
 * failing {@code cp}/{@code tar}/{@code mount}'s).
 */
public final class InputScripts {

  private InputScripts() {}

  /** {@code $0} of the prepare script, shown by bash in its own error messages. */
  public static final String PREPARE_NAME = "osb-prepare";

  /** {@code $0} of the native script. */
  public static final String NATIVE_NAME = "osb-native";

  private static final String PREPARE_BODY = ""
      + "umask 022\n"
      + "osb_fail() { printf 'osb: prepare: %s\\n' \"$2\" >&2; exit \"$1\"; }\n"
      + "osb_normalise() {\n"
      + "  chown -R -h 0:0 -- \"$1\"\n"
      + "  chmod -R u+rwX,go+rX,go-w -- \"$1\"\n"
      + "}\n"
      + "mkdir -p /osb/input/portage /osb/input/overlay\n"
      + "if [ -d /osb/out/portage ]; then\n"
      + "  cp -a --no-preserve=ownership /osb/out/portage/. /osb/input/portage/\n"
      + "fi\n"
      + "osb_normalise /osb/input/portage\n"
      + "osb_done=portage\n"
      + "while [ \"$#\" -gt 0 ] && [ \"$1\" != -- ]; do\n"
      + "  case $1 in\n"
      + "    --overlay)\n"
      + "      [ \"$#\" -ge 3 ] || osb_fail 64 '--overlay needs a build and a source'\n"
      + "      case $2 in\n"
      + "        ''|.|..|*/*) osb_fail 64 \"bad overlay build name '$2'\" ;;\n"
      + "      esac\n"
      + "      osb_dst=/osb/input/overlay/$2\n"
      + "      rm -rf -- \"$osb_dst\"\n"
      + "      mkdir -p -- \"$osb_dst\"\n"
      + "      if [ -n \"$3\" ]; then\n"
      + "        [ -d \"$3\" ] || osb_fail 66 \"the root overlay of build $2, $3, is not a directory\"\n"
      + "        cp -a --no-preserve=ownership -- \"$3\"/. \"$osb_dst\"/\n"
      + "      fi\n"
      + "      osb_normalise \"$osb_dst\"\n"
      + "      if [ -d /osb/secrets ]; then\n"
      + "        [ -d \"$osb_dst/var\" ] || mkdir -m 0755 -- \"$osb_dst/var\"\n"
      + "        [ -d \"$osb_dst/var/tmp\" ] || mkdir -m 1777 -- \"$osb_dst/var/tmp\"\n"
      + "        mkdir -p -m 0700 -- \"$osb_dst/var/tmp/osb-secrets\"\n"
      + "        for osb_s in /osb/secrets/*; do\n"
      + "          [ -f \"$osb_s\" ] || continue\n"
      + "          install -m 0600 -o 0 -g 0 -- \"$osb_s\" \"$osb_dst/var/tmp/osb-secrets/\"\n"
      + "        done\n"
      + "      fi\n"
      + "      osb_done=\"$osb_done, overlay/$2\"\n"
      + "      shift 3 ;;\n"
      + "    --repo)\n"
      + "      [ \"$#\" -ge 3 ] || osb_fail 64 '--repo needs a repository name and a tar file'\n"
      + "      case $2 in\n"
      + "        ''|-*|*[!A-Za-z0-9_-]*) osb_fail 64 \"bad repository name '$2'\" ;;\n"
      + "      esac\n"
      + "      case $3 in\n"
      + "        */../*|*/./*) osb_fail 64 \"the archive of repository $2, $3, is not a .tar file below /var/tmp/catalyst/repos\" ;;\n"
      + "        /var/tmp/catalyst/repos/?*.tar) ;;\n"
      + "        *) osb_fail 64 \"the archive of repository $2, $3, is not a .tar file below /var/tmp/catalyst/repos\" ;;\n"
      + "      esac\n"
      + "      [ -f \"$3\" ] || osb_fail 66 \"the archive of repository $2, $3, is not a file (osb:build fetches it into the store)\"\n"
      + "      osb_dst=/osb/input/repos/$2\n"
      + "      rm -rf -- \"$osb_dst\"\n"
      + "      mkdir -p -- \"$osb_dst\"\n"
      + "      tar -xf \"$3\" -C \"$osb_dst\" --no-same-owner\n"
      + "      osb_normalise \"$osb_dst\"\n"
      + "      osb_done=\"$osb_done, repos/$2\"\n"
      + "      shift 3 ;;\n"
      + "    *) osb_fail 64 \"unknown argument '$1'\" ;;\n"
      + "  esac\n"
      + "done\n"
      + "[ \"$#\" -gt 0 ] && shift\n"
      + "[ \"$#\" -gt 0 ] || osb_fail 64 'no command after --'\n"
      + "printf 'osb: /osb/input ready (%s, root-owned); running %s\\n' \"$osb_done\" \"$1\"\n"
      + "exec \"$@\"\n";

  /** Makes {@code /osb/input}, then execs the command after {@code --}. */
  public static final String PREPARE = "set -euo pipefail\n" + PREPARE_BODY;

  /** Builds the layout in the (already private) mount namespace, then {@link #PREPARE}'s work. */
  public static final String NATIVE = ""
      + "set -euo pipefail\n"
      + "[ \"$#\" -ge 5 ] || { printf 'osb: native: PROJECT OUT STORE DISTFILES SECRETS expected\\n' >&2; exit 64; }\n"
      + "osb_project=$1 osb_out=$2 osb_store=$3 osb_distfiles=$4 osb_secrets=$5\n"
      + "shift 5\n"
      + "osb_ro_bind() {\n"
      + "  mount --bind \"$1\" \"$2\"\n"
      + "  mount -o remount,bind,ro \"$2\"\n"
      + "}\n"
      + "mkdir -p /osb /var/tmp/catalyst /var/cache/distfiles\n"
      + "mount -t tmpfs -o mode=0755 osb-layout /osb\n"
      + "mkdir /osb/project /osb/out /osb/input\n"
      + "osb_ro_bind \"$osb_project\" /osb/project\n"
      + "osb_ro_bind \"$osb_out\" /osb/out\n"
      + "mount --bind \"$osb_store\" /var/tmp/catalyst\n"
      + "mount --bind \"$osb_distfiles\" /var/cache/distfiles\n"
      + "if [ -n \"$osb_secrets\" ]; then\n"
      + "  mkdir /osb/secrets\n"
      + "  osb_ro_bind \"$osb_secrets\" /osb/secrets\n"
      + "fi\n" + PREPARE_BODY;

  /** {@code --repo NAME TAR} for each git overlay, in name order; TAR as seen inside the layout. */
  static List<String> repoArgs(Mounts m) {
    List<String> a = new ArrayList<>();
    m.repos().forEach((name, tar) -> {
      a.add("--repo");
      a.add(name);
      a.add(m.inLayout(tar));
    });
    return a;
  }

  /** {@code --overlay BUILD SOURCE} for each overlay, in build order. */
  static List<String> overlayArgs(Map<String, String> overlays) {
    List<String> a = new ArrayList<>();
    overlays.forEach((build, source) -> {
      a.add("--overlay");
      a.add(build);
      a.add(Mounts.inLayout(source));
    });
    return a;
  }
}
