// A minimal valid os.yaml: validate passes and says what it found.
def log = new File(basedir, 'build.log').text

assert log.contains('[INFO] os.yaml is valid: minimal, 1 package, 0 variants')
assert !log.contains('[WARNING] os.yaml')
assert !log.contains('[ERROR]')
assert log.contains('BUILD SUCCESS')
return true
