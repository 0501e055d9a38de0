#!/bin/bash
# Runs in the stage4 chroot after the steps OSB generates from os.yaml.
set -euo pipefail

# The login banner names the system, its kernel and the terminal.
cat > /etc/issue <<'ISSUE'
This is \n (sample-os, \s \r) on \l

ISSUE

# The news items were read by whoever wrote os.yaml; do not greet every admin with them.
eselect news read all >/dev/null
