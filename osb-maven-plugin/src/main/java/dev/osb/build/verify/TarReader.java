package dev.osb.build.verify;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * A small streaming reader of uncompressed tar archives: POSIX ustar (with its name prefix), GNU
 * (long names {@code L}, long link targets {@code K}, base-256 numbers, old sparse members) and
 * pax (extended {@code x} and global {@code g} headers: {@code path}, {@code linkpath}, {@code
 * uid}, {@code gid}, {@code uname}, {@code gname}, {@code size}; {@code GNU.sparse.*} names).
 *
 * <p>It is strict where silence would hide a broken tarball: a header whose checksum does not
 * match, a number that is not octal, a malformed pax record, and an archive that ends without its
 * end-of-archive block are errors ({@link IOException} naming the byte offset). Member data is
 * skipped unless the caller asks for a member's content; metadata members are limited to 1 MiB.
 * Which members carry data follows Python's tarfile: regular files, sparse files and unknown
 * types do; links, directories, devices and fifos do not.
 */
public final class TarReader implements Closeable {

  public static final int BLOCK = 512;

  /** Largest GNU long name, long link or pax header accepted. */
  static final int MAX_META = 1 << 20;

  private final InputStream in;
  private final Map<String, String> global = new HashMap<>();
  private final byte[] skipBuffer = new byte[64 * 1024];
  private long offset;
  private boolean ended;

  public TarReader(InputStream in) {
    this.in = in;
  }

  /** Bytes of the archive consumed so far. */
  public long offset() {
    return offset;
  }

  /**
   * The next member, or null after the end-of-archive block.
   *
   * @param keep members whose (normalised) path it accepts get a SHA-256 digest and, up to
   *     {@code maxContent} bytes, their content
   * @param maxContent the largest content kept in memory
   */
  public TarEntry next(Predicate<String> keep, long maxContent) throws IOException {
    if (ended) {
      return null;
    }
    String longName = null;
    String longLink = null;
    Map<String, String> pax = null;
    while (true) {
      long headerOffset = offset;
      byte[] h = readBlock(true);
      if (h == null) {
        throw new EOFException("tar archive ends at byte " + headerOffset
            + " without its end-of-archive block (truncated?)");
      }
      if (allZero(h)) {
        // the end-of-archive marker is two zero blocks; GNU tar accepts one, and so do we
        ended = true;
        return null;
      }
      verifyChecksum(h, headerOffset);
      char typeflag = (char) (h[156] & 0xff);
      long headerSize = number(h, 124, 12, "size", headerOffset);
      if (headerSize < 0) {
        throw new IOException("tar header at byte " + headerOffset + " has a negative size");
      }
      switch (typeflag) {
        case 'L' -> {
          longName = cString(readMeta(headerSize, headerOffset, "GNU long name"));
          continue;
        }
        case 'K' -> {
          longLink = cString(readMeta(headerSize, headerOffset, "GNU long link"));
          continue;
        }
        case 'x', 'X' -> {
          Map<String, String> records = parsePax(readMeta(headerSize, headerOffset, "pax header"), headerOffset);
          if (pax == null) {
            pax = records;
          } else {
            pax.putAll(records);
          }
          continue;
        }
        case 'g' -> {
          parsePax(readMeta(headerSize, headerOffset, "pax global header"), headerOffset).forEach((k, v) -> {
            if (v.isEmpty()) {
              global.remove(k);
            } else {
              global.put(k, v);
            }
          });
          continue;
        }
        case 'V' -> {
          // a volume label is not a member of the file system
          skip(padded(headerSize));
          continue;
        }
        default -> {
          // a member
        }
      }
      Map<String, String> ext = new HashMap<>(global);
      if (pax != null) {
        pax.forEach((k, v) -> {
          if (v.isEmpty()) {
            ext.remove(k);
          } else {
            ext.put(k, v);
          }
        });
      }
      return member(h, headerOffset, typeflag, headerSize, longName, longLink, ext, keep, maxContent);
    }
  }

