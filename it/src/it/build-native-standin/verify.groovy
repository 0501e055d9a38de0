// osb:build ran the TEST STAND-IN for catalyst through the native runner, verified the stage4,
// osb:package attached it; the second invocation found it up to date and ran nothing.
def log = new File(basedir, 'build.log').text
assert log.contains('catalyst TEST STAND-IN') : 'the stand-in did not run'
assert log.contains('osb:build: stage4 runs catalyst') : log
def tarballs = new File(basedir, 'store/builds').listFiles().findAll { it.isDirectory() && it.name != 'osb-seeds' }
    .collectMany { (it.listFiles() ?: []) as List }.findAll { it.name.endsWith('.tar.xz') }
assert tarballs.size() == 1 : "one stage4 tarball under store/builds/<rel_type>/, not ${tarballs}"
def tarball = tarballs[0]
assert tarball.name.startsWith('stage4-amd64-') : tarball
assert new File(tarball.path + '.DIGESTS').isFile()
assert new File(tarball.path + '.CONTENTS.gz').isFile()
def report = new File(basedir, 'target/osb/reports/TEST-osb.verify.stage4.xml')
assert report.isFile()
def xml = report.text
assert xml =~ /<testsuite name="osb\.verify\.stage4" tests="[1-9][0-9]*" failures="0" errors="0"/ : xml
assert !xml.contains('<failure') : xml
assert log.contains('osb:package: stage4 ' + tarball.path + ' is the main artifact') : log
assert log.contains('DIGESTS attached')
assert log.contains('CONTENTS.gz attached')
assert log.contains('target/osb/manifest.json attached with classifier manifest')
def manifest = new File(basedir, 'target/osb/manifest.json').text
assert manifest =~ /\{"id": "stage4", "target": "stage4", "fingerprint": "[0-9a-f]{64}"/ : manifest
assert manifest.contains('"treeish": "0123456789abcdef0123456789abcdef01234567"') : manifest
// the second invocation: nothing to build
def second = log.substring(log.lastIndexOf('osb:build: runner native'))
assert second.contains('osb:build: stage4 is up to date (fingerprint ') : second
assert !second.contains('catalyst TEST STAND-IN') : 'the second invocation ran catalyst again'
assert log.count('osb:build: runner native') == 2 : 'two invocations'
return true
