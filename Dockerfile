# Production image: gunicorn for the web, the same image runs the Celery worker and beat.
FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 DJANGO_SETTINGS_MODULE=microcred.settings.production
WORKDIR /app
# WeasyPrint (the approval boards' dossier) needs Pango; DejaVu is the dossier's font.
RUN apt-get update && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/*
# xmlsec1: pysaml2 signs and verifies SAML messages and federation metadata with it.
RUN apt-get update && apt-get install -y --no-install-recommends xmlsec1 && rm -rf /var/lib/apt/lists/*
COPY requirements.lock .
# psycopg's C module is built against the system libpq (kept up to date by the OS); the compiler goes after the build.
RUN apt-get update \
 && apt-get install -y --no-install-recommends gcc libc6-dev libpq-dev libpq5 \
 && pip install --no-cache-dir --require-hashes -r requirements.lock \
 && apt-get purge -y --auto-remove gcc libc6-dev libpq-dev \
 && rm -rf /var/lib/apt/lists/*
COPY . .
RUN SECRET_KEY=build-only python manage.py collectstatic --noinput
RUN useradd --create-home microcred && chown -R microcred /app/var
USER microcred
EXPOSE 8000
CMD ["gunicorn", "microcred.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3", "--access-logfile", "-"]
