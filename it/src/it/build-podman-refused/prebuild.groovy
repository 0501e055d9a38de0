// Rootful podman must work; os.yaml pinned to the commit signed by the key that is not trusted.
def podman = evaluate(new File(osbItSupport, 'podman-it.groovy')).newInstance(binding)
podman.requirePodman()
def s = podman.shared()
podman.prepareProject(s, s.other)
return true
