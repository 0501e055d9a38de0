// An empty store (git keeps no empty directory).
def store = new File(basedir, 'store')
store.mkdirs()
assert store.list().length == 0
return true
