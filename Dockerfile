# The web image of the production-like stack (see docker-compose.yml):
# gunicorn serving cms.wsgi with cms.settings.production.

# The npm packages the portal serves as static files (Leaflet and
# leaflet.markercluster for the maps; package.json), without the test tools.
FROM node:22-slim AS npm
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund

FROM python:3.12-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    DJANGO_SETTINGS_MODULE=cms.settings.production \
    STATIC_ROOT=/app/static \
    MEDIA_ROOT=/app/media

# gettext compiles the UI catalogues in locale/.
RUN apt-get update \
    && apt-get install --yes --no-install-recommends gettext \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /app

# Dependencies first, read from pyproject.toml, so that a code change does not
# reinstall them.
COPY pyproject.toml README.md ./
RUN python -c "import tomllib; print('\n'.join(tomllib.load(open('pyproject.toml', 'rb'))['project']['dependencies']))" > /tmp/requirements.txt \
    && pip install -r /tmp/requirements.txt

COPY . .
# cms/settings/base.py serves them from node_modules (collectstatic at start-up).
COPY --from=npm /app/node_modules ./node_modules
RUN pip install --no-deps -e . \
    && if [ -d locale ]; then \
         SECRET_KEY=build-only python manage.py compilemessages --ignore=.venv; \
       fi \
    && useradd --create-home --uid 1000 app \
    && mkdir -p /app/static /app/media \
    && chown -R app:app /app/static /app/media

USER app
EXPOSE 8000
ENTRYPOINT ["/app/scripts/docker-entrypoint.sh"]
CMD ["gunicorn", "cms.wsgi:application", "--bind", "0.0.0.0:8000", "--access-logfile", "-"]
