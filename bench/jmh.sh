#!/usr/bin/env bash
# JMH microbenchmarks of the proxies' hot paths (src/test/java/**/*Benchmark.java). What they measure and the
# numbers so far: docs/microbenchmarks.md.
#
#   bench/jmh.sh                                       # every benchmark with JMH's defaults: hours
#   bench/jmh.sh -f 1 -wi 3 -w 1s -i 5 -r 1s -prof gc  # the short run of docs/microbenchmarks.md
#   bench/jmh.sh 'ProxyAuthenticatorBenchmark' -p credentials=10000   # one class, one parameter value
#   bench/jmh.sh -l                                    # list the benchmarks
#
# Arguments go to org.openjdk.jmh.Main unchanged (-h for its help). The benchmarks are compiled by the normal
# build (test-compile); this script compiles them if needed, unless GATEHOUSE_JMH_NO_BUILD=1, and runs them on the
# test classpath. Maven runs offline (-o) unless GATEHOUSE_JMH_ONLINE=1. Never run by `mvn verify`.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/.." && pwd)"
cd "$repo"

offline=(-o)
if [[ "${GATEHOUSE_JMH_ONLINE:-0}" == 1 ]]; then
    offline=()
fi
classpath_file="target/jmh-classpath.txt"
if [[ "${GATEHOUSE_JMH_NO_BUILD:-0}" != 1 ]]; then
    mvn -B -q -Dstyle.color=never "${offline[@]}" test-compile
fi
if [[ ! -f target/test-classes/META-INF/BenchmarkList ]]; then
    echo "no benchmarks compiled: run 'mvn test-compile' first" >&2
    exit 1
fi
if [[ ! -f "$classpath_file" || pom.xml -nt "$classpath_file" ]]; then
    mvn -B -q -Dstyle.color=never "${offline[@]}" dependency:build-classpath -Dmdep.includeScope=test \
        -Dmdep.outputFile="$classpath_file"
fi

# JMH forks each trial with this JVM's class path; the forked JVMs get JMH's own defaults plus any -jvmArgs given.
exec java -cp "target/test-classes:target/classes:$(cat "$classpath_file")" org.openjdk.jmh.Main "$@"
