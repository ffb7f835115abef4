#!/usr/bin/env bash
# Start PostgreSQL (127.0.0.1:5432, trust for local TCP, role postgres) and Redis
# (127.0.0.1:6379) from Debian's packages, and wait until both answer. Used by
# .ci/run; a developer with both already running needs nothing of this.
set -euo pipefail

if ! pg_isready -q -h 127.0.0.1 -p 5432; then
    version="$(ls /etc/postgresql 2>/dev/null | sort -V | tail -n 1)"
    if [ -z "$version" ]; then
        # Packages installed without a cluster (e.g. create_main_cluster = false).
        version="$(ls /usr/lib/postgresql | sort -V | tail -n 1)"
        pg_createcluster "$version" main
    fi
    hba="/etc/postgresql/$version/main/pg_hba.conf"
    # The tests connect as postgres over TCP without a password (trust on loopback
    # only; this is a throwaway CI server).
    if ! grep -q "^# kb-ci trust" "$hba"; then
        {
            echo "# kb-ci trust"
            echo "host all all 127.0.0.1/32 trust"
            echo "host all all ::1/128 trust"
            cat "$hba"
        } > "$hba.new"
        mv "$hba.new" "$hba"
        chown postgres:postgres "$hba"
    fi
    echo "starting PostgreSQL $version"
    pg_ctlcluster --skip-systemctl-redirect "$version" main start || \
        pg_ctlcluster --skip-systemctl-redirect "$version" main reload
    for _ in $(seq 60); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 1; done
fi
pg_isready -h 127.0.0.1 -p 5432
psql -h 127.0.0.1 -U postgres -d postgres -tAc "select 'PostgreSQL ' || version()"

if ! redis-cli -h 127.0.0.1 ping >/dev/null 2>&1; then
    echo "starting Redis"
    mkdir -p /var/lib/redis /var/log/redis
    redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" \
        --appendonly no --dir /var/lib/redis --logfile /var/log/redis/ci.log \
        --maxmemory 256mb --maxmemory-policy allkeys-lru
    for _ in $(seq 30); do redis-cli -h 127.0.0.1 ping >/dev/null 2>&1 && break; sleep 1; done
fi
redis-cli -h 127.0.0.1 ping
