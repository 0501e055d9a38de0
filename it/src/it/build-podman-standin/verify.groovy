// osb:build in rootful podman, for real: the signed snapshot verified, the portage and catalyst
// images built from OSB's generated Containerfiles, catalyst (the TEST STAND-IN, installed into the
// catalyst image by the seed's emerge stand-in) run in a privileged container per build; the
// tarballs hold what os.yaml asks; osb:package saved each stage as an OCI archive that loads and
// runs. The second invocation ran no catalyst and built no image. The images are removed at the end.
def podman = evaluate(new File(osbItSupport, 'podman-it.groovy')).newInstance(binding)
try {
  def s = podman.shared()
  def log = new File(basedir, 'build.log').text
  def runs = log.split(/\[INFO\] Scanning for projects\.\.\./).findAll { it.contains('osb-maven-plugin') }
  assert runs.size() == 2 : "two invocations, not ${runs.size()}"
  def first = runs[0]
  def second = runs[1]

  // the snapshot: fetched from the file:// mirror, its signature verified against the trusted key
  assert first.contains("commit ${s.signed} of ${s.url} is signed by ${s.trusted}") : first
  assert new File(basedir, "store/snapshots/gentoo-${s.signed}.sqfs").isFile()

  // the images, built from the generated Containerfiles and tagged by their inputs
  def manifestFile = new File(basedir, 'target/osb/manifest.json')
  def manifest = new groovy.json.JsonSlurper().parse(manifestFile)
  String catalyst = manifest.catalystImage
  assert catalyst ==~ /osb-catalyst:[0-9a-f]{16}/ : manifest
  assert first =~ /osb:build: portage image osb-portage:[0-9a-f]{16} \(osb-portage:${s.signed}\)/ : first
  assert first.contains("osb:build: building the catalyst image ${catalyst}") : first
  assert first.contains("osb:build: catalyst image ${catalyst} built") : first
  assert first.contains('>>> emerge stand-in: installed the TEST STAND-IN FOR CATALYST as /usr/bin/catalyst')
  assert podman.run(['podman', 'image', 'exists', catalyst]).exit == 0 : "no image ${catalyst}"
  assert podman.run(['podman', 'image', 'exists', "osb-portage:${s.signed}"]).exit == 0 : 'no portage image'
  assert podman.ok(['podman', 'image', 'inspect', '--format', '{{index .Config.Labels "dev.osb.seed"}}', catalyst])
      .trim() == podman.SEED
  // the tree was only bind-mounted for the emerge: no layer of the catalyst image holds it
  assert !podman.ok(['podman', 'history', '--no-trunc', '--format', '{{.CreatedBy}}', catalyst]).contains('COPY')
  assert podman.ok(['podman', 'run', '--rm', '--pull=never', '--entrypoint', '/bin/bash', catalyst, '-c',
      'echo /var/db/repos/gentoo/*']).trim() == '/var/db/repos/gentoo/*' : 'the catalyst image holds the tree'

  // each build: catalyst in a privileged container named osb-<build>-<hash>, from that image
  ['stage4', 'editor'].each { b ->
    assert first.contains("osb:build: ${b} runs catalyst") : first
    def blog = new File(basedir, "target/osb/logs/${b}.log").text
    assert blog =~ /(?m)^osb: \$ podman run --rm --init --pull=never --name osb-${b}-[0-9a-f]{8} --privileged .* --entrypoint \/bin\/bash ${java.util.regex.Pattern.quote(catalyst)} -c / : blog.take(2000)
    assert blog.contains('catalyst TEST STAND-IN (dev.osb.build.standin.CatalystStandIn)') : blog
    assert blog.contains("osb: /osb/input ready (portage, overlay/${b}, root-owned); running catalyst") : blog
  }
  assert podman.containers() == [] : 'osb:build left containers behind'

  // the tarballs hold what os.yaml asked
  def dir = new File(basedir, 'store/builds/dev.osb.it.build-podman-standin')
  def stage4 = new File(dir, 'stage4-amd64-stage4-1.0.tar.xz')
  def editor = new File(dir, 'stage4-amd64-editor-1.0.tar.xz')
  assert stage4.isFile() && editor.isFile() : dir.list()
  def text = { File t, String path -> podman.ok(['tar', '-xOf', t.path, "./${path}"]) }
  def entry = { File t, String path -> podman.ok(['tar', '-tvf', t.path, '--numeric-owner', "./${path}"]).trim() }
  [stage4, editor].each { t ->
    def passwd = text(t, 'etc/passwd').readLines().find { it.startsWith('admin:') }
    assert passwd ==~ /admin:x:(\d+):(\d+)::\/home\/admin:\/bin\/bash/ : passwd
    def uid = passwd.split(':')[2]
    def gid = passwd.split(':')[3]
    assert text(t, 'etc/group').readLines().find { it.startsWith('wheel:') }.split(':')[3].split(',').contains('admin')
    assert text(t, 'etc/shadow').readLines().any { it.startsWith('admin:') }
    assert text(t, 'home/admin/.ssh/authorized_keys').trim() ==
        'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIEkOFnYssIYPg7kXCDt3eSWueqPC/N9z0tDOJg0i0NSz admin@standin'
    assert entry(t, 'home/admin/.ssh/authorized_keys') =~ /^-rw------- ${uid}\/${gid} /
    assert entry(t, 'home/admin/.ssh') =~ /^drwx------ ${uid}\/${gid} /
    assert entry(t, 'etc/runlevels/default/sshd') =~ /^lrwxrwxrwx 0\/0 .* -> \/etc\/init\.d\/sshd$/
    assert text(t, 'etc/portage/make.conf').contains('MAKEOPTS="-j2"')
    assert text(t, 'etc/portage/make.conf') =~ /(?m)^USE=".*-X.*"$/
    assert text(t, 'etc/motd') == 'Welcome to the podman stand-in OS\n'
    assert entry(t, 'etc/motd') =~ /^-rw-r--r-- 0\/0 /
  }
  assert text(stage4, 'etc/conf.d/hostname').contains('hostname="standin"')
  assert text(editor, 'etc/conf.d/hostname').contains('hostname="editor"')
  assert text(editor, 'var/lib/portage/world').readLines().contains('app-editors/nano')

  // osb:build's checks passed
  ['stage4', 'editor'].each { b ->
    def xml = new File(basedir, "target/osb/reports/TEST-osb.verify.${b}.xml").text
    assert xml =~ /<testsuite name="osb\.verify\.${b}" tests="[1-9][0-9]*" failures="0" errors="0"/ : xml
  }

  // osb:package: the tarballs attached, the manifest names the images, the OCI archives
  assert first.contains("osb:package: stage4 ${stage4.path} is the main artifact") : first
  assert first.contains("osb:package: editor ${editor.path} attached with classifier editor") : first
  def images = manifest.builds.collectEntries { [(it.id): it.image] }
  assert images.keySet() == ['stage4', 'editor'] as Set : manifest
  images.each { b, tag -> assert tag ==~ /osb\/build-podman-standin-${b}:[0-9a-f]{16}/ : manifest }
  ['stage4', 'editor'].each { b ->
    assert first.contains("osb:package: ${b} image ${images[b]} saved as target/osb/images/${b}.oci.tar and attached")
    assert new File(basedir, "target/osb/images/${b}.oci.tar").isFile()
  }
  // the archive alone gives the image: removed, loaded from the archive, run
  podman.ok(['podman', 'rmi', images.stage4])
  assert podman.run(['podman', 'image', 'exists', images.stage4]).exit != 0
  def loaded = podman.ok(['podman', 'load', '-i', new File(basedir, 'target/osb/images/stage4.oci.tar').path])
  assert podman.run(['podman', 'image', 'exists', images.stage4]).exit == 0 : "podman load named it otherwise: ${loaded}"
  def osRelease = podman.ok(['podman', 'run', '--rm', '--pull=never', images.stage4, 'cat', '/etc/os-release'])
  assert osRelease == text(stage4, 'etc/os-release') : osRelease
  assert osRelease.contains('PRETTY_NAME="Gentoo Linux (OSB test stand-in seed)"') : osRelease

  // the second invocation: everything up to date, no catalyst, no image built
  assert second.contains('osb:build: every build is up to date: no catalyst image, snapshot or runner is needed') : second
  assert second.contains('osb:build: stage4 is up to date (fingerprint ') : second
  assert second.contains('osb:build: editor is up to date (fingerprint ') : second
  assert !second.contains('runs catalyst') : second
  assert !second.contains('catalyst TEST STAND-IN') : second
  assert !second.contains('STEP 1/') : 'the second invocation built an image'
  assert !second.contains('podman build') : second
  assert second.contains('osb:package: stage4 image ') : second
  assert second.contains('BUILD SUCCESS')
  assert podman.containers() == [] : 'containers left behind'
} finally {
  podman.removeImages()
}
return true
