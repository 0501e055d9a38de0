// osb:import turned releng's stage1 -> stage3 OpenRC chain into an os.yaml (one builds:
// entry per spec, stages: []) with the portage tree beside it; osb:generate then rendered
// specs that say what releng's say.
def log = new File(basedir, 'build.log').text
assert log.contains('osb:import: 2 specs -> ')
assert log.contains('osb:generate: wrote ')
assert log.contains('BUILD SUCCESS')
assert !log.contains('at dev.osb')

def os = new File(basedir, 'os.yaml').text
assert os.contains('stages: []')
assert os.contains('treeish: 3f0f5e1c8b6a4d2e9f7a1b3c5d7e9f0a1b2c3d4e')
assert os.contains('${osb.timestamp}')

def out = new File(basedir, 'target/osb')
def s1 = new File(out, 'specs/stage1-openrc-23.spec').text
assert s1.contains('target: stage1\n')
assert s1.contains('rel_type: 23.0-default\n')
assert s1.contains('profile: default/linux/amd64/23.0\n')
assert s1.contains('update_seed: yes\n')
assert s1.contains('portage_prefix: releng\n')
assert s1.contains('source_subpath: osb-seeds/stage3-amd64-openrc-20261124T170000Z.tar.xz\n')
def s3 = new File(out, 'specs/stage3-openrc-23.spec').text
assert s3.contains('binrepo_path: amd64/binpackages/23.0/x86-64\n')
assert s3 =~ /source_subpath: 23\.0-default\/stage1-amd64-openrc-\d{8}T\d{6}Z\n/
// releng's build-only files stay below the prefix, byte for byte
def src = new File(basedir, 'releng/releases/portage/stages/profile/package.use.force/releng/alternatives').text
assert new File(out, 'portage/stage1-openrc-23/profile/package.use.force/releng/alternatives').text == src
return true
