"""Local development: DEBUG on, a fixed insecure key, everything else from base."""

import os

from .base import *  # noqa: F403
from .base import env_list

DEBUG = True
SECRET_KEY = "dev-only-insecure-key-never-use-in-production"  # noqa: S105
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1],testserver")
# Development sends no e-mail and prints none: commands and the admin stay readable. DEV_EMAIL=console prints
# each message, DEV_EMAIL=file writes them to EMAIL_FILE_PATH (default: ./tmp-mail).
EMAIL_BACKEND = {
    "console": "django.core.mail.backends.console.EmailBackend",
    "file": "django.core.mail.backends.filebased.EmailBackend",
}.get(os.environ.get("DEV_EMAIL", ""), "django.core.mail.backends.locmem.EmailBackend")
EMAIL_FILE_PATH = os.environ.get("EMAIL_FILE_PATH", str(BASE_DIR / "tmp-mail"))  # noqa: F405
