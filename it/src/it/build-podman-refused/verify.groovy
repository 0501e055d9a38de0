// SnapshotMaker refused the commit signed by a key that is not in -Dosb.snapshot.keys: the build
// failed with its message before any image was built or catalyst ran, and the store holds no snapshot.
def podman = evaluate(new File(osbItSupport, 'podman-it.groovy')).newInstance(binding)
def s = podman.shared()
def log = new File(basedir, 'build.log').text
assert log.contains("osb:build: commit ${s.other} of ${s.url} is not signed by a key of ${s.keys}; refusing it. " +
    'gpg said: ') : log
assert log =~ /gpg said: .*NO_PUBKEY/ : log
assert log.contains('BUILD FAILURE')
assert !log.contains('runs catalyst') : log
assert !log.contains('STEP 1/') : 'an image was built'
assert podman.run(['podman', 'image', 'exists', "osb-portage:${s.other}"]).exit != 0 : 'the portage image exists'
def snapshots = new File(basedir, 'store/snapshots')
assert !snapshots.exists() || snapshots.list().toList() == [] : snapshots.list()
assert podman.containers() == []
return true
