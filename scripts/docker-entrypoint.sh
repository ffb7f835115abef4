#!/bin/sh
# Start-up of the web container: bring the database schema and the static files
# up to date, optionally load the demo content, then run the command (gunicorn).
set -eu

python manage.py migrate --noinput
# WhiteNoise's manifest storage needs the collected, hashed files.
python manage.py collectstatic --noinput
if [ "${SEED_DEMO:-false}" = "true" ]; then
    python manage.py seed_demo --if-empty
fi
if [ -n "${ELASTICSEARCH_URL:-}${OPENSEARCH_URL:-}" ]; then
    python manage.py update_index
fi

exec "$@"
