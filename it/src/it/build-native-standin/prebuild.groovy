// The TEST STAND-IN for catalyst first on PATH (bin/catalyst), a fake stage3 seed (seed/) and a
// fake snapshot in the store: osb:build runs the native runner against them.
evaluate(new File(osbStandinCommon, 'setup.groovy'))
return true
