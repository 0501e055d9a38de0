package dev.osb.validate;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every key of the os.yaml v1 language, by section. The section path names where a map sits:
 * {@code ""} is the top level, {@code "make"} the map under {@code make:}, {@code "packages[]"}
 * the map form of a package entry, {@code "variants.*"} a variant, and so on. The binder reads
 * only these keys and reports any other with a did-you-mean; the JSON schema is kept equal to
 * this table by a test.
 */
public final class Keys {

  private Keys() {}

  /** The top-level keys a variant may not set (they belong to the whole chain). */
  public static final Set<String> NOT_IN_VARIANT =
      Set.of("osb", "extends", "arch", "stages", "snapshot", "seed", "variants", "builds", "build");

  private static final Map<String, List<String>> SECTIONS = new LinkedHashMap<>();

  static {
    SECTIONS.put("", List.of("osb", "name", "description", "extends", "arch", "profile", "init",
        "stages", "snapshot", "seed", "make", "use", "packages", "unmerge", "portage", "repos",
        "kernel", "system", "users", "services", "files", "scripts", "binpkgs", "variants",
        "builds", "build"));
    SECTIONS.put("snapshot", List.of("treeish", "repo"));
    SECTIONS.put("seed", List.of("url", "sha512", "file", "artifact"));
    SECTIONS.put("make", List.of("common_flags", "chost", "makeopts", "features",
        "accept_license", "vars"));
    SECTIONS.put("packages[]", List.of("use", "keywords", "license", "env"));
    SECTIONS.put("portage", List.of("use", "accept_keywords", "license", "mask", "unmask", "env",
        "env_files", "build_only", "files"));
    // only what lands in the directories catalyst cleans (package.license is not one of them)
    SECTIONS.put("portage.build_only", List.of("use", "accept_keywords", "mask", "unmask", "env",
        "env_files"));
    SECTIONS.put("repos[]", List.of("name", "path", "sync", "uri", "commit", "keep"));
    SECTIONS.put("kernel", List.of("name", "package", "config", "dracut_args", "modules",
        "emerge_options"));
    SECTIONS.put("system", List.of("hostname", "timezone", "locales", "keymap"));
    SECTIONS.put("users[]", List.of("name", "uid", "groups", "shell", "home", "comment",
        "password_hash", "ssh_authorized_keys"));
    SECTIONS.put("services", List.of("enable", "disable", "mask"));
    SECTIONS.put("services.enable[]", List.of("name", "runlevel"));
    SECTIONS.put("files", List.of("overlay", "modes", "remove", "empty"));
    SECTIONS.put("scripts", List.of("fsscript"));
    SECTIONS.put("binpkgs", List.of("fetch", "ship"));
    SECTIONS.put("binpkgs.ship", List.of("url", "verify_signature"));
    SECTIONS.put("builds.*", List.of("target", "from", "arch", "profile", "portage",
        "portage_prefix", "rel_type", "version_stamp", "compression", "catalyst"));
    SECTIONS.put("build", List.of("runner", "jobs", "load_average", "compression", "cache",
        "ccache", "distcc"));
    SECTIONS.put("build.distcc", List.of("hosts"));
  }

  /** The keys of one section, in documentation order; empty for an unknown section. */
  public static List<String> of(String section) {
    return SECTIONS.getOrDefault(section, List.of());
  }

  /** Every section path and its keys. */
  public static Map<String, List<String>> sections() {
    return java.util.Collections.unmodifiableMap(SECTIONS);
  }
}
