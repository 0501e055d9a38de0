// Shared setup of the podman ITs (build-podman-*), loaded by their prebuild.groovy and
// verify.groovy:
//
//   def podman = evaluate(new File(osbItSupport, 'podman-it.groovy')).newInstance(binding)
//
// What they share, made once per `mvn verify` of the it module in target/podman-it/ (the
// it/pom.xml cleans it before the ITs run):
//   - the container-capable TEST STAND-IN seed (StandInSeed --containers: the base of the catalyst
//     image built from OSB's real catalyst.Containerfile, and the seed the stand-in unpacks), with
//     the world file and vdb entries the stand-in cannot emerge;
//   - a real signed snapshot repository (SignedRepo: a throw-away gpg key made now, its public key
//     as the -Dosb.snapshot.keys file, one commit signed by it and one signed by another key), a
//     minimal ebuild tree holding the packages catalyst.Containerfile emerges.
// Every podman command runs with CONTAINERS_CONF=it/containers.conf (test configuration only).

class PodmanIt {

  /** The seed's file name: the catalyst images of these ITs carry it as label dev.osb.seed. */
  static final String SEED = 'stage3-amd64-openrc-standin-20261124T170000Z.tar.xz'

  /** What the seed's world file and vdb hold: the stand-in emerges nothing (stage4, variant). */
  static final List<String> INSTALLED = ['app-misc/hello-2.12.1', 'app-editors/nano-8.2']

  /** The packages OSB's catalyst.Containerfile emerges; the seed's emerge stand-in wants them in the tree. */
  static final List<String> CATALYST_PACKAGES = ['dev-util/catalyst', 'sys-fs/squashfs-tools-ng', 'app-arch/pixz',
      'app-arch/lbzip2', 'dev-vcs/git', 'app-crypt/gnupg', 'sys-apps/util-linux', 'net-misc/rsync']

  static final String INSTALL = 'install podman, buildah and runc (Debian/Ubuntu: apt-get install podman buildah runc; ' +
      '.ci/run does this)'

  final File basedir
  final File shared
  final String classpath
  final String containersConf
  final String java

  PodmanIt(Binding b) {
    basedir = b.getVariable('basedir') as File
    shared = new File(b.getVariable('osbPodmanShared') as String)
    classpath = b.getVariable('osbStandinClasspath') as String
    containersConf = b.getVariable('osbContainersConf') as String
    java = new File(System.getProperty('java.home'), 'bin/java').path
  }

  /** Runs argv (podman with CONTAINERS_CONF); returns [exit: int, out: String] (stdout and stderr). */
  Map run(List argv, File dir = null) {
    def pb = new ProcessBuilder(argv.collect { it.toString() }).redirectErrorStream(true)
    pb.environment().put('CONTAINERS_CONF', containersConf)
    if (dir != null) {
      pb.directory(dir)
    }
    pb.redirectInput(ProcessBuilder.Redirect.from(new File('/dev/null')))
    def p
    try {
      p = pb.start()
    } catch (IOException e) {
      return [exit: 127, out: e.message]
    }
    def out = p.inputStream.getText('UTF-8')
    return [exit: p.waitFor(), out: out]
  }

  /** run(argv), failing with the output unless it exits 0; returns the output. */
  String ok(List argv, File dir = null) {
    def r = run(argv, dir)
    assert r.exit == 0 : "`${argv.join(' ')}` failed (exit ${r.exit}): ${r.out}"
    return r.out
  }

  /**
   * Fails (never skips) unless this runs as root and rootful podman can run a privileged
   * container here; the message says what to install or configure.
   */
  void requirePodman() {
    def uid = ['id', '-u'].execute().text.trim()
    assert uid == '0' : "the podman ITs run osb:build with rootful podman (catalyst needs a privileged container), " +
        "which needs root; run the ITs as root, as CI does (this is uid ${uid})"
    def v = run(['podman', 'version'])
    assert v.exit == 0 : "podman is missing or not working (`podman version` exit ${v.exit}: ${v.out.trim()}): ${INSTALL}"
    // a real container: /usr/bin/true with its libraries as a root file system, no image needed
    def root = new File(shared, 'probe-root')
    if (!new File(root, 'usr/bin/true').exists()) {
      ok(['mkdir', '-p', "${root}/usr/bin"])
      ok(['cp', '-L', '/usr/bin/true', "${root}/usr/bin/true"])
      ok(['ldd', '/usr/bin/true']).findAll(/\/[^ \t\n]+/).each { lib ->
        ok(['mkdir', '-p', new File(root, lib.substring(1)).parent])
        ok(['cp', '-L', lib, new File(root, lib.substring(1)).path])
      }
    }
    def r = run(['podman', 'run', '--rm', '--init', '--privileged', '--rootfs', root.path, '/usr/bin/true'])
    assert r.exit == 0 : "rootful podman cannot run a privileged container here (exit ${r.exit}: ${r.out.trim()}): " +
        "${INSTALL}; where podman's defaults do not work (as in a VM or container without systemd), point " +
        "CONTAINERS_CONF at a containers.conf like it/containers.conf (runc, cgroupfs, file events, lower rlimits); " +
        "it/pom.xml passes ${containersConf}"
  }

