// A second run with no change writes nothing (and says so); a file a user put in target/osb
// is never deleted.
def log = new File(basedir, 'build.log').text
assert log.contains('osb:generate: target/osb is up to date')
def index = new File(basedir, 'target/osb/.osb-index')
assert index.isFile()
return true