  private TarEntry member(byte[] h, long headerOffset, char typeflag, long headerSize, String longName,
      String longLink, Map<String, String> ext, Predicate<String> keep, long maxContent) throws IOException {
    boolean ustar = h[257] == 'u' && h[258] == 's' && h[259] == 't' && h[260] == 'a' && h[261] == 'r' && h[262] == 0;
    String rawName;
    if (ext.containsKey("GNU.sparse.name")) {
      rawName = ext.get("GNU.sparse.name");
    } else if (ext.containsKey("path")) {
      rawName = ext.get("path");
    } else if (longName != null) {
      rawName = longName;
    } else {
      rawName = cString(h, 0, 100);
      if (ustar) {
        String prefix = cString(h, 345, 155);
        if (!prefix.isEmpty()) {
          rawName = prefix + "/" + rawName;
        }
      }
    }
    String rawLink = ext.containsKey("linkpath") ? ext.get("linkpath")
        : longLink != null ? longLink : cString(h, 157, 100);

    int mode = (int) (number(h, 100, 8, "mode", headerOffset) & 07777);
    long uid = ext.containsKey("uid") ? paxNumber(ext, "uid", headerOffset) : number(h, 108, 8, "uid", headerOffset);
    long gid = ext.containsKey("gid") ? paxNumber(ext, "gid", headerOffset) : number(h, 116, 8, "gid", headerOffset);
    String uname = ext.containsKey("uname") ? ext.get("uname") : cString(h, 265, 32);
    String gname = ext.containsKey("gname") ? ext.get("gname") : cString(h, 297, 32);
    long dataSize = ext.containsKey("size") ? paxNumber(ext, "size", headerOffset) : headerSize;

    TarEntry.Type type = switch (typeflag) {
      case '0', '\0', '7' -> rawName.endsWith("/") ? TarEntry.Type.DIRECTORY : TarEntry.Type.FILE;
      case '1' -> TarEntry.Type.HARDLINK;
      case '2' -> TarEntry.Type.SYMLINK;
      case '3' -> TarEntry.Type.CHAR_DEVICE;
      case '4' -> TarEntry.Type.BLOCK_DEVICE;
      case '5', 'D' -> TarEntry.Type.DIRECTORY;
      case '6' -> TarEntry.Type.FIFO;
      case 'S' -> TarEntry.Type.SPARSE;
      default -> TarEntry.Type.OTHER;
    };
    boolean paxSparse = ext.keySet().stream().anyMatch(k -> k.startsWith("GNU.sparse."));
    if (type == TarEntry.Type.FILE && paxSparse) {
      type = TarEntry.Type.SPARSE;
    }
    long size = dataSize;
    if (typeflag == 'S') {
      // old GNU sparse: the real size is in the header, extension blocks follow it
      size = number(h, 483, 12, "realsize", headerOffset);
      boolean extended = h[482] != 0;
      while (extended) {
        byte[] x = readBlock(false);
        extended = x[504] != 0;
      }
    } else if (paxSparse) {
      String real = ext.containsKey("GNU.sparse.realsize") ? "GNU.sparse.realsize"
          : ext.containsKey("GNU.sparse.size") ? "GNU.sparse.size" : null;
      if (real != null) {
        size = paxNumber(ext, real, headerOffset);
      }
    }
    // which members carry data: as Python's tarfile (regular, contiguous, sparse, unknown types)
    boolean hasData = switch (type) {
      case FILE, SPARSE, OTHER -> true;
      case DIRECTORY -> typeflag == 'D';
      default -> false;
    };
    if (!hasData) {
      size = 0;
    }
    String path = normalize(rawName);
    String link = switch (type) {
      case HARDLINK -> normalize(rawLink);
      case SYMLINK -> rawLink;
      default -> null;
    };
    byte[] content = null;
    String digest = null;
    long stored = hasData ? dataSize : 0;
    if (type == TarEntry.Type.FILE && keep.test(path)) {
      MessageDigest md = sha256();
      ByteArrayOutputStream buf = stored <= maxContent ? new ByteArrayOutputStream((int) Math.min(stored, 1 << 16)) : null;
      long left = stored;
      while (left > 0) {
        int n = (int) Math.min(left, skipBuffer.length);
        readFully(skipBuffer, n);
        md.update(skipBuffer, 0, n);
        if (buf != null) {
          buf.write(skipBuffer, 0, n);
        }
        left -= n;
      }
      skip(padded(stored) - stored);
      content = buf == null ? null : buf.toByteArray();
      digest = HexFormat.of().formatHex(md.digest());
    } else {
      skip(padded(stored));
    }
    return new TarEntry(path, type, mode, uid, gid, uname, gname, size, link, content, digest);
  }

