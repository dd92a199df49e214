"""WSGI entry point: `granian --interface wsgi interpel.wsgi:application` (what `interpel serve` runs) or `gunicorn interpel.wsgi`."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "interpel.settings")
application = get_wsgi_application()
