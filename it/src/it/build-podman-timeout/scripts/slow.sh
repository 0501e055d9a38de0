#!/bin/bash
# Outlasts the IT's -Dosb.timeout: osb:build must stop the catalyst container by name.
echo 'slow fsscript: sleeping 600 s'
sleep 600