  /** {@code /a/b} for {@code ./a/b}, {@code a/b/}, {@code /a//b}, {@code a/./b}; {@code /} for the root. */
  public static String normalize(String raw) {
    StringBuilder sb = new StringBuilder();
    for (String seg : raw.split("/")) {
      if (seg.isEmpty() || seg.equals(".")) {
        continue;
      }
      sb.append('/').append(seg);
    }
    return sb.length() == 0 ? "/" : sb.toString();
  }

  // ------------------------------------------------------------------ blocks and fields

  private byte[] readBlock(boolean eofOk) throws IOException {
    byte[] b = new byte[BLOCK];
    int got = 0;
    while (got < BLOCK) {
      int n = in.read(b, got, BLOCK - got);
      if (n < 0) {
        if (got == 0 && eofOk) {
          return null;
        }
        throw new EOFException("tar archive truncated at byte " + (offset + got));
      }
      got += n;
    }
    offset += BLOCK;
    return b;
  }

  private void readFully(byte[] b, int len) throws IOException {
    int got = 0;
    while (got < len) {
      int n = in.read(b, got, len - got);
      if (n < 0) {
        throw new EOFException("tar archive truncated at byte " + (offset + got) + " (in a member's data)");
      }
      got += n;
    }
    offset += len;
  }

  private void skip(long n) throws IOException {
    long left = n;
    while (left > 0) {
      int chunk = (int) Math.min(left, skipBuffer.length);
      readFully(skipBuffer, chunk);
      left -= chunk;
    }
  }

  private static long padded(long size) {
    return (size + BLOCK - 1) / BLOCK * BLOCK;
  }

  private byte[] readMeta(long size, long headerOffset, String what) throws IOException {
    if (size > MAX_META) {
      throw new IOException(what + " at byte " + headerOffset + " is " + size + " bytes; more than "
          + MAX_META + " is not a real archive");
    }
    byte[] b = new byte[(int) size];
    readFully(b, b.length);
    skip(padded(size) - size);
    return b;
  }

  private static boolean allZero(byte[] b) {
    for (byte x : b) {
      if (x != 0) {
        return false;
      }
    }
    return true;
  }

  private static void verifyChecksum(byte[] h, long headerOffset) throws IOException {
    long stored = number(h, 148, 8, "checksum", headerOffset);
    long unsigned = 0;
    long signed = 0;
    for (int i = 0; i < BLOCK; i++) {
      byte b = (i >= 148 && i < 156) ? (byte) ' ' : h[i];
      unsigned += b & 0xff;
      signed += b;
    }
    if (stored != unsigned && stored != signed) {
      throw new IOException("tar header at byte " + headerOffset + " has a bad checksum (not a tar archive, "
          + "or a corrupt one)");
    }
  }

