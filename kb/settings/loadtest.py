"""`make loadtest`: production settings, DEBUG off, plain HTTP on 127.0.0.1, plus the /embed/ping/ ceiling view."""

import os
import warnings

os.environ.setdefault("SECRET_KEY", "loadtest-only-" + "x" * 50)
os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1")
os.environ.setdefault("SECURE_SSL_REDIRECT", "0")
os.environ.setdefault("SECURE_HSTS_SECONDS", "0")
os.environ.setdefault("DATABASE_URL", "sqlite:////tmp/praxis-loadtest.sqlite3")
os.environ.setdefault("CACHE_KEY_PREFIX", "praxis-loadtest")

from .production import *  # noqa: E402, F403

EMBEDS_PING_VIEW = True
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
# No collectstatic step for a load test; embed routes do not touch static files.
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}  # noqa: F405
warnings.filterwarnings("ignore", "No directory at", UserWarning)  # no collectstatic here
LOGGING["root"]["level"] = "WARNING"  # noqa: F405
