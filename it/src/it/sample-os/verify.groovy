// sample-os (the repository's sample-os/, copied beside this file) validates as part of its
// own lifecycle. It sets make.common_flags on the official stage3 seed, which OSB accepts
// with a loud warning (they reach only the shipped make.conf).
def log = new File(basedir, 'build.log').text

assert log.contains('[INFO] os.yaml is valid: server, 5 packages, 1 variant')
assert log.contains('[WARNING] os.yaml:17:17: warning: make.common_flags takes effect only when stages include stage1')
assert !log.contains('[ERROR]')
assert log.contains('BUILD SUCCESS')
return true
