// A template in src/main/osb/templates wins over OSB's built-in one of the same name.
def env = new File(basedir, 'target/osb/envscript').text
assert env.startsWith('# site override of OSB\'s envscript\n')
assert env.contains('export SOURCE_DATE_EPOCH=1795564800\n')
assert env.contains('export SITE_OVERRIDE=1\n')
return true
