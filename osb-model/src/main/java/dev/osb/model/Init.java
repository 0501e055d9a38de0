package dev.osb.model;

/** The init system; it decides how services are enabled and which seed flavour fits. */
public enum Init {
  OPENRC("openrc"),
  SYSTEMD("systemd");

  private final String id;

  Init(String id) {
    this.id = id;
  }

  public String id() {
    return id;
  }

  /** What a profile path implies: systemd profiles contain a {@code systemd} segment. */
  public static Init ofProfile(String profile) {
    for (String seg : profile.substring(profile.indexOf(':') + 1).split("/")) {
      if (seg.equals("systemd")) {
        return SYSTEMD;
      }
    }
    return OPENRC;
  }
}
