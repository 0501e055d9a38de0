// The TEST STAND-IN for catalyst first on PATH (bin/catalyst), a fake stage3 seed (seed/, the
// seed of base) and a fake snapshot in the store that base, derived and external share.
def uid = 'id -u'.execute().text.trim()
assert uid == '0' : "reactor-standin runs the native runner (unshare, mount --bind, chroot), which needs root; " +
    "run the ITs as root, as CI does (this is uid ${uid})"
def java = new File(System.getProperty('java.home'), 'bin/java').path
def bin = new File(basedir, 'bin')
bin.mkdirs()
def launcher = new File(bin, 'catalyst')
launcher.text = '#!/bin/bash\n# TEST STAND-IN FOR CATALYST. THIS IS NOT CATALYST.\n' +
    "exec '${java}' -cp '${osbStandinClasspath}' dev.osb.build.standin.CatalystStandIn \"\$@\"\n"
launcher.setExecutable(true, false)
new File(basedir, 'seed').mkdirs()
def p = [java, '-cp', osbStandinClasspath, 'MakeSeed.java', new File(basedir, 'seed-root').path,
    new File(basedir, 'seed/stage3-amd64-openrc-20261124T170000Z.tar.xz').path].execute(null, basedir)
p.waitForProcessOutput(System.out, System.err)
assert p.exitValue() == 0 : 'could not build the stand-in seed'
def snapshots = new File(basedir, 'store/snapshots')
snapshots.mkdirs()
new File(snapshots, 'gentoo-0123456789abcdef0123456789abcdef01234567.sqfs').text = 'stand-in snapshot\n'
new File(basedir, 'distfiles').mkdirs()
return true
