// Rootful podman must work; the shared stand-in seed and signed snapshot; os.yaml pinned to the signed commit.
def podman = evaluate(new File(osbItSupport, 'podman-it.groovy')).newInstance(binding)
podman.requirePodman()
def s = podman.shared()
podman.prepareProject(s, s.signed)
return true
