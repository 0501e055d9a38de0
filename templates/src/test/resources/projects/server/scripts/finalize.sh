#!/bin/bash
# the project's own finishing step
set -eu
echo "built ${HOSTNAME:-server}" > /etc/osb-built
