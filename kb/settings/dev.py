"""Local development: DEBUG on, a fixed insecure key, everything else from base."""

from .base import *  # noqa: F403
from .base import env_list

DEBUG = True
SECRET_KEY = "dev-only-insecure-key-never-use-in-production"  # noqa: S105
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1],testserver")
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
