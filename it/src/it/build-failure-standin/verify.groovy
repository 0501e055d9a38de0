// The project's own fsscript fails inside catalyst (usermod: the docker group does not exist), so
// catalyst fails and mvn install fails in osb:build: the failure names the exit code, the full
// log target/osb/logs/stage4.log and the last lines; catalyst's output streamed as [INFO] lines
// only; nothing was packaged, installed or recorded as finished in the store.
def log = new File(basedir, 'build.log').text
def lines = log.readLines()
assert log.contains('BUILD FAILURE') : log
assert log.contains('osb:build: stage4 runs catalyst') : log

// the failure: exit code, log path, last lines
def stageLog = new File(basedir, 'target/osb/logs/stage4.log')
def failure = lines.findIndexOf { it.startsWith('[ERROR] Failed to execute goal dev.osb:osb-maven-plugin:') }
assert failure >= 0 : log
def head = lines[failure]
assert head.contains(':build (default-build) on project build-failure-standin: osb:build: stage4: '
    + 'catalyst stage4 failed with exit code 2; full log: ' + stageLog.path + '; last ') : head
def count = (head =~ /; last (\d+) lines:$/)
assert count.find() : head
int n = count.group(1).toInteger()
def tail = lines.subList(failure + 1, failure + 1 + n)
assert tail.every { it.startsWith('[ERROR]   ') } : tail.join('\n')
assert lines[failure + 1 + n] == '[ERROR] -> [Help 1]' : lines[failure + 1 + n]
def tailText = tail.collect { it.substring('[ERROR]   '.length()) }
assert tailText[-3..-1] == [
    "usermod: group 'docker' does not exist",
    'ERROR   : the fsscript /osb/out/fsscript/stage4.sh failed with exit code 6',
    'ERROR   : stand-in: build of dev.osb.it.build-failure-standin/stage4-amd64-stage4-1.0 failed'] : tailText.join('\n')
// the full log holds the whole run, the tail among it
assert stageLog.isFile()
def full = stageLog.readLines()
assert full.any { it.contains('catalyst TEST STAND-IN') }
assert full[-tailText.size()..-1] == tailText : "the last lines are not the end of ${stageLog}"

// catalyst's output was streamed as [INFO]; [ERROR] only in the final failure and Maven's trailer
assert lines.contains("[INFO] usermod: group 'docker' does not exist") : log
assert lines.contains('[INFO] ERROR   : the fsscript /osb/out/fsscript/stage4.sh failed with exit code 6') : log
def errorsBefore = lines.subList(0, failure).findAll { it.startsWith('[ERROR]') }
assert errorsBefore.isEmpty() : 'catalyst output as [ERROR] before the failure: ' + errorsBefore.join('\n')
def after = lines.subList(failure + 2 + n, lines.size()).findAll { it.startsWith('[ERROR]') }
assert after.every { it == '[ERROR] ' || it.startsWith('[ERROR] To see the full stack trace') ||
    it.startsWith('[ERROR] Re-run Maven') || it.startsWith('[ERROR] For more information') ||
    it.startsWith('[ERROR] [Help 1] ') } : after.join('\n')
assert !log.contains('\tat dev.osb.') : 'a stack trace for a failed catalyst run'

// nothing packaged, installed, verified or recorded
assert !log.contains('osb:package:') : log
assert !log.contains('Installing ') : log
assert !log.contains('osb:verify:') : log
def repo = new File(localRepositoryPath, 'dev/osb/it/build-failure-standin')
def installed = repo.exists() ? repo.listFiles().collectMany { (it.listFiles() ?: []) as List } : []
assert installed.isEmpty() : "mvn install put ${installed} into the local repository"
def outputs = new File(basedir, 'store/builds/dev.osb.it.build-failure-standin')
assert !outputs.exists() || !outputs.list().any { it.startsWith('stage4-amd64-stage4-1.0') } : outputs.list()
def state = new File(basedir, 'store/osb-state/dev.osb.it.build-failure-standin')
assert !state.exists() || state.list().length == 0 : "a failed build was recorded as finished: ${state.list()}"
assert !new File(basedir, 'target/osb/manifest.json').exists()
return true
