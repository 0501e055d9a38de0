// mvn install put the stage4 (main artifact), the variant 'ops' (classifier ops), the DIGESTS and
// CONTENTS.gz of each and the build manifest into the local repository, byte for byte what the
// store holds, and the installed tarballs hold what os.yaml asked for.
import java.security.MessageDigest
import java.util.zip.GZIPInputStream

def log = new File(basedir, 'build.log').text
assert log.contains('BUILD SUCCESS') : log
assert log.contains('osb:build: stage4 runs catalyst') : log
assert log.contains('osb:build: ops runs catalyst') : log

def repo = new File(localRepositoryPath, 'dev/osb/it/install-standin/1.0')
def store = new File(basedir, 'store/builds/dev.osb.it.install-standin')
def installed = { String name ->
  def f = new File(repo, name)
  assert f.isFile() : "mvn install did not put ${name} into ${repo}: ${repo.list()}"
  f
}
def sha512 = { File f -> MessageDigest.getInstance('SHA-512').digest(f.bytes).encodeHex().toString() }
def same = { File a, File b ->
  assert a.isFile() && b.isFile() : "${a} and ${b}"
  assert a.size() == b.size() && a.bytes == b.bytes : "${a} is not byte-identical to ${b}"
}
// what a tarball holds, read with GNU tar
def read = { File tarball, String member ->
  def p = ['tar', '-xJOf', tarball.path, member].execute()
  def out = new StringBuilder(), err = new StringBuilder()
  p.waitForProcessOutput(out, err)
  assert p.exitValue() == 0 : "tar -xJOf ${tarball} ${member}: ${err}"
  out.toString()
}

// the main artifact and the variant, as the store holds them
def stage4 = installed('install-standin-1.0.tar.xz')
def ops = installed('install-standin-1.0-ops.tar.xz')
same(stage4, new File(store, 'stage4-amd64-stage4-1.0.tar.xz'))
same(ops, new File(store, 'stage4-amd64-ops-1.0.tar.xz'))
assert log.contains("osb:package: ops ${store}/stage4-amd64-ops-1.0.tar.xz attached with classifier ops") : log
// DIGESTS and CONTENTS.gz of each, and the manifest
same(installed('install-standin-1.0.DIGESTS'), new File(store, 'stage4-amd64-stage4-1.0.tar.xz.DIGESTS'))
same(installed('install-standin-1.0.CONTENTS.gz'), new File(store, 'stage4-amd64-stage4-1.0.tar.xz.CONTENTS.gz'))
same(installed('install-standin-1.0-ops.DIGESTS'), new File(store, 'stage4-amd64-ops-1.0.tar.xz.DIGESTS'))
same(installed('install-standin-1.0-ops.CONTENTS.gz'), new File(store, 'stage4-amd64-ops-1.0.tar.xz.CONTENTS.gz'))
def manifest = installed('install-standin-1.0-manifest.json')
same(manifest, new File(basedir, 'target/osb/manifest.json'))
assert installed('install-standin-1.0.pom').text.contains('<packaging>stage4</packaging>')

// the DIGESTS and the manifest describe the installed files
def digests = installed('install-standin-1.0.DIGESTS').text
assert digests.contains("# SHA512 HASH\n${sha512(stage4)}  stage4-amd64-stage4-1.0.tar.xz\n") : digests
def json = manifest.text
assert json.contains('"id": "stage4", "target": "stage4"') : json
assert json.contains("\"output\": \"builds/dev.osb.it.install-standin/stage4-amd64-stage4-1.0.tar.xz\", \"sha512\": \"${sha512(stage4)}\", \"classifier\": null") : json
assert json.contains("\"output\": \"builds/dev.osb.it.install-standin/stage4-amd64-ops-1.0.tar.xz\", \"sha512\": \"${sha512(ops)}\", \"classifier\": \"ops\"") : json
def contents = new GZIPInputStream(new FileInputStream(installed('install-standin-1.0.CONTENTS.gz'))).text
assert contents.readLines().any { it.endsWith(' ./etc/passwd') } : contents

// what os.yaml asked for, read from the installed tarballs
def passwd = read(stage4, './etc/passwd')
assert passwd.readLines().contains('admin:x:1000:1000::/home/admin:/bin/bash') : passwd
assert !passwd.contains('operator1') : 'the variant account leaked into the stage4: ' + passwd
assert read(stage4, './etc/conf.d/hostname') == 'hostname="installed"\n'
assert read(stage4, './etc/motd') == 'Installed by mvn install (install-standin IT)\n'
assert read(stage4, './etc/group').readLines().any { it ==~ /wheel:x:10:(.*,)?admin(,.*)?/ } : read(stage4, './etc/group')
def opsPasswd = read(ops, './etc/passwd')
assert opsPasswd.readLines().contains('admin:x:1000:1000::/home/admin:/bin/bash') : opsPasswd
assert opsPasswd.readLines().contains('operator1:x:1001:1001::/home/operator1:/bin/bash') : opsPasswd
assert read(ops, './etc/conf.d/hostname') == 'hostname="installed-ops"\n'
return true
