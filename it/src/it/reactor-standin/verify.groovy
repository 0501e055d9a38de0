// 1. mvn install of the reactor built base on the fake stage3, then derived on base's stage4
//    (its provided stage4 dependency), both with the TEST STAND-IN for catalyst, and installed both.
// 2. external, outside the reactor, was built on base's stage4 as seed.artifact, resolved from the
//    IT's local repository.
// 3, 4. osb:plan of the reactor and of external found every build up to date.
import java.nio.file.Files
import java.security.MessageDigest

def log = new File(basedir, 'build.log').text
def sha512 = { File f -> MessageDigest.getInstance('SHA-512').digest(f.bytes).encodeHex().toString() }
def tarList = { File t ->
  def p = ['tar', '-tf', t.path].execute()
  def out = p.text
  assert p.waitFor() == 0 : "tar -tf ${t}"
  out.readLines().collect { it.replaceFirst('^\\./', '') }
}
def tarText = { File t, String member ->
  def p = ['tar', '-xOf', t.path, './' + member].execute()
  def out = p.text
  assert p.waitFor() == 0 : "tar -xOf ${t} ./${member}"
  out
}

// the reactor built base before derived, each with the stand-in
assert log.indexOf('Building base 1.0') >= 0 : log
assert log.indexOf('Building base 1.0') < log.indexOf('Building derived 1.0') : 'base is built first'
def derivedPart = log.substring(log.indexOf('Building derived 1.0'), log.indexOf('Building external 1.0'))
assert derivedPart.contains('osb:build: stage4 runs catalyst') : derivedPart
assert derivedPart.contains('catalyst TEST STAND-IN') : derivedPart
assert !log.contains('not supported') : log

def store = new File(basedir, 'store/builds')
def base = new File(store, 'dev.osb.it.reactor.base/stage4-amd64-stage4-1.0.tar.xz')
def derived = new File(store, 'dev.osb.it.reactor.derived/stage4-amd64-stage4-1.0.tar.xz')
def external = new File(store, 'dev.osb.it.reactor.external/stage4-amd64-stage4-1.0.tar.xz')
[base, derived, external].each { assert it.isFile() : "${it} was not built" }

// derived's seed is base's stage4, byte for byte, under the name its spec gives it
def seed = new File(store, 'osb-seeds/dev.osb.it.reactor.base-1.0.tar.xz')
assert seed.isFile() : "no ${seed}"
assert Files.mismatch(seed.toPath(), base.toPath()) == -1L : "${seed} is not base's stage4 ${base}"
def spec = new File(basedir, 'derived/target/osb/specs/stage4.spec').text
assert spec.contains('source_subpath: osb-seeds/dev.osb.it.reactor.base-1.0.tar.xz') : spec
def manifest = new File(basedir, 'derived/target/osb/manifest.json').text
assert manifest.contains('"seed": {"subpath": "osb-seeds/dev.osb.it.reactor.base-1.0.tar.xz", "sha512": "'
    + sha512(base) + '", "artifact": "dev.osb.it.reactor:base:1.0"}') : manifest

// derived's stage4 holds base's content (from the seed) and its own
def derivedFiles = tarList(derived)
assert derivedFiles.contains('etc/base-release') : 'base overlay file missing from derived'
assert derivedFiles.contains('etc/derived-release') : 'derived overlay file missing'
assert tarText(derived, 'etc/base-release') == 'base 1.0\n'
def passwd = tarText(derived, 'etc/passwd')
assert passwd =~ /(?m)^admin:/ : "base's account is not in derived: ${passwd}"
assert passwd =~ /(?m)^deploy:/ : "derived's account is missing: ${passwd}"
def world = tarText(derived, 'var/lib/portage/world')
assert world.contains('app-misc/hello') && world.contains('app-misc/screen') : world
// and base's does not hold derived's
assert !tarList(base).contains('etc/derived-release')
assert !(tarText(base, 'etc/passwd') =~ /(?m)^deploy:/)

// both verified by osb:build
['base', 'derived'].each {
  def xml = new File(basedir, "${it}/target/osb/reports/TEST-osb.verify.stage4.xml").text
  assert xml =~ /failures="0" errors="0"/ : "${it}: ${xml}"
}

// install put both stage4s into the IT's local repository
def repo = new File(localRepositoryPath, 'dev/osb/it/reactor')
def installedBase = new File(repo, 'base/1.0/base-1.0.tar.xz')
def installedDerived = new File(repo, 'derived/1.0/derived-1.0.tar.xz')
assert installedBase.isFile() : "not installed: ${installedBase}"
assert installedDerived.isFile() : "not installed: ${installedDerived}"
assert Files.mismatch(installedBase.toPath(), base.toPath()) == -1L
assert Files.mismatch(installedDerived.toPath(), derived.toPath()) == -1L

// 2. external: seed.artifact resolved from the local repository, the same bytes as base's stage4
def planStart = log.indexOf('osb:plan: dry run')
assert planStart > 0 : 'osb:plan did not run'
def externalPart = log.substring(log.indexOf('Building external 1.0'), planStart)
assert externalPart.contains('osb:build: stage4 runs catalyst') : externalPart
def externalManifest = new File(basedir, 'external/target/osb/manifest.json').text
assert externalManifest.contains('"sha512": "' + sha512(installedBase) + '", "artifact": "dev.osb.it.reactor:base:1.0"')
def externalFiles = tarList(external)
assert externalFiles.contains('etc/base-release') && externalFiles.contains('etc/external-release')
assert tarText(external, 'etc/passwd') =~ /(?m)^guest:/
assert Files.mismatch(seed.toPath(), installedBase.toPath()) == -1L

// 3, 4. osb:plan resolved the artifact seeds to the digests the builds used: base, derived and
// external are up to date
def plans = log.substring(planStart)
assert plans.count('osb:plan: stage4 is up to date (fingerprint ') == 3 : plans
assert !plans.contains('would run:') : plans
assert plans.contains('Skipping osb:plan: no os.yaml in this pom-packaged project') : 'the aggregator is skipped'

assert !log.contains('at dev.osb') : 'a stack trace'
return true
