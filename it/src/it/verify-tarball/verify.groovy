// osb:verify fails on a tarball that lacks what os.yaml asks for, naming each difference with
// the os.yaml place that asked for it, and writes the JUnit XML report.
def log = new File(basedir, 'build.log').text
assert log.contains('BUILD FAILURE')
assert log.contains('[ERROR] osb:verify: stage4: account admin: missing from /etc/passwd (os.yaml users[0], line 13)')
assert log.contains('[ERROR] osb:verify: stage4: package app-admin/sudo: ')
// what the tarball holds passes: the group wheel exists
assert !log.contains('group wheel: missing')
def verdict = log =~ /(\d+) checks failed; see above and target\/osb\/reports\/TEST-osb\.verify\.stage4\.xml/
assert verdict.find()
def failed = verdict.group(1).toInteger()
assert failed == log.readLines().count { it.startsWith('[ERROR] osb:verify: stage4: ') }
// no stack trace for a failed check
assert !(log =~ /\w+Exception: /)
assert !log.contains('\tat dev.osb.')
def xml = new File(basedir, 'target/osb/reports/TEST-osb.verify.stage4.xml')
assert xml.isFile()
def text = xml.text
assert text.contains('<testsuite name="osb.verify.stage4" ')
assert text.contains(" failures=\"$failed\" ")
assert text.contains('<testcase classname="osb.verify.stage4" name="account admin" time="0">\n    <failure ')
assert text.contains('<testcase classname="osb.verify.stage4" name="group wheel" time="0"/>')
return true
