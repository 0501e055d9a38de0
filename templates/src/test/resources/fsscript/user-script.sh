#!/bin/bash
# The project's own fsscript (test fixture): it records each run and writes text that must reach
# the image literally, including things FreeMarker or the shell would expand elsewhere.
set -eu
echo "user script ran" >> /var/log/osb-user-script.log
printf 'proxy=%s\n' "${OSB_TEST_PROXY:-unset}" >> /var/log/osb-user-script.log
cat > /etc/osb-user-heredoc <<'EOF'
${HOME} $(id) `id` 'single' "double" [=fs.build] ${fs.build} <#if x>
EOF
