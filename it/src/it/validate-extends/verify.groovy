// server/os.yaml extends ../base.yaml: the packages of both count, and <osYaml> is honoured.
def log = new File(basedir, 'build.log').text

assert log.contains('[INFO] server/os.yaml is valid: server, 3 packages, 0 variants')
assert !log.contains('[ERROR]')
assert log.contains('BUILD SUCCESS')
return true
