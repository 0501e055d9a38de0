// osb:validate refuses a seed that names the reactor wrongly, at its os.yaml location, with the
// fix; base itself is valid; no stack trace.
def log = new File(basedir, 'build.log').text
def lines = log.readLines()

assert log.contains('[INFO] os.yaml is valid: base, 1 package, 0 variants') : log

// artifact/os.yaml:7:13 is the value of seed.artifact
assert lines.contains("[ERROR] os.yaml:7:13: seed.artifact 'dev.osb.it.seederr:base:1.0' names dev.osb.it.seederr:base, "
    + "a project of this Maven reactor, which Maven would not build before this one (declare it as a <dependency> "
    + "with <type>stage4</type> and <scope>provided</scope>, and remove seed)") : log

// both/os.yaml:6:1 is the key seed; the message names the POM's <dependency> (line 13) where Maven read it
def both = lines.find { it.startsWith('[ERROR] os.yaml:6:1: seed is set, but the POM provides the seed too: ') }
assert both != null : log
assert both =~ /the <dependency> dev\.osb\.it\.seederr:base:1\.0 of type stage4 with scope provided \((\S+\/)?both\/pom\.xml:13:\d+\) \(remove one: remove seed to build on the dependency, or remove the <dependency> to build on this seed\)$/ : both

assert log.contains('on project artifact: os.yaml has 1 problem; see above.') : log
assert log.contains('on project both: os.yaml has 1 problem; see above.') : log

// no stack trace: not ours, not Maven's
assert !log.contains('at dev.osb')
assert !log.contains('Exception:')
assert !(log =~ /(?m)^\s+at [a-z]+\./)
assert log.contains('BUILD FAILURE')
return true
