// Shared setup of the *-standin ITs, evaluated by their prebuild.groovy:
//   evaluate(new File(osbStandinCommon, 'setup.groovy'))
// It gives the IT project (basedir) what osb:build needs without Gentoo, network or catalyst:
//   bin/catalyst   the TEST STAND-IN for catalyst (dev.osb.build.standin.CatalystStandIn), which
//                  invoker.properties puts first on PATH
//   seed/stage3-amd64-openrc-20261124T170000Z.tar.xz
//                  a fake stage3 seed (MakeSeed.java; more installed packages: standinExtraPackages),
//                  also left in the binding as standinSeed
//   store/snapshots/gentoo-0123456789abcdef0123456789abcdef01234567.sqfs
//                  a fake snapshot: the stand-in mounts nothing, it only checks that it exists
//   distfiles/     the distfiles cache
// The native runner (unshare, mount --bind, chroot) needs root: this machine and CI run as root.
def uid = 'id -u'.execute().text.trim()
assert uid == '0' : "${basedir.name} runs the native runner (unshare, mount --bind, chroot), which needs root; " +
    "run the ITs as root, as CI does (this is uid ${uid})"
def java = new File(System.getProperty('java.home'), 'bin/java').path
def bin = new File(basedir, 'bin')
bin.mkdirs()
def launcher = new File(bin, 'catalyst')
launcher.text = '#!/bin/bash\n# TEST STAND-IN FOR CATALYST. THIS IS NOT CATALYST.\n' +
    "exec '${java}' -cp '${osbStandinClasspath}' dev.osb.build.standin.CatalystStandIn \"\$@\"\n"
launcher.setExecutable(true, false)
def seed = new File(basedir, 'seed/stage3-amd64-openrc-20261124T170000Z.tar.xz')
seed.parentFile.mkdirs()
// more installed packages for the seed: set standinExtraPackages (['app-misc/screen-5.0.0']) first
def extra = binding.hasVariable('standinExtraPackages') ? standinExtraPackages : []
def p = ([java, '-cp', osbStandinClasspath, new File(osbStandinCommon, 'MakeSeed.java').path,
    new File(basedir, 'seed-root').path, seed.path] + extra).execute(null, basedir)
p.waitForProcessOutput(System.out, System.err)
assert p.exitValue() == 0 : 'could not build the stand-in seed'
def snapshots = new File(basedir, 'store/snapshots')
snapshots.mkdirs()
new File(snapshots, 'gentoo-0123456789abcdef0123456789abcdef01234567.sqfs').text = 'stand-in snapshot\n'
new File(basedir, 'distfiles').mkdirs()
standinSeed = seed
return true
