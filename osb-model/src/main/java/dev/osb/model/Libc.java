package dev.osb.model;

/** The C library; it decides whether locales are generated. */
public enum Libc {
  GLIBC("glibc"),
  MUSL("musl");

  private final String id;

  Libc(String id) {
    this.id = id;
  }

  public String id() {
    return id;
  }

  /** musl when the profile has a {@code musl} segment or the chost ends in {@code musl}. */
  public static Libc of(String profile, String chost) {
    if (chost != null && chost.endsWith("musl")) {
      return MUSL;
    }
    for (String seg : profile.substring(profile.indexOf(':') + 1).split("/")) {
      if (seg.equals("musl")) {
        return MUSL;
      }
    }
    return GLIBC;
  }
}
