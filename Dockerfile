# The Minga image: the web app (gunicorn), the task worker (db_worker) and the scheduler all run it.
# Build from the repository root:  docker build -t minga .   (see docs/deploy.md and docs/compose.yaml)
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

WORKDIR /app

# An unprivileged user; the code stays owned by root, so the running app cannot modify it.
RUN groupadd --system --gid 10001 minga \
    && useradd --system --uid 10001 --gid minga --home-dir /app --shell /usr/sbin/nologin minga

# Dependencies first, so a code change does not reinstall them (every runtime wheel is binary).
COPY requirements.txt ./
RUN pip install -r requirements.txt

# Only what runs: no .venv, db.sqlite3, media, .cache (local PostgreSQL data) or .env reach the image,
# whether or not a .dockerignore exists.
COPY manage.py gunicorn.conf.py ./
COPY core ./core
COPY website ./website
COPY solutions ./solutions
COPY community ./community
COPY search ./search
COPY exchange ./exchange
COPY templates ./templates
COPY static ./static
COPY locale ./locale

# Static files are collected at build time and served by whitenoise. The production settings refuse to
# load without SECRET_KEY, DATABASE_URL, ALLOWED_HOSTS, SITE_URL and REDIS_URL (or
# SINGLE_PROCESS_DEPLOYMENT), so this one step gets throwaway values; they are not kept in the image
# (real values come from the environment at run time).
RUN DJANGO_SETTINGS_MODULE=website.settings.production \
    SECRET_KEY=build-only-not-a-secret \
    DATABASE_URL=sqlite:////tmp/build.sqlite3 \
    ALLOWED_HOSTS=localhost \
    SITE_URL=https://localhost \
    SINGLE_PROCESS_DEPLOYMENT=true \
    python manage.py collectstatic --noinput -v 0 \
    && rm -f /tmp/build.sqlite3 \
    && mkdir -p /srv/media /srv/backups \
    && chown minga:minga /srv/media /srv/backups

# The media and backup directories are owned by the app user, so named volumes mounted there start writable.
ENV DJANGO_SETTINGS_MODULE=website.settings.production \
    MEDIA_ROOT=/srv/media \
    PORT=8000

USER minga
EXPOSE 8000
CMD ["gunicorn", "-c", "gunicorn.conf.py", "website.wsgi"]
