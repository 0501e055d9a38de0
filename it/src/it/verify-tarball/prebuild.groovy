// A tiny root filesystem without the os.yaml's 'admin' account, packed with GNU tar and xz.
def root = new File(basedir, 'rootfs')
new File(root, 'etc').mkdirs()
new File(root, 'etc/passwd').text = 'root:x:0:0:root:/root:/bin/bash\n'
new File(root, 'etc/group').text = 'root:x:0:\nwheel:x:10:root\n'
new File(root, 'etc/shadow').text = 'root:*:20000:0:::::\n'
new File(root, 'etc/hostname').text = 'localhost\n'
def p = ['tar', '--owner=0', '--group=0', '-cJf', 'root.tar.xz', '-C', 'rootfs', '.'].execute(null, basedir)
p.waitForProcessOutput(System.out, System.err)
assert p.exitValue() == 0
assert new File(basedir, 'root.tar.xz').isFile()
return true
