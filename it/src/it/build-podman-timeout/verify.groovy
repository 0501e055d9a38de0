// The catalyst run outlasted -Dosb.timeout=PT30S: osb:build stopped its container by name and
// failed with the timeout; no container is left, nothing was built, attached or installed.
def podman = evaluate(new File(osbItSupport, 'podman-it.groovy')).newInstance(binding)
try {
  def log = new File(basedir, 'build.log').text
  assert log.contains('osb:build: stage4 runs catalyst') : log
  assert log.contains('slow fsscript: sleeping 600 s') : 'the fsscript did not start'
  assert log.contains('osb: catalyst stage4 ran past its timeout of 30s: stopping it') : log
  assert log =~ /osb: stopped container osb-stage4-[0-9a-f]{8}\b/ : log
  assert log =~ /osb:build: stage4: catalyst stage4 timed out after 30s and was stopped/ : log
  assert log.contains('BUILD FAILURE')
  assert podman.containers() == [] : 'a container was left behind'
  assert !log.contains('osb:build: stage4 built') : log
  assert !log.contains('osb:package') : 'osb:package ran after a failed build'
  def out = new File(basedir, 'store/builds/dev.osb.it.build-podman-timeout')
  assert !out.exists() || out.list().findAll { it.endsWith('.tar.xz') } == [] : out.list()
  assert !new File(localRepositoryPath, 'dev/osb/it/build-podman-timeout').exists() : 'something was installed'
} finally {
  podman.removeImages()
}
return true
