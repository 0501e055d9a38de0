// Three invocations of mvn package on stages [stage1, stage3, stage4] and the variant edge:
// 1 builds all four in graph order, each from its parent's output (the seed for stage1);
// 2 (OSB_IT_HOSTNAME changed, which only the stage4's fsscript uses) rebuilds stage4 and edge
//   and finds stage1 and stage3 up to date; 3 (no change) runs no catalyst at all.
def log = new File(basedir, 'build.log').text
assert log.count('BUILD SUCCESS') == 3 : log
def marker = '[INFO] osb:build: runner native'
def parts = log.split(java.util.regex.Pattern.quote(marker)).drop(1)
assert parts.size() == 3 : "three invocations, got ${parts.size()}"
def runs = { String part -> (part =~ /osb:build: (\S+) runs catalyst \(fingerprint ([0-9a-f]{8})\)/).collect { [it[1], it[2]] } }
def upToDate = { String part -> (part =~ /osb:build: (\S+) is up to date \(fingerprint ([0-9a-f]{8})\)/).collect { [it[1], it[2]] } }
def rel = 'dev.osb.it.build-stage4-change-standin'
def unpacks = { String part ->
  (part =~ /stand-in: unpacking \/var\/tmp\/catalyst\/builds\/(\S+) into \/var\/tmp\/catalyst\/tmp\/\Q${rel}\E\/(\S+)/)
      .collect { [it[2], it[1]] }
}

// 1: everything, in graph order, each on its parent's output
def first = parts[0]
assert runs(first)*.get(0) == ['stage1', 'stage3', 'stage4', 'edge'] : first
assert upToDate(first).isEmpty() : first
assert unpacks(first) == [
    ['stage1-amd64-stage1-1.0', 'osb-seeds/stage3-amd64-openrc-20261124T170000Z.tar.xz'],
    ['stage3-amd64-stage3-1.0', "${rel}/stage1-amd64-stage1-1.0.tar.xz".toString()],
    ['stage4-amd64-stage4-1.0', "${rel}/stage3-amd64-stage3-1.0.tar.xz".toString()],
    ['stage4-amd64-edge-1.0', "${rel}/stage4-amd64-stage4-1.0.tar.xz".toString()]] : unpacks(first)
def fp1 = runs(first).collectEntries { it }

// 2: the stage4-only change rebuilds stage4 and its variant, on the stage3 already in the store
def second = parts[1]
assert upToDate(second) == [['stage1', fp1.stage1], ['stage3', fp1.stage3]] : second
assert runs(second)*.get(0) == ['stage4', 'edge'] : second
def fp2 = runs(second).collectEntries { it }
assert fp2.stage4 != fp1.stage4 && fp2.edge != fp1.edge : "fingerprints ${fp1} -> ${fp2}"
assert unpacks(second) == [
    ['stage4-amd64-stage4-1.0', "${rel}/stage3-amd64-stage3-1.0.tar.xz".toString()],
    ['stage4-amd64-edge-1.0', "${rel}/stage4-amd64-stage4-1.0.tar.xz".toString()]] : unpacks(second)

// 3: nothing changed, nothing runs
def third = parts[2]
assert upToDate(third) == [['stage1', fp1.stage1], ['stage3', fp1.stage3], ['stage4', fp2.stage4], ['edge', fp2.edge]] : third
assert runs(third).isEmpty() : third
assert !third.contains('catalyst TEST STAND-IN') : 'the third invocation ran catalyst'

// the outputs: the chain carried stage1's COMMON_FLAGS (the seed has -O2 -pipe), and the
// rebuilt stage4 and edge carry the second hostname
def store = new File(basedir, "store/builds/${rel}")
def read = { String tarball, String member ->
  def p = ['tar', '-xJOf', new File(store, tarball).path, member].execute()
  def out = new StringBuilder(), err = new StringBuilder()
  p.waitForProcessOutput(out, err)
  assert p.exitValue() == 0 : "tar -xJOf ${tarball} ${member}: ${err}"
  out.toString()
}
assert read('stage3-amd64-stage3-1.0.tar.xz', './etc/portage/make.conf').contains('COMMON_FLAGS="-O2 -pipe -march=x86-64-v2"')
assert read('stage4-amd64-stage4-1.0.tar.xz', './etc/conf.d/hostname') == 'hostname="second"\n'
assert read('stage4-amd64-edge-1.0.tar.xz', './etc/conf.d/hostname') == 'hostname="second"\n'
assert read('stage4-amd64-edge-1.0.tar.xz', './etc/passwd').contains('\nedgeuser:x:')
return true
