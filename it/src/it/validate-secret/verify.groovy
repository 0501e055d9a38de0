// A password hash from ${secret:...} (here the environment variable OSB_SECRET_ADMIN_HASH)
// validates, and its value never reaches the log.
def log = new File(basedir, 'build.log').text

assert log.contains('[INFO] os.yaml is valid: secret, 1 package, 0 variants')
assert !log.contains('TVLlQcbpFVof5W3Yz4DT')
assert !log.contains('[ERROR]')
return true
