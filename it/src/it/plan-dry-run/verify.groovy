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
// dry run: the store stays empty, nothing is rendered or created
assert new File(basedir, 'store').list().length == 0
assert !new File(basedir, 'distfiles').exists()
assert !new File(basedir, 'target/osb').exists()
return true
