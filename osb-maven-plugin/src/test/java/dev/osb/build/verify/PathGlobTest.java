package dev.osb.build.verify;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Globs match as the fsscript's shell loop and catalyst's Python glob expand them. */
class PathGlobTest {

  @Test
  void starAndQuestionMarkStayInOneSegment() {
    PathGlob g = PathGlob.compile("/etc/sudoers.d/*");
    assertTrue(g.matches("/etc/sudoers.d/wheel"));
    assertFalse(g.matches("/etc/sudoers.d"));
    assertFalse(g.matches("/etc/sudoers.d/a/b"));
    assertFalse(g.matches("/etc/sudoers.d/.hidden"), "no dotglob");
    assertTrue(PathGlob.compile("/etc/sudoers.d/.*").matches("/etc/sudoers.d/.hidden"));
    assertTrue(PathGlob.compile("/usr/lib/lib?.so").matches("/usr/lib/libc.so"));
    assertFalse(PathGlob.compile("/usr/lib/lib?.so").matches("/usr/lib/libcc.so"));
    assertTrue(PathGlob.compile("/home/*/.ssh").matches("/home/admin/.ssh"));
  }

  @Test
  void classesAndLiterals() {
    assertTrue(PathGlob.compile("/var/log/[a-c]*.log").matches("/var/log/boot.log"));
    assertFalse(PathGlob.compile("/var/log/[a-c]*.log").matches("/var/log/dmesg.log"));
    assertTrue(PathGlob.compile("/var/log/[!a-c]*.log").matches("/var/log/dmesg.log"));
    assertTrue(PathGlob.compile("/var/log/[^a-c]*.log").matches("/var/log/dmesg.log"));
    assertTrue(PathGlob.compile("/opt/a+b=c,d@e").matches("/opt/a+b=c,d@e"));
    assertTrue(PathGlob.compile("/opt/a+b").isLiteral());
    assertFalse(PathGlob.compile("/opt/a*").isLiteral());
    assertTrue(PathGlob.compile("/usr/share/doc/").matches("/usr/share/doc"), "trailing / ignored");
    assertFalse(PathGlob.compile("/usr/share/doc").matches("/usr/share/docs"));
  }

  @Test
  void selfOrParent() {
    PathGlob g = PathGlob.compile("/usr/share/doc");
    assertTrue(g.matchesSelfOrParent("/usr/share/doc"));
    assertTrue(g.matchesSelfOrParent("/usr/share/doc/sudo/README"));
    assertFalse(g.matchesSelfOrParent("/usr/share/docs/x"));
    assertFalse(g.matchesSelfOrParent("/usr/share"));
  }
}
