package dev.osb.model;

import java.util.Set;

/**
 * The USE_EXPAND variables of the Gentoo profiles (profiles/base/make.defaults). Catalyst
 * rewrites make.conf, so in {@code make.vars} these also become {@code *}{@code /* VAR: values}
 * package.use lines, which take effect during the build; their values are USE flag tokens.
 */
public final class UseExpand {

  private UseExpand() {}

  private static final Set<String> NAMES = Set.of("ABI_MIPS", "ABI_S390", "ABI_X86", "ADA_TARGET",
      "ALSA_CARDS", "AMDGPU_TARGETS", "APACHE2_MODULES", "APACHE2_MPMS", "CALLIGRA_FEATURES",
      "CAMERAS", "COLLECTD_PLUGINS", "CPU_FLAGS_ARM", "CPU_FLAGS_PPC", "CPU_FLAGS_X86", "CURL_SSL",
      "FFTOOLS", "GPSD_PROTOCOLS", "GRUB_PLATFORMS", "GUILE_SINGLE_TARGET", "GUILE_TARGETS",
      "INPUT_DEVICES", "L10N", "LCD_DEVICES", "LLVM_SLOT", "LLVM_TARGETS", "LUA_SINGLE_TARGET",
      "LUA_TARGETS", "MONKEYD_PLUGINS", "NGINX_MODULES_HTTP", "NGINX_MODULES_MAIL",
      "NGINX_MODULES_STREAM", "OFFICE_IMPLEMENTATION", "OPENMPI_FABRICS", "OPENMPI_OFED_FEATURES",
      "OPENMPI_RM", "PHP_TARGETS", "POSTGRES_TARGETS", "PYTHON_SINGLE_TARGET", "PYTHON_TARGETS",
      "QEMU_SOFTMMU_TARGETS", "QEMU_USER_TARGETS", "ROS_MESSAGES", "RUBY_TARGETS", "SANE_BACKENDS",
      "UWSGI_PLUGINS", "VIDEO_CARDS", "VOICEMAIL_STORAGE", "XTABLES_ADDONS");


  public static boolean contains(String variable) {
    return NAMES.contains(variable);
  }
}
