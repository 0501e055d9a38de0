#!/usr/bin/env bash
# OSB benchmarks, in one run. Targets (README "Benchmarks"):
#   (a) sample-os generate in-process, warm      < 50 ms
#   (b) 1,000 variants within -Xmx256m            < 5 s
#   (c) mvn osb:generate / mvn osb:validate wall  < 1.3 (sample-os)
# Usage: bench/run.sh   (from anywhere; builds what it needs, prints the figures)
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
cd "$repo"
out=bench/target
mkdir -p "$out"

mvn -B -q -ntp install -DskipTests -Dinvoker.skip >/dev/null
mvn -B -q -ntp -pl templates dependency:build-classpath -Dmdep.outputFile="$repo/$out/cp.txt" >/dev/null
cp="templates/target/classes:osb-model/target/classes:$(cat "$out/cp.txt")"
javac -d "$out/classes" -cp "$cp" bench/GenerateBench.java
java -cp "$out/classes:$cp" GenerateBench "$repo" sample
java -Xmx256m -cp "$out/classes:$cp" GenerateBench "$repo" variants

# (c) wall time of a whole Maven run, median of 5 after one warm-up each
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
wall() {
  mvn -B -q -ntp -f sample-os "$1" >/dev/null
  for _ in 1 2 3 4 5; do
    s=$(date +%s%N); mvn -B -q -ntp -f sample-os "$1" >/dev/null; e=$(date +%s%N)
    echo $(( (e - s) / 1000000 ))
  done | median
}
rm -rf sample-os/target
v=$(wall osb:validate)
g=$(wall osb:generate)
rm -rf sample-os/target
awk -v g="$g" -v v="$v" 'BEGIN { printf "(c) mvn osb:generate %d ms / mvn osb:validate %d ms = %.2f\n", g, v, g / v }'
