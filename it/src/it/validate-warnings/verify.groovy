// common_flags without stage1 is a warning: printed at its location, fatal only with
// -Dosb.failOnWarning=true.
def log = new File(basedir, 'build.log').text
def warning = '[WARNING] os.yaml:11:17: warning: make.common_flags takes effect only when stages include stage1'

assert log.count(warning) == 2
assert log.contains('[INFO] os.yaml is valid: tuned, 1 package, 0 variants')
assert log.contains('on project validate-warnings: os.yaml has 1 problem; see above '
    + '(warnings fail the build because <failOnWarning> / -Dosb.failOnWarning is true). '
    + 'First: os.yaml:11:17: warning: make.common_flags takes effect only when stages include stage1')
assert !log.contains('Exception:')
return true
