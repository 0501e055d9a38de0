// The TEST STAND-IN for catalyst, its fake seed and snapshot (standin-common/setup.groovy).
evaluate(new File(osbStandinCommon, 'setup.groovy'))
return true