  /**
   * The seed and the signed repository, made on first use: [seed: File, url, keys, signed,
   * other, trusted (the trusted key's fingerprint)].
   */
  Map shared() {
    def done = new File(shared, 'shared.properties')
    if (!done.exists()) {
      shared.mkdirs()
      long start = System.nanoTime()
      def root = new File(shared, 'seed-root')
      ok(['rm', '-rf', root.path])
      root.mkdirs()
      new File(root, 'var/lib/portage').mkdirs()
      new File(root, 'var/lib/portage/world').text = INSTALLED.collect { it.replaceFirst(/-[0-9].*$/, '') }.join('\n') + '\n'
      INSTALLED.each { pf ->
        def vdb = new File(root, "var/db/pkg/${pf}")
        vdb.mkdirs()
        new File(vdb, 'CONTENTS').text = ''
        new File(vdb, 'SLOT').text = '0\n'
      }
      def seed = new File(shared, "seed/${SEED}")
      println ok([java, '-cp', classpath, 'dev.osb.build.standin.StandInSeed', '--containers', root.path, seed.path])
      long seedMs = (System.nanoTime() - start).intdiv(1_000_000)
      def repo = ok([java, '-cp', classpath, 'dev.osb.build.SignedRepo', new File(shared, 'repo').path] +
          CATALYST_PACKAGES)
      def props = new Properties()
      props.load(new StringReader(repo))
      props.seed = seed.path
      props.seedMillis = seedMs.toString()
      done.withWriter('UTF-8') { props.store(it, 'podman ITs: shared seed and signed repository') }
      ok(['rm', '-rf', root.path])
      println "podman ITs: seed and signed repository made in ${(System.nanoTime() - start).intdiv(1_000_000)} ms " +
          "(seed ${seedMs} ms)"
    }
    def props = new Properties()
    done.withReader('UTF-8') { props.load(it) }
    return [seed: new File(props.seed), url: props.url, keys: props.keys, signed: props.signed, other: props.other,
        trusted: props.trusted]
  }

  /**
   * Makes basedir a project of the shared material: os.yaml from os.yaml.template (@TREEISH@,
   * @REPO@), the seed hard-linked (or copied) to seed/, an empty distfiles/.
   */
  void prepareProject(Map s, String treeish) {
    new File(basedir, 'os.yaml').text = new File(basedir, 'os.yaml.template').text
        .replace('@TREEISH@', treeish).replace('@REPO@', s.url)
    def seed = new File(basedir, "seed/${SEED}")
    seed.parentFile.mkdirs()
    seed.delete()
    if (run(['ln', s.seed.path, seed.path]).exit != 0) {
      ok(['cp', s.seed.path, seed.path])
    }
    new File(basedir, 'distfiles').mkdirs()
  }

  /** The ids of the images these ITs build: catalyst (label dev.osb.seed), portage (its repo), stages. */
  List<String> images() {
    def s = new File(shared, 'shared.properties').exists() ? shared() : [:]
    def ids = [] as Set
    ids += ok(['podman', 'images', '-q', '--no-trunc', '--filter', "label=dev.osb.seed=${SEED}"]).readLines()
    if (s.url) {
      ids += ok(['podman', 'images', '-q', '--no-trunc', '--filter', "label=dev.osb.snapshot.repo=${s.url}"]).readLines()
    }
    ids += ok(['podman', 'images', '-q', '--no-trunc', '--filter', 'reference=osb/build-podman-*']).readLines()
    return ids.findAll { it.trim() } as List
  }

  /** Removes the images of these ITs (a clean slate before, and no leftovers after). */
  void removeImages() {
    def ids = images()
    if (ids) {
      ok(['podman', 'rmi', '-f'] + ids)
    }
  }

  /** Names of containers osb:build left (there should be none). */
  List<String> containers() {
    return ok(['podman', 'ps', '-a', '--format', '{{.Names}}', '--filter', 'name=osb-']).readLines()
        .findAll { it.trim() }
  }
}

return PodmanIt
