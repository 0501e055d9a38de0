// os.yaml is what osb:import makes of releng's amd64 OpenRC chain (stage1-openrc-23,
// stage3-openrc-23, installcd-stage1, installcd-stage2-minimal) with its portage trees,
// the treeish and seed filled in: stages: [] and one builds: entry per spec.
// osb:generate renders releng's specs again, stamped with the build timestamp.
def log = new File(basedir, 'build.log').text
assert log.contains('osb:generate: wrote ')
assert log.contains('BUILD SUCCESS')

def out = new File(basedir, 'target/osb')
['specs/stage1-openrc-23.spec', 'specs/stage3-openrc-23.spec', 'specs/installcd-stage1.spec',
 'specs/installcd-stage2-minimal.spec',
 'portage/stage1-openrc-23/profile/package.use.force/releng/alternatives',
 'portage/stage3-openrc-23/package.use/releng/cet',
 'portage/installcd-stage1/savedconfig/sys-kernel/linux-firmware',
 'containers/stage1-openrc-23.Containerfile', 'containers/stage3-openrc-23.Containerfile'].each {
  assert new File(out, it).isFile() : "missing target/osb/$it"
}
assert !new File(out, 'specs/stage4.spec').exists()
assert !new File(out, 'fsscript').exists()

def s1 = new File(out, 'specs/stage1-openrc-23.spec').text
assert s1.contains('target: stage1\n')
assert s1.contains('version_stamp: openrc-20260101T000000Z\n')
assert s1.contains('rel_type: 23.0-default\n')
assert s1.contains('source_subpath: osb-seeds/stage3-amd64-openrc-20261124T170000Z.tar.xz\n')
assert s1.contains('portage_prefix: releng\n')
assert s1.contains('update_seed: yes\n')

def s3 = new File(out, 'specs/stage3-openrc-23.spec').text
assert s3.contains('source_subpath: 23.0-default/stage1-amd64-openrc-20260101T000000Z\n')
assert s3.contains('binrepo_path: amd64/binpackages/23.0/x86-64\n')

def cd1 = new File(out, 'specs/installcd-stage1.spec').text
assert cd1.contains('profile: default/linux/amd64/23.0/no-multilib\n')
assert cd1.contains('source_subpath: 23.0-default/stage3-amd64-openrc-20260101T000000Z\n')
assert cd1.contains('\tapp-accessibility/brltty\n')

def cd2 = new File(out, 'specs/installcd-stage2-minimal.spec').text
assert cd2.contains('source_subpath: 23.0-default/livecd-stage1-amd64-20260101T000000Z\n')
assert cd2.contains('livecd/iso: install-amd64-minimal-20260101T000000Z.iso\n')
assert cd2.contains('livecd/volid: Gentoo-amd64-20260101\n')
assert cd2.contains('livecd/cdtar: /usr/share/catalyst/livecd/cdtar/grub-theme-gentoo_frosted.tar.bz2\n')
// a project file, below the project root the runner mounts at /osb/project
assert cd2 =~ /(?m)^boot\/kernel\/gentoo\/config: \/osb\/project\/(.*\/)?kconfig\/dist-amd64-livecd\.config$/
assert cd2.contains('dbus|default')
return true
