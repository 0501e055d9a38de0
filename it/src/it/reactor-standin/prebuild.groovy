// The TEST STAND-IN for catalyst first on PATH (bin/catalyst), a fake stage3 seed (seed/, the
// seed of base; it already holds base's app-misc/hello and derived's app-misc/screen, since the
// stand-in emerges nothing) and a fake snapshot in the store that base, derived and external share.
standinExtraPackages = ['app-misc/screen-5.0.0']
evaluate(new File(osbStandinCommon, 'setup.groovy'))
return true
