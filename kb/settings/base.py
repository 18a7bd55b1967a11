"""Settings shared by every environment. Services are switched on by environment variables.

- ``DATABASE_URL``: PostgreSQL (or any dj-database-url URL); SQLite in the project folder otherwise.
- ``REDIS_URL``: Redis cache; local memory otherwise.
- ``ELASTICSEARCH_URL`` / ``OPENSEARCH_URL``: search backend; Wagtail's database backend otherwise.
- ``AWS_STORAGE_BUCKET_NAME`` (+ ``AWS_S3_ENDPOINT_URL``...): S3-style media; the filesystem otherwise.
"""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from csp.constants import NONCE, NONE, SELF, UNSAFE_INLINE
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


INSTALLED_APPS = [
    "practices",
    "search.apps.SearchConfig",
    "importers",
    "cards",
    "transfer",
    "follow",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.redirects",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django_tasks",
    "django_tasks_db",  # the production task queue (its table exists everywhere; see TASKS)
    "ninja",  # the search API's OpenAPI documentation pages
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "csp",
    "axes",  # login throttling on /admin/login/
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "kb.middleware.PraxisCSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "kb.middleware.PraxisLocaleMiddleware",
    "kb.middleware.request_memo",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "axes.middleware.AxesMiddleware",  # last, as django-axes asks
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # first: refuses locked-out clients before a password is checked
    "django.contrib.auth.backends.ModelBackend",
]

ROOT_URLCONF = "kb.urls"
WSGI_APPLICATION = "kb.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "0")),
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "praxis"),
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Internationalisation: content locales and interface languages are the same list.
LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("de", "Deutsch")]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Berlin"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))

if os.environ.get("AWS_STORAGE_BUCKET_NAME"):
    default_storage = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": os.environ["AWS_STORAGE_BUCKET_NAME"],
            "endpoint_url": os.environ.get("AWS_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("AWS_S3_REGION_NAME") or None,
            "custom_domain": os.environ.get("AWS_S3_CUSTOM_DOMAIN") or None,
            "querystring_auth": False,
            "default_acl": None,
        },
    }
else:
    default_storage = {"BACKEND": "django.core.files.storage.FileSystemStorage"}

STORAGES = {
    "default": default_storage,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Search: the database backend (SQLite FTS5 / PostgreSQL full text) unless a cluster is configured.
_search_url = os.environ.get("ELASTICSEARCH_URL") or os.environ.get("OPENSEARCH_URL")
if _search_url:
    WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": os.environ.get(
                "SEARCH_BACKEND",
                "modelsearch.backends.opensearch3"
                if os.environ.get("OPENSEARCH_URL")
                else "modelsearch.backends.elasticsearch9",
            ),
            "URLS": [_search_url],
            "INDEX_PREFIX": os.environ.get("SEARCH_INDEX_PREFIX", "praxis_"),
            "TIMEOUT": 10,
        }
    }
else:
    # modelsearch's database backend; on PostgreSQL each language is stemmed with its own text-search
    # configuration (see search/localized_database.py). SQLite's FTS5 folds case and diacritics itself.
    WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": "search.localized_database",
            "SEARCH_CONFIGS": {"en": "english", "de": "german"},
        }
    }

# Background work after publishing (search.tasks). Development runs it at once, after the commit, in the
# request; production queues it in the database for `manage.py db_worker` (kb/settings/production.py).
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

WAGTAIL_SITE_NAME = "Praxis"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAIL_GRAVATAR_PROVIDER_URL = None  # no third-party requests (and e-mail hashes) from the admin; CSP allows none
WAGTAIL_MODERATION_ENABLED = True
WAGTAIL_WORKFLOW_ENABLED = True
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx", "zip"]
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Content-Security-Policy (django-csp) on every page: the site runs only its own scripts (static files, or
# inline ones carrying the request's nonce: {{ request.csp_nonce }}), styles from its own files (style
# attributes allowed: the embed preview iframe's sizing), nothing framed from or framing elsewhere.
# The admin gets kb.middleware.ADMIN_CSP on top (Wagtail's inline panels still write inline scripts).
# The card sets its own policy (frame-ancestors from EMBEDS_FRAME_ANCESTORS), which the middleware keeps.
_media_sources = [f"https://{os.environ['AWS_S3_CUSTOM_DOMAIN']}"] if os.environ.get("AWS_S3_CUSTOM_DOMAIN") else []
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "style-src-attr": [UNSAFE_INLINE],
        "img-src": [SELF, "data:", *_media_sources],
        "media-src": [SELF, *_media_sources],
        "font-src": [SELF],
        "connect-src": [SELF],
        "frame-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [SELF],
    }
}

