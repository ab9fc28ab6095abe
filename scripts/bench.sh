#!/usr/bin/env bash
# The benchmark of issue 14 (docs/performance.md): contactdesk against a telegrambots bot, a grammY bot and a
# pass-through Kafka Streams topology; writes bench/results/<date>/report.md with charts.
#   scripts/bench.sh                 short form (a few minutes)
#   scripts/bench.sh -Dbench.form=full   full form (under 20 minutes on 2 cores)
#   scripts/bench.sh -Dbench.form=latency -Dbench.systems=contactdesk -Dbench.rates=20,500
#                                    latency form: the rates and the hop-by-hop breakdown only (a few minutes)
# Other properties: -Dbench.duration=30s (each rate), -Dbench.users, -Dbench.rates, -Dbench.systems, -Dbench.backlog,
# -Dbench.processors, -Dbench.streamThreads. CPU per update by service: -Dbench.systems=cpu -Dbench.backlog=30000 [-Dbench.jfr=DIR]
# (docs/performance.md, "Where the CPU goes").
set -euo pipefail
cd "$(dirname "$0")/.."
# The grammY peer's packages, exactly as package-lock.json pins them.
if [ ! -d bench/peers/grammy/node_modules ]; then
  (cd bench/peers/grammy && npm ci --no-audit --no-fund)
fi
# -am builds the services' jars; only the benchmark's own tests run.
exec ./mvnw -B -ntp -Pbench verify -pl bench -am \
  -Dtest=PercentilesTest -Dsurefire.failIfNoSpecifiedTests=false \
  -Dit.test=BenchmarkIT -Dfailsafe.failIfNoSpecifiedTests=false "$@"
