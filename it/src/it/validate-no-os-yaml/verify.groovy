// No os.yaml: skipped in a pom project, skipped with osb.skip, a clear failure when named.
def log = new File(basedir, 'build.log').text
def missing = new File(basedir, 'missing/os.yaml').canonicalPath

assert log.contains("[INFO] Skipping osb:validate: no os.yaml in this pom-packaged project")
assert log.contains('[INFO] Skipping osb:validate: <skip> / -Dosb.skip is true')
assert log.contains("The os.yaml set by <osYaml> / -Dosb.osYaml does not exist: ${missing}. Point it at your os.yaml file.")
assert !log.contains('Exception:')
assert !(log =~ /(?m)^\s+at [a-z]+\./)
return true