# Only the bare minimum is framed: embed views opt in with their own CSP frame-ancestors.
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False

# Embeds: origins allowed to frame the practice cards, comma-separated ("*": any site; all other pages
# stay unframeable). Cards, oEmbed and JSON answers are cached this many seconds, by browsers too.
EMBEDS_FRAME_ANCESTORS = env_list("EMBEDS_FRAME_ANCESTORS", "*")
EMBEDS_CACHE_SECONDS = int(os.environ.get("EMBEDS_CACHE_SECONDS", "300"))
EMBEDS_PING_VIEW = env_bool("EMBEDS_PING_VIEW", False)  # /embed/ping/, the ceiling in `make loadtest`

# Reverse proxies of our own in front of the application (load balancer, CDN): the client's address is the
# TRUSTED_PROXY_COUNT-th entry of X-Forwarded-For from the right (practices.clients). 0: REMOTE_ADDR.
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))

# Login throttling (django-axes): after AXES_FAILURE_LIMIT failed logins of one user name from one address,
# that pair is locked out for AXES_COOLOFF_TIME hours (429); attempts are kept in the database, shared by all
# workers, and the lockout is logged (logger "axes").
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = float(os.environ.get("AXES_COOLOFF_TIME", "1"))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_CLIENT_IP_CALLABLE = "practices.clients.client_ip"
AXES_RESET_ON_SUCCESS = True

PRAXIS_STALE_AFTER_DAYS = 730  # practices not verified for two years are flagged to editors

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

PRAXIS_LANGUAGE_NAMES = {"en": _("English"), "de": _("German")}

# The map of a search (transfer app): any XYZ tile server; OpenStreetMap's by default, with its attribution.
# Mind OpenStreetMap's tile usage policy for heavy use, and allow the tile host in a Content-Security-Policy.
PRAXIS_MAP_TILES_URL = os.environ.get("MAP_TILES_URL", "https://tile.openstreetmap.org/{z}/{x}/{y}.png")
PRAXIS_MAP_ATTRIBUTION = os.environ.get(
    "MAP_ATTRIBUTION", '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors'
)
PRAXIS_MAP_MAX_ZOOM = int(os.environ.get("MAP_MAX_ZOOM", "18"))


def _tile_source(url: str) -> str | None:
    """The CSP source of a tile URL template: its scheme and host (``{s}`` subdomains as ``*.``); None if local."""
    parts = urlsplit(url.replace("{s}", "x"))
    if not parts.netloc:
        return None  # a path on this site: 'self'
    host = parts.netloc.split("@")[-1]
    if "{s}" in url.split("://", 1)[-1].split("/", 1)[0]:
        host = "*." + host.split(".", 1)[1]
    return f"{parts.scheme or 'https'}://{host}"


# The map's tiles are the only images the site loads from elsewhere.
if _map_tiles := _tile_source(PRAXIS_MAP_TILES_URL):
    CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"].append(_map_tiles)
# Open data: the licence stated with every export and dataset dump.
PRAXIS_DATA_LICENCE_NAME = os.environ.get("PRAXIS_DATA_LICENCE_NAME", "Creative Commons Attribution 4.0 (CC BY 4.0)")
PRAXIS_DATA_LICENCE_URL = os.environ.get("PRAXIS_DATA_LICENCE_URL", "https://creativecommons.org/licenses/by/4.0/")

# Public contributions and alerts: per client address and per e-mail address, counted in the database.
PRAXIS_SUGGESTIONS_PER_HOUR = int(os.environ.get("PRAXIS_SUGGESTIONS_PER_HOUR", "5"))
PRAXIS_SUBSCRIPTIONS_PER_HOUR = int(os.environ.get("PRAXIS_SUBSCRIPTIONS_PER_HOUR", "10"))
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Praxis <praxis@localhost>")
