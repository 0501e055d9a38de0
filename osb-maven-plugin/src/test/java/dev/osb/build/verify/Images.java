package dev.osb.build.verify;

import dev.osb.plan.Build;
import dev.osb.plan.PortageFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The stage trees the fixture builds should produce: a Gentoo-like seed, then what catalyst and
 * the generated fsscript leave (accounts with real uids and modes, keys, system settings,
 * runlevels or units, portage files, world, the overlay handed to its owners). Values are written
 * out literally, as the fsscript template writes them; only make.conf, the portage tree and the
 * dracut settings are taken from the plan (they are the plan's own rendering).
 */
final class Images {

  static final String ROOT_HASH =
      "$6$rootsalt$Zq2N3cW1rI0tm9m1z0eE3h0n3Q5o0R7oPZ2bO5U0nL8x1YQYw9m0VbKc2Qm3lJm1m4X3bq6b7d8e9f0a1b2c3d";
  static final String ADMIN_HASH =
      "$6$saltsalt$TVLlQcbpFVof5W3Yz4DTP6gRstiNuHwwTt6GLc1E5n0U0aDehy0S5knV8wiOQSpT0Y77vwPZN.Pq.H91p5hVO1";
  static final String ROOT_KEY =
      "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFq7ozzvq5gMcTn1Jd9mPqf7L8bkJb3g1fDk6n2e0Rr1 root@ops";
  static final String ADMIN_KEY_1 =
      "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIEkOFnYssIYPg7kXCDt3eSWueqPC/N9z0tDOJg0i0NSz admin@laptop";
  static final String ADMIN_KEY_2 = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIJOaMR7h2iXPEBdLbyWZKraaUjVzwvGnzcaWhsYJti1L admin@desk";

  private Images() {}

  /** What every stage3 seed has: the base directories, accounts of baselayout, /etc/hosts. */
  static void seed(StageImage img) throws IOException {
    for (String d : List.of("/bin", "/etc", "/etc/conf.d", "/etc/env.d", "/etc/init.d", "/etc/portage",
        "/home", "/usr", "/usr/bin", "/usr/share", "/usr/share/zoneinfo", "/var", "/var/db", "/var/db/pkg",
        "/var/lib", "/var/lib/portage", "/var/cache", "/var/cache/distfiles")) {
      img.dir(d);
    }
    img.dir("/root", 0700, 0, 0);
    img.dir("/tmp", 01777, 0, 0);
    img.dir("/var/tmp", 01777, 0, 0);
    img.file("/etc/hosts", "127.0.0.1\tlocalhost\n::1\t\tlocalhost\n");
    img.file("/bin/bash", "#!bash stand-in\n", 0755, 0, 0);
    img.file("/usr/share/zoneinfo/UTC", "TZif2 UTC\n");
    img.file("/usr/share/zoneinfo/Europe/Berlin", "TZif2 Europe/Berlin\n");
    img.symlink("/etc/portage/make.profile", "../../var/db/repos/gentoo/profiles/default/linux/amd64/23.0");
  }

  /** The good stage4 of the openrc fixture (build {@code stage4} or the variant {@code tools}). */
  static StageImage openrc(Fixture fx, String buildId, Path dir) throws IOException {
    boolean tools = buildId.equals("tools");
    Build build = fx.build(buildId);
    StageImage img = StageImage.create(dir);
    seed(img);

    // accounts: baselayout's, then what the accounts step made of os.yaml's users
    StringBuilder passwd = new StringBuilder()
        .append("root:x:0:0:root:/root:/bin/bash\n")
        .append("bin:x:1:1:bin:/bin:/sbin/nologin\n")
        .append("daemon:x:2:2:daemon:/sbin:/sbin/nologin\n")
        .append("portage:x:250:250:portage:/var/lib/portage/home:/sbin/nologin\n")
        .append("admin:x:1000:1000:Administrator:/home/admin:/bin/bash\n")
        .append("svc:x:1001:1001::/var/lib/svc:/sbin/nologin\n");
    StringBuilder group = new StringBuilder()
        .append("root:x:0:root\n")
        .append("bin:x:1:root,bin,daemon\n")
        .append("daemon:x:2:root,bin,daemon\n")
        .append("wheel:x:10:root,admin").append(tools ? ",ops" : "").append("\n")
        .append("audio:x:18:admin\n")
        .append("portage:x:250:portage\n")
        .append("admin:x:1000:\n")
        .append("svc:x:1001:\n");
    StringBuilder shadow = new StringBuilder()
        .append("root:").append(ROOT_HASH).append(":20000:0:99999:7:::\n")
        .append("bin:!:20000::::::\n")
        .append("daemon:!:20000::::::\n")
        .append("portage:!:20000::::::\n")
        .append("admin:").append(ADMIN_HASH).append(":20000:0:99999:7:::\n")
        .append("svc:").append(Fixture.SECRET_HASH).append(":20000:0:99999:7:::\n");
    if (tools) {
      passwd.append("ops:x:1002:1002::/home/ops:/bin/bash\n");
      group.append("ops:x:1002:\n");
      shadow.append("ops:!:20000:0:99999:7:::\n");
    }
    img.file("/etc/passwd", passwd.toString(), 0644, 0, 0);
    img.file("/etc/group", group.toString(), 0644, 0, 0);
    img.file("/etc/shadow", shadow.toString(), 0640, 0, 0);
    img.dir("/root/.ssh", 0700, 0, 0);
    img.file("/root/.ssh/authorized_keys", ROOT_KEY + "\n", 0600, 0, 0);
    img.dir("/home/admin", 0700, 1000, 1000);
    img.dir("/home/admin/.ssh", 0700, 1000, 1000);
    img.file("/home/admin/.ssh/authorized_keys", ADMIN_KEY_1 + "\n" + ADMIN_KEY_2 + "\n", 0600, 1000, 1000);
    img.dir("/var/lib/svc", 0755, 1001, 1001);
    if (tools) {
      img.dir("/home/ops", 0700, 1002, 1002);
    }

    // system settings
    img.file("/etc/conf.d/hostname", "hostname=\"appliance\"\n");
    img.symlink("/etc/localtime", "../usr/share/zoneinfo/Europe/Berlin");
    img.file("/etc/timezone", "Europe/Berlin\n");
    img.file("/etc/locale.gen", "en_US.UTF-8 UTF-8\nde_DE.UTF-8 UTF-8\n");
    img.file("/etc/env.d/02locale", "LANG=\"en_US.UTF-8\"\n");
    img.file("/etc/conf.d/keymaps", "# Use keymap to specify the default console keymap.\nkeymap=\"de-latin1\"\n"
        + "windowkeys=\"YES\"\n");

    // services: init scripts, and the runlevel links rc-update made
    for (String s : List.of("sshd", "chronyd", "udev", "netmount", "local", "cronie")) {
      img.file("/etc/init.d/" + s, "#!/sbin/openrc-run\n", 0755, 0, 0);
    }
    img.dir("/etc/runlevels");
    for (String rl : List.of("boot", "default", "sysinit", "shutdown")) {
      img.dir("/etc/runlevels/" + rl);
    }
    img.symlink("/etc/runlevels/default/sshd", "/etc/init.d/sshd");
    img.symlink("/etc/runlevels/default/chronyd", "/etc/init.d/chronyd");
    img.symlink("/etc/runlevels/default/local", "/etc/init.d/local");
    img.symlink("/etc/runlevels/sysinit/udev", "/etc/init.d/udev");
    if (tools) {
      img.symlink("/etc/runlevels/default/cronie", "/etc/init.d/cronie");
    }

    // portage: the build's tree (catalyst's rsync), the shipped make.conf; no osb-build/ left
    portageTree(img, build);
    img.lines("/etc/portage/make.conf", build.fsscript().makeConf());
    img.lines("/etc/dracut.conf.d/osb.conf", List.of("compress=\"xz\"", "hostonly=\"no\""));

    // world and the installed packages; the unmerged netifrc is gone, perl is newer than <5.40
    List<String> world = new java.util.ArrayList<>(List.of("app-admin/sudo", "app-editors/vim",
        "dev-lang/python:3.13", "net-misc/chrony", "sys-kernel/gentoo-kernel-bin", "sys-kernel/installkernel"));
    List<String> installed = new java.util.ArrayList<>(List.of("app-admin/sudo-1.9.16_p2", "app-editors/vim-9.1.0866",
        "dev-lang/python-3.13.1", "dev-lang/perl-5.40.0-r1", "net-misc/chrony-4.6.1", "net-misc/openssh-9.9_p1",
        "sys-kernel/gentoo-kernel-bin-6.12.5", "sys-kernel/installkernel-50"));
    if (tools) {
      world.add("app-misc/tmux");
      installed.add("app-misc/tmux-3.5a");
    }
    img.lines("/var/lib/portage/world", world);
    for (String pf : installed) {
      img.dir("/var/db/pkg/" + pf);
      img.file("/var/db/pkg/" + pf + "/SLOT", pf.startsWith("dev-lang/python") ? "3.13\n" : "0\n");
    }

    // the root overlay, owners reset to root, the file in admin's home handed to admin, modes applied
    img.dir("/etc/sudoers.d", 0750, 0, 0);
    img.file("/etc/sudoers.d/wheel", "%wheel ALL=(ALL:ALL) ALL\n", 0440, 0, 0);
    img.file("/etc/motd", "Welcome to the appliance.\n", 0644, 0, 0);
    img.file("/home/admin/.bashrc", "# admin shell settings\nexport EDITOR=vim\n", 0644, 1000, 1000);
    img.dir("/usr/local");
    img.dir("/usr/local/bin");
    img.file("/usr/local/bin/hello", "#!/bin/sh\necho hello\n", 0755, 0, 0);
    return img;
  }

  /** The shipped files of a build's portage tree under /etc/portage, as catalyst's rsync leaves them. */
  static void portageTree(StageImage img, Build build) throws IOException {
    for (PortageFile f : build.portage()) {
      if (f.buildOnly()) {
        continue;
      }
      String path = "/etc/portage/" + f.path();
      if (f.source() != null) {
        img.file(path, Files.readAllBytes(f.source()), 0644, 0, 0);
      } else {
        img.lines(path, f.lines());
      }
    }
  }

  /** The good stage4 of the systemd fixture. */
  static StageImage systemd(Fixture fx, Path dir) throws IOException {
    Build build = fx.build("stage4");
    StageImage img = StageImage.create(dir);
    seed(img);
    img.file("/etc/passwd", "root:x:0:0:root:/root:/bin/bash\nsystemd-network:x:192:192::/:/usr/bin/nologin\n"
        + "admin:x:1000:1000::/home/admin:/bin/bash\n", 0644, 0, 0);
    img.file("/etc/group", "root:x:0:root\nwheel:x:10:root,admin\nadmin:x:1000:\n", 0644, 0, 0);
    img.file("/etc/shadow", "root:*:20000:0:99999:7:::\nadmin:!:20000:0:99999:7:::\n", 0640, 0, 0);
    img.dir("/home/admin", 0700, 1000, 1000);
    img.file("/etc/hostname", "edge\n");
    img.symlink("/etc/localtime", "../usr/share/zoneinfo/UTC");
    img.file("/etc/locale.gen", "C.UTF-8 UTF-8\n");
    img.file("/etc/locale.conf", "LANG=C.UTF-8\n");
    img.file("/etc/vconsole.conf", "KEYMAP=us\n");
    img.dir("/usr/lib/systemd/system");
    for (String u : List.of("sshd.service", "systemd-networkd.service", "systemd-resolved.service",
        "getty@.service", "remote-fs.target")) {
      img.file("/usr/lib/systemd/system/" + u, "[Unit]\n");
    }
    img.symlink("/etc/systemd/system/multi-user.target.wants/sshd.service", "../../../../usr/lib/systemd/system/sshd.service");
    img.symlink("/etc/systemd/system/multi-user.target.wants/systemd-networkd.service",
        "../../../../usr/lib/systemd/system/systemd-networkd.service");
    img.symlink("/etc/systemd/system/getty.target.wants/getty@tty1.service", "../../../../usr/lib/systemd/system/getty@.service");
    img.symlink("/etc/systemd/system/systemd-resolved.service", "/dev/null");
    portageTree(img, build);
    img.lines("/etc/portage/make.conf", build.fsscript().makeConf());
    img.lines("/var/lib/portage/world", List.of("app-admin/sudo"));
    img.dir("/var/db/pkg/app-admin/sudo-1.9.16_p2");
    return img;
  }
}
