// A broken os.yaml stops the build before anything is rendered, with the located message.
def log = new File(basedir, 'build.log').text
assert log.contains("[ERROR] os.yaml:9:9: invalid kernel.name 'gentoo-6.12'")
assert !log.contains('osb:generate: wrote')
assert !new File(basedir, 'target/osb').exists()
assert !log.contains('at dev.osb')
assert log.contains('BUILD FAILURE')
return true
