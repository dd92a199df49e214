"""The one settings module: every value comes from the environment, with its default and why.

Fails fast on values that would be dangerous in production (see `_secret_key`).
"""

import os
from pathlib import Path
from urllib.parse import unquote, urlparse

from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent
# The checkout root; var/ holds the embedded database and stored documents unless INTERPEL_VAR_DIR says otherwise.
ROOT_DIR = BASE_DIR.parent.parent


def env_bool(name: str, default: str) -> bool:
    """Read a boolean; refuse anything but true/false so a typo cannot silently switch DEBUG on."""
    value = os.environ.get(name, default).strip().lower()
    if value in ("1", "true", "yes", "on"):
        return True
    if value in ("0", "false", "no", "off", ""):
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}")


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def _postgres_options() -> dict[str, str]:
    """Prepared statements (registry/prepared.py) keep one generic plan instead of planning each run (Django's own
    queries are not prepared: this concerns those reads only). Sent only when they are on: poolers refuse unknown
    startup options; added to PGOPTIONS, which an explicit `options` would otherwise replace."""
    if not env_bool("INTERPEL_PREPARED_STATEMENTS", "true"):
        return {}
    return {"options": f"{os.environ.get('PGOPTIONS', '')} -c plan_cache_mode=force_generic_plan".strip()}


def database_from_url(url: str) -> dict[str, object]:
    """Turn DATABASE_URL (sqlite:///path or postgresql://user:pw@host:port/name) into a Django DATABASES entry."""
    parsed = urlparse(url)
    if parsed.scheme == "sqlite":
        # SQLAlchemy's convention: sqlite:////abs/path is absolute, sqlite:///rel/path is relative to the checkout.
        path = unquote(parsed.path)[1:]
        name = path if Path(path).is_absolute() else str(ROOT_DIR / path)
        return {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": name,
            # WAL lets the web server read while ingest writes; IMMEDIATE avoids "database is locked" on upgrade.
            "OPTIONS": {
                "transaction_mode": "IMMEDIATE",
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            },
        }
    if parsed.scheme in ("postgres", "postgresql"):
        return {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": unquote(parsed.path.lstrip("/")) or "postgres",
            "USER": unquote(parsed.username or ""),
            "PASSWORD": unquote(parsed.password or ""),
            "HOST": parsed.hostname or "",
            "PORT": str(parsed.port or ""),
            "CONN_MAX_AGE": int(os.environ.get("INTERPEL_CONN_MAX_AGE", "60")),
            "OPTIONS": _postgres_options(),
        }
    raise ImproperlyConfigured(
        f"DATABASE_URL scheme {parsed.scheme!r} is not supported (use sqlite or postgresql)"
    )


# Where the embedded database, stored documents and caches live.
VAR_DIR = Path(os.environ.get("INTERPEL_VAR_DIR", ROOT_DIR / "var"))

# DEBUG shows tracebacks to the world: off unless asked for (make run asks for it).
DEBUG = env_bool("INTERPEL_DEBUG", "false")


def _secret_key() -> str:
    """Refuse the development key when DEBUG is off: signed cookies would be forgeable."""
    key = os.environ.get("SECRET_KEY", "")
    key_file = os.environ.get("SECRET_KEY_FILE")
    if not key and key_file:
        key = Path(key_file).read_text().strip()
    if not key:
        if not DEBUG and env_bool("INTERPEL_REQUIRE_SECRET", "false"):
            raise ImproperlyConfigured("SECRET_KEY (or SECRET_KEY_FILE) must be set in production")
        key = "interpel-development-key-not-for-production"
    return key


SECRET_KEY = _secret_key()

# Host names this site answers to; comma-separated.
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")

# Public base URL used in feeds, e-mails and the API when there is no request (e.g. in alert e-mails).
SITE_URL = os.environ.get("INTERPEL_SITE_URL", "http://127.0.0.1:8000").rstrip("/")

# Behind a reverse proxy that ends TLS: trust its X-Forwarded-Proto (the proxy must set it, overwriting what a client
# sent), so that Django knows the request was HTTPS: CSRF checks of the browser's https Origin, absolute URLs in
# feeds, the API and exports. granian, unlike gunicorn, passes that header on without interpreting it.
BEHIND_PROXY = env_bool("INTERPEL_BEHIND_PROXY", "false")
if BEHIND_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# The embedded default is SQLite under var/; production sets DATABASE_URL=postgresql://...
DATABASE_URL = os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'interpel.sqlite3'}")
DATABASES = {"default": database_from_url(DATABASE_URL)}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Original documents, stored content-addressed by sha256 (see registry.storage).
DOCUMENTS_DIR = Path(os.environ.get("INTERPEL_DOCUMENTS_DIR", VAR_DIR / "documents"))

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_tasks",
    "django_tasks_db",
    "interpel.registry",
    "interpel.ingest",
    "interpel.search",
    "interpel.portal",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "interpel.urls"
WSGI_APPLICATION = "interpel.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    }
]

# Polish for people; English through Django i18n.
LANGUAGE_CODE = "pl"
LANGUAGES = [("pl", "polski"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
# Statutory dates are calendar dates in Poland; datetimes are stored in UTC and shown in Warsaw time.
TIME_ZONE = os.environ.get("INTERPEL_TIME_ZONE", "Europe/Warsaw")
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}

# Background work runs through django-tasks' database backend; tests switch to immediate execution.
TASKS = {
    "default": {
        "BACKEND": os.environ.get("INTERPEL_TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
    }
}

# Outgoing e-mail (alerts): plain SMTP, a local relay by default.
EMAIL_HOST = os.environ.get("EMAIL_HOST", "127.0.0.1")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "interpel@localhost")

# Search: an embedded tantivy index mirrored from the database answers ranked queries fast. It lives on this machine
# only, so turn it off when several app servers share one PostgreSQL (docs/search.md).
SEARCH_ACCELERATOR = env_bool("INTERPEL_SEARCH_ACCELERATOR", "true")
# Where that index lives; empty means beside the SQLite file, or under VAR_DIR/search/<database> for PostgreSQL.
SEARCH_INDEX_DIR = os.environ.get("INTERPEL_SEARCH_INDEX_DIR", "") or None

# Reads made on every page view run as prepared statements on PostgreSQL (registry/prepared.py); turn off behind a
# connection pooler in transaction mode that does not keep prepared statements (PgBouncer before 1.21).
PREPARED_STATEMENTS = env_bool("INTERPEL_PREPARED_STATEMENTS", "true")

# Whole-page cache for anonymous visitors, invalidated by every write (portal/caching.py): "memory" (per worker),
# "file" (VAR_DIR/cache/pages, shared by workers; what `interpel serve` uses) or "none".
PAGE_CACHE = os.environ.get("INTERPEL_PAGE_CACHE", "memory").strip().lower()

# Ingest limits: a file over these is refused with a clear error instead of exhausting the machine.
INGEST_MAX_BYTES = int(os.environ.get("INTERPEL_INGEST_MAX_BYTES", str(50 * 1024 * 1024)))
INGEST_MAX_PAGES = int(os.environ.get("INTERPEL_INGEST_MAX_PAGES", "500"))

LOGIN_URL = "/admin/login/"

# Staff accounts edit a public register: Django's standard password checks apply.
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("INTERPEL_LOG_LEVEL", "WARNING")},
}
