package dev.osb.build.verify;

import java.nio.charset.StandardCharsets;

/**
 * One member of a tar archive, as osb:verify needs it.
 *
 * @param path absolute and normalised: {@code /etc/passwd}; the archive root ({@code ./}) is
 *     {@code /}; a trailing {@code /} and {@code .} segments are dropped, {@code ..} is kept as
 *     written
 * @param type what the member is
 * @param mode the permission bits, {@code 07777} at most (setuid, setgid, sticky included)
 * @param uid numeric owner (from a pax {@code uid} record when there is one)
 * @param gid numeric group
 * @param uname owner name, or empty
 * @param gname group name, or empty
 * @param size the file's size (a sparse file's real size); 0 for links, directories and devices
 * @param linkTarget a symlink's target as written, a hard link's target as a normalised path
 *     like {@link #path}, or null
 * @param content the bytes of a regular file the reader was asked to keep, or null
 * @param sha256 hex SHA-256 of a regular file the reader was asked to keep (also when it was too
 *     large to keep), or null
 */
public record TarEntry(
    String path,
    Type type,
    int mode,
    long uid,
    long gid,
    String uname,
    String gname,
    long size,
    String linkTarget,
    byte[] content,
    String sha256) {

  /** The member types. */
  public enum Type {
    FILE,
    HARDLINK,
    SYMLINK,
    CHAR_DEVICE,
    BLOCK_DEVICE,
    DIRECTORY,
    FIFO,
    /** A GNU sparse file: its data is not reassembled, so it has no content. */
    SPARSE,
    /** A member type osb:verify does not interpret; its data was skipped. */
    OTHER
  }

  @Override
  public byte[] content() {
    return content == null ? null : content.clone();
  }

  /** The kept content as UTF-8 (malformed bytes replaced), or null. */
  public String text() {
    return content == null ? null : new String(content, StandardCharsets.UTF_8);
  }

  /** The permission bits as four octal digits, e.g. {@code 0644}. */
  public String octalMode() {
    return octal(mode);
  }

  /** {@code mode} as four octal digits. */
  public static String octal(int mode) {
    String s = Integer.toOctalString(mode & 07777);
    return "0".repeat(Math.max(0, 4 - s.length())) + s;
  }

  /** A copy carrying other content and digest (the second pass for hard link targets). */
  TarEntry withContent(byte[] newContent, String newSha256) {
    return new TarEntry(path, type, mode, uid, gid, uname, gname, size, linkTarget, newContent, newSha256);
  }

  @Override
  public String toString() {
    return type + " " + path + " " + octalMode() + " " + uid + ":" + gid
        + (linkTarget != null ? " -> " + linkTarget : "") + (type == Type.FILE ? " (" + size + " bytes)" : "");
  }
}
