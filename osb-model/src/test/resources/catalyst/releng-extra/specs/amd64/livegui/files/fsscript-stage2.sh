#!/bin/bash
# stand-in for releng's releases/specs/amd64/livegui/files/fsscript-stage2.sh
echo livegui
