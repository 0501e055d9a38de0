// osb:plan is a dry run: it says which builds would run and why, prints the runner's exact
// command lines, and creates nothing.
def log = new File(basedir, 'build.log').text
assert log.contains('BUILD SUCCESS')
assert log.contains('osb:plan: stage4 would run: no finished output in the store')
assert log.contains('osb:plan: debug would run: no finished output in the store')
assert log.contains('osb:plan: 2 of 2 builds would run')
def lines = log.readLines().findAll { it.contains('(not executed) podman run ') }
assert lines.size() == 2 : "expected one podman run line per build:\n" + lines.join('\n')
def run = lines[0]
assert run.contains('--privileged')
assert run.contains('/osb/project:ro')
assert run.contains('/osb/out:ro')
assert run.contains(new File(basedir, 'store').canonicalPath + ':/var/tmp/catalyst')
assert run.contains('catalyst -c /osb/out/catalyst-sticky.conf -f /osb/out/specs/stage4.spec')
// the git overlay: fetched by osb:build into the store, unpacked by the runner for each build that uses it
def commit = '0123456789abcdef0123456789abcdef01234567'
def tar = new File(basedir, 'store').canonicalPath + "/repos/site-${commit}.tar"
assert log.contains("osb:plan: the repository site would be fetched: commit ${commit} from https://git.example/site.git"
    + " (git fetch --depth=1), archived to ${tar} and unpacked to /osb/input/repos/site; not verified by a signature:"
    + " the pinned commit is the check")
lines.each { assert it.contains("--repo site /var/tmp/catalyst/repos/site-${commit}.tar -- catalyst") : it }
// dry run: the store stays empty, nothing is rendered or created
assert new File(basedir, 'store').list().length == 0
assert !new File(basedir, 'distfiles').exists()
assert !new File(basedir, 'target/osb').exists()
return true
