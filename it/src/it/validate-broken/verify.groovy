// Every problem of a broken os.yaml is reported at once, each as one located line at its
// level, then one failure that counts the errors; no Java stack trace anywhere.
def log = new File(basedir, 'build.log').text
def lines = log.readLines()

def expected = [
    "[ERROR] os.yaml:5:1: unknown key 'pakages' (did you mean 'packages'?)",
    "[ERROR] os.yaml:8:5: invalid package atom 'sudo': has no category; write category/package, e.g. app-editors/vim",
    "[WARNING] os.yaml:11:17: warning: make.common_flags takes effect only when stages include stage1",
    "[ERROR] os.yaml:20:20: invalid users.admin.password_hash: plaintext passwords are never accepted",
]
// in this order, one line each (a warning's full text goes on with a hint)
def found = expected.collect { e -> lines.findIndexOf { it.startsWith(e) } }
assert found.every { it >= 0 }
assert found == found.sort(false)
assert !log.contains('hunter2')

assert log.contains("on project validate-broken: os.yaml has 3 problems; see above. First: os.yaml:5:1: unknown key 'pakages' (did you mean 'packages'?) -> [Help 1]")

// no stack trace: not ours, not Maven's
assert !log.contains('at dev.osb')
assert !log.contains('Exception:')
assert !(log =~ /(?m)^\s+at [a-z]+\./)
assert log.contains('BUILD FAILURE')
return true