  /** An octal field (spaces and NULs around it), or GNU base-256 when the high bit is set. */
  static long number(byte[] h, int off, int len, String field, long headerOffset) throws IOException {
    int first = h[off] & 0xff;
    if ((first & 0x80) != 0) {
      // base-256, two's complement; 0x80 marks a positive number, 0xff a negative one
      boolean negative = (first & 0x40) != 0;
      long v = negative ? -1L : 0L;
      v = (v << 8) | (negative ? first : (first & 0x7f));
      for (int i = 1; i < len; i++) {
        if (!negative && (v >>> 55) != 0) {
          throw new IOException("tar header at byte " + headerOffset + ": " + field + " does not fit 63 bits");
        }
        v = (v << 8) | (h[off + i] & 0xff);
      }
      return v;
    }
    int i = off;
    int end = off + len;
    while (i < end && (h[i] == ' ' || h[i] == 0)) {
      i++;
    }
    long v = 0;
    boolean digits = false;
    for (; i < end; i++) {
      byte b = h[i];
      if (b == ' ' || b == 0) {
        break;
      }
      if (b < '0' || b > '7') {
        throw new IOException("tar header at byte " + headerOffset + ": " + field + " is not an octal number");
      }
      if ((v >>> 60) != 0) {
        throw new IOException("tar header at byte " + headerOffset + ": " + field + " is too large");
      }
      v = (v << 3) | (b - '0');
      digits = true;
    }
    for (; i < end; i++) {
      if (h[i] != ' ' && h[i] != 0) {
        throw new IOException("tar header at byte " + headerOffset + ": " + field + " has trailing garbage");
      }
    }
    return digits ? v : 0;
  }

  private static long paxNumber(Map<String, String> ext, String key, long headerOffset) throws IOException {
    String v = ext.get(key);
    try {
      long n = Long.parseLong(v);
      if (n < 0) {
        throw new NumberFormatException();
      }
      return n;
    } catch (NumberFormatException e) {
      throw new IOException("pax header before byte " + headerOffset + ": " + key + "=" + v
          + " is not a non-negative integer");
    }
  }

  private static String cString(byte[] h, int off, int len) {
    int end = off;
    while (end < off + len && h[end] != 0) {
      end++;
    }
    return new String(h, off, end - off, StandardCharsets.UTF_8);
  }

  private static String cString(byte[] b) {
    return cString(b, 0, b.length);
  }

  /** {@code "<len> <key>=<value>\n"} records; a later record of a key wins. */
  static Map<String, String> parsePax(byte[] b, long headerOffset) throws IOException {
    Map<String, String> out = new HashMap<>();
    int pos = 0;
    while (pos < b.length) {
      if (b[pos] == 0) {
        break; // NUL padding after the last record (some writers)
      }
      int sp = pos;
      long len = 0;
      while (sp < b.length && b[sp] >= '0' && b[sp] <= '9') {
        len = len * 10 + (b[sp] - '0');
        if (len > b.length) {
          break;
        }
        sp++;
      }
      if (sp == pos || sp >= b.length || b[sp] != ' ' || len <= sp - pos + 1 || pos + len > b.length
          || b[(int) (pos + len - 1)] != '\n') {
        throw new IOException("pax header at byte " + headerOffset + " has a malformed record at offset " + pos);
      }
      String rec = new String(b, sp + 1, (int) (pos + len - 1 - (sp + 1)), StandardCharsets.UTF_8);
      int eq = rec.indexOf('=');
      if (eq <= 0) {
        throw new IOException("pax header at byte " + headerOffset + " has a record without key=value at offset " + pos);
      }
      out.put(rec.substring(0, eq), rec.substring(eq + 1));
      pos += (int) len;
    }
    return out;
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Every member of {@code in}, metadata only (for tests and listings). */
  public static List<TarEntry> list(InputStream in) throws IOException {
    TarReader r = new TarReader(in);
    List<TarEntry> out = new ArrayList<>();
    for (TarEntry e; (e = r.next(p -> false, 0)) != null; ) {
      out.add(e);
    }
    return out;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
