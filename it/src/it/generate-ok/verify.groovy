// A stage4 project renders its whole catalyst build into target/osb through its lifecycle.
def log = new File(basedir, 'build.log').text
assert log.contains('osb:generate: wrote ')
assert log.contains('for 2 builds: stage4, debug')
assert log.contains('BUILD SUCCESS')

def out = new File(basedir, 'target/osb')
['catalyst.conf', 'catalyst-sticky.conf', 'envscript', 'specs/stage4.spec', 'specs/debug.spec',
 'portage/stage4/package.use/osb', 'fsscript/stage4.sh', 'fsscript/debug.sh',
 'containers/portage.Containerfile', 'containers/catalyst.Containerfile',
 'containers/stage4.Containerfile', 'containers/debug.Containerfile', '.osb-index'].each {
  assert new File(out, it).isFile() : "missing target/osb/$it"
}
def spec = new File(out, 'specs/stage4.spec').text
// an item with ':' puts the whole list on the key line (catalyst's parser would split it)
assert spec.contains('stage4/packages: --update --deep --newuse app-admin/sudo dev-lang/python:3.13\n')
assert spec.contains('stage4/rcadd: sshd|default\n')
def debug = new File(out, 'specs/debug.spec').text
assert debug.contains('dev-debug/gdb')
assert !debug.contains('app-admin/sudo')
assert !new File(out, 'catalyst.conf').text.contains('autoresume')
return true
