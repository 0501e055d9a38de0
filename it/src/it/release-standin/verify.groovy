// mvn release:prepare release:perform of a stage4: prepare built the release version 1.0 (the
// stage4's version_stamp and file name carry it), tagged release-standin-1.0, pushed, and moved
// the POM to 1.1-SNAPSHOT; perform checked the tag out into target/checkout, rendered the same
// specs there, found the stage4 prepare built up to date (same fingerprint) and deployed it.
import java.security.MessageDigest

def log = new File(basedir, 'build.log').text
assert log.contains('BUILD SUCCESS') : log
def git = { File dir, String... args ->
  def p = (['git'] + (args as List)).execute(null, dir)
  def out = new StringBuilder(), err = new StringBuilder()
  p.waitForProcessOutput(out, err)
  assert p.exitValue() == 0 : "git ${args.join(' ')} in ${dir}: ${err}"
  out.toString()
}
def remote = new File(basedir, 'remote.git')

// prepare: the forked build (clean verify) of the release version ran catalyst
def prepare = log.substring(log.indexOf("Executing goals 'clean verify'"), log.indexOf("Executing goals 'deploy'"))
def built = (prepare =~ /\[INFO\] \[INFO\] osb:build: stage4 runs catalyst \(fingerprint ([0-9a-f]{8})\)/)
assert built.find() : prepare
def fingerprint = built.group(1)
def rel = 'dev.osb.it.release-standin'
def output = new File(basedir, "store/builds/${rel}/stage4-amd64-stage4-1.0.tar.xz")
assert output.isFile() : "the release's stage4 is not in the store: ${output.parentFile.list()}"
assert !output.parentFile.list().any { it.contains('SNAPSHOT') } : 'a SNAPSHOT build: ' + output.parentFile.list()
assert prepare.contains("osb:build: stage4 built ${output}") : prepare
assert log.contains('verified seed in the store, not downloaded again') : 'the seed was downloaded'

// the tag, the pushed commits and the next development version
assert git(remote, 'tag', '--list').readLines() == ['release-standin-1.0']
assert git(remote, 'show', 'release-standin-1.0:pom.xml').contains('<version>1.0</version>')
def pom = new File(basedir, 'pom.xml').text
assert pom.contains('<version>1.1-SNAPSHOT</version>') : pom
assert git(remote, 'show', 'main:pom.xml').contains('<version>1.1-SNAPSHOT</version>')
assert git(basedir, 'status', '--porcelain', '--untracked-files=no').trim().isEmpty() : git(basedir, 'status')

// perform: the tag checked out, rendered with the same specs, the stage4 reused and deployed
def checkout = new File(basedir, 'target/checkout')
def spec = new File(checkout, 'target/osb/specs/stage4.spec')
assert spec.isFile() : "release:perform rendered nothing into ${spec.parentFile}"
assert spec.text.contains('\nversion_stamp: stage4-1.0\n') : spec.text
assert spec.text.contains("\nrel_type: ${rel}\n") : spec.text
assert spec.text == new File(basedir, 'target/osb/specs/stage4.spec').text : 'prepare and perform rendered other specs'
def perform = log.substring(log.indexOf("Executing goals 'deploy'"))
assert perform.contains("[INFO] [INFO] osb:build: stage4 is up to date (fingerprint ${fingerprint})") : perform
assert !perform.contains('catalyst TEST STAND-IN') : 'release:perform ran catalyst again'
def manifest = new File(checkout, 'target/osb/manifest.json').text
assert manifest.contains('"version": "1.0"') : manifest

// the deployment repository holds the release
def deployed = new File(basedir, 'deploy-repo/dev/osb/it/release-standin/1.0')
def tarball = new File(deployed, 'release-standin-1.0.tar.xz')
assert tarball.isFile() : "nothing deployed: ${deployed.list()}"
assert tarball.bytes == output.bytes : "${tarball} is not the store's ${output}"
for (name in ['release-standin-1.0.pom', 'release-standin-1.0.DIGESTS', 'release-standin-1.0.CONTENTS.gz',
    'release-standin-1.0-manifest.json']) {
  assert new File(deployed, name).isFile() : "${name} not deployed: ${deployed.list()}"
}
assert new File(deployed, 'release-standin-1.0-manifest.json').text == manifest
def sha512 = MessageDigest.getInstance('SHA-512').digest(tarball.bytes).encodeHex().toString()
assert manifest.contains("\"sha512\": \"${sha512}\"") : manifest
def metadata = new File(basedir, 'deploy-repo/dev/osb/it/release-standin/maven-metadata.xml').text
assert metadata.contains('<release>1.0</release>') : metadata
// and it is the OS os.yaml describes
def p = ['tar', '-xJOf', tarball.path, './etc/conf.d/hostname', './etc/motd'].execute()
def out = new StringBuilder(), err = new StringBuilder()
p.waitForProcessOutput(out, err)
assert p.exitValue() == 0 : err
assert out.toString() == 'hostname="released"\nReleased with mvn release:prepare release:perform (release-standin IT)\n'
return true
