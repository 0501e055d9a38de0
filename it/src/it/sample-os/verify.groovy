// sample-os (the repository's sample-os/, copied beside this file) runs through the stage4
// lifecycle: validate, then generate renders the whole catalyst build into target/osb.
def log = new File(basedir, 'build.log').text

assert log.contains('[INFO] os.yaml is valid: server, 5 packages, 1 variant')
assert log.contains('osb:generate: wrote ')
assert log.contains('for 2 builds: stage4, zfs')
assert !log.contains('[ERROR]')
assert !log.contains('[WARNING] os.yaml')
assert log.contains('BUILD SUCCESS')

def out = new File(basedir, 'target/osb')
def spec = new File(out, 'specs/stage4.spec').text
assert spec.contains('target: stage4\n')
assert spec.contains('rel_type: dev.osb.samples.sample-os\n')
assert spec.contains('source_subpath: osb-seeds/stage3-amd64-openrc-20261124T170000Z.tar.xz\n')
assert spec.contains('stage4/fsscript: /osb/out/fsscript/stage4.sh\n')
assert !spec.contains('stage4/users')
def zfs = new File(out, 'specs/zfs.spec').text
// a SNAPSHOT version: each version_stamp ends in the first 8 hex digits of the build's input
// fingerprint, and the variant builds on exactly that stage4
def stamp = (spec =~ /(?m)^version_stamp: stage4-0\.1\.0-SNAPSHOT-([0-9a-f]{8})$/)
assert stamp.find() : spec
assert zfs =~ /(?m)^version_stamp: zfs-0\.1\.0-SNAPSHOT-[0-9a-f]{8}$/
assert zfs.contains('source_subpath: dev.osb.samples.sample-os/stage4-amd64-stage4-0.1.0-SNAPSHOT-' + stamp.group(1) + '\n')
assert new File(out, 'fsscript/stage4.sh').canExecute()
assert new File(out, 'fsscript/stage4.sh').text.contains("useradd")
assert new File(out, 'portage/stage4/package.use/osb').text.contains('app-editors/vim -X -python -sound')
assert new File(out, 'catalyst-sticky.conf').text.contains('"sticky-config"')
assert new File(out, 'containers/stage4.Containerfile').text.startsWith('# ') || new File(out, 'containers/stage4.Containerfile').text.contains('FROM scratch')
return true
