// Rootful podman must work (the IT fails, never skips, when it does not); the shared
// container-capable stand-in seed and signed snapshot repository; os.yaml pinned to the signed
// commit; no image of an earlier run left, so this run builds them.
def podman = evaluate(new File(osbItSupport, 'podman-it.groovy')).newInstance(binding)
podman.requirePodman()
def s = podman.shared()
podman.removeImages()
podman.prepareProject(s, s.signed)
return true
