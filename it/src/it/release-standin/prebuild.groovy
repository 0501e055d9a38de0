// The TEST STAND-IN for catalyst, its fake seed and snapshot (standin-common/setup.groovy); then
// what a release needs: the seed in the store (os.yaml names it by URL and SHA-512, as a real
// project does, so the checkout of the tag needs no seed file), the project committed in a git
// repository whose remote is a bare repository, and the arguments of the forked builds.
import java.security.MessageDigest

evaluate(new File(osbStandinCommon, 'setup.groovy'))

def seeds = new File(basedir, 'store/builds/osb-seeds')
seeds.mkdirs()
def stored = new File(seeds, standinSeed.name)
stored.bytes = standinSeed.bytes
def sha512 = MessageDigest.getInstance('SHA-512').digest(standinSeed.bytes).encodeHex().toString()
def osYaml = new File(basedir, 'os.yaml')
osYaml.text = osYaml.text.replace('SEED_SHA512', sha512)

def run = { List<String> argv, File dir = basedir ->
  def p = argv.execute(null, dir)
  def out = new StringBuilder()
  p.waitForProcessOutput(out, out)
  assert p.exitValue() == 0 : "${argv.join(' ')} failed: ${out}"
  out.toString()
}
// what is not the project's source stays out of git (release:prepare refuses local changes)
new File(basedir, '.gitignore').text = ['/target/', '/bin/', '/seed/', '/seed-root/', '/store/', '/distfiles/',
    '/remote.git/', '/deploy-repo/', '/build.log', '/prebuild.groovy', '/verify.groovy', '/invoker.properties']
    .join('\n') + '\n'
// Maven takes the folder holding .mvn as the reactor root, and OSB's project root (mounted at
// /osb/project, the base of every fingerprinted path) is the top-most of the project, that root and
// the git work tree. Invoker made an empty .mvn here, which git cannot hold: the checkout of the
// tag in target/checkout would have none, its reactor root would be this folder, and its build
// would get other fingerprints. A real project commits .mvn with something in it, or has none.
new File(basedir, '.mvn/maven.config').text = ''
run(['git', 'init', '-q', '-b', 'main'])
run(['git', 'config', 'user.name', 'OSB release IT'])
run(['git', 'config', 'user.email', 'release-it@osb.invalid'])
run(['git', 'add', '.'])
run(['git', 'commit', '-q', '-m', 'release-standin 1.0-SNAPSHOT'])
def remote = new File(basedir, 'remote.git')
run(['git', 'init', '-q', '--bare', '-b', 'main', remote.path])
run(['git', 'remote', 'add', 'origin', 'file://' + remote.path])
run(['git', 'push', '-q', '-u', 'origin', 'main'])

def arguments = "-Dosb.runner=native -Dosb.store=${new File(basedir, 'store')} " +
    "-Dosb.distfiles=${new File(basedir, 'distfiles')}"
// invoker passes the user properties a pre-build script puts here as -D options: -Darguments="..."
context.userProperties.put('arguments', arguments.toString())
return true
