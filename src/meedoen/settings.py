"""Meedoen settings: one module; everything that differs per deployment comes from env.py."""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

from meedoen import env

BASE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BASE_DIR.parent.parent

ENVIRONMENT = env.choice(
    "MEEDOEN_ENVIRONMENT",
    "development",
    ("development", "production"),
    "development (local, demo data allowed) or production (secure defaults, no demo).",
)
PRODUCTION = ENVIRONMENT == "production"

DEBUG = env.boolean(
    "MEEDOEN_DEBUG",
    False,
    "Django's debug pages instead of Meedoen's error pages: only for development, on request "
    "(MEEDOEN_DEBUG=1); never in production.",
)
if PRODUCTION and DEBUG:
    raise env.EnvError("MEEDOEN_DEBUG must be off in production")
_DEV_SECRET = "development-only-secret-key-not-for-production-use-0123456789"  # noqa: S105  (refused in production)
SECRET_KEY = env.string(
    "MEEDOEN_SECRET_KEY",
    "" if PRODUCTION else _DEV_SECRET,
    "Secret key for signing; required in production (MEEDOEN_SECRET_KEY_FILE works too).",
)
if PRODUCTION and (not SECRET_KEY or SECRET_KEY == _DEV_SECRET):
    raise env.EnvError("MEEDOEN_SECRET_KEY must be set in production")
if PRODUCTION and (len(SECRET_KEY) < 50 or len(set(SECRET_KEY)) < 5):
    raise env.EnvError(
        "MEEDOEN_SECRET_KEY must be random and at least 50 characters long in production"
    )

ALLOWED_HOSTS = env.string_list(
    "MEEDOEN_ALLOWED_HOSTS",
    [] if PRODUCTION else ["127.0.0.1", "localhost", "testserver"],
    "Comma-separated host names this deployment answers to.",
)
CSRF_TRUSTED_ORIGINS = env.string_list(
    "MEEDOEN_CSRF_TRUSTED_ORIGINS", [], "Comma-separated origins (https://host) behind a proxy."
)

DEMO_ALLOWED = (
    env.boolean(
        "MEEDOEN_DEMO",
        not PRODUCTION,
        "Allow the demo data and demo accounts; refused in production whatever this says.",
    )
    and not PRODUCTION
)
DEMO_PASSWORD = "meedoen-demo-2026"  # noqa: S105  (documented in the README, demo only)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "csp",
    "auditlog",
    "django_q",
    "meedoen",
    "meedoen.notifications",
    "meedoen.accounts",
    "meedoen.catalogue",
    "meedoen.organisations",
    "meedoen.volunteers",
    "meedoen.requests",
    "meedoen.matching",
    "meedoen.engagements",
    "meedoen.agenda",
    "meedoen.cooperation",
    "meedoen.insights",
    "meedoen.start",
    "meedoen.imports",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "meedoen.middleware.NoStoreMiddleware",
    "meedoen.middleware.PageMethodsMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "meedoen.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "meedoen.accounts.middleware.TwoFactorRequiredMiddleware",
    "meedoen.accounts.middleware.ExpiredSessionMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "meedoen.accounts.audit.AuditMiddleware",
    "meedoen.api.middleware.ApiVersionMiddleware",
    "meedoen.api.middleware.UnknownQueryParametersMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "meedoen.urls"
WSGI_APPLICATION = "meedoen.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        # Meedoen's templates first, so that its admin/ templates extend Django's admin.
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "meedoen.start.navigation.navigation",
                "meedoen.notifications.context.unread",
            ],
            # The notation filters (`|day`, `|number`, `|distance`, ...) on every page.
            "builtins": ["meedoen.templatetags.meedoen_format"],
        },
    },
]
FORM_RENDERER = "meedoen.forms.FormRenderer"

DATABASES = {
    "default": dj_database_url.parse(
        env.string(
            "DATABASE_URL",
            f"sqlite:///{PROJECT_DIR / 'var' / 'meedoen.sqlite3'}",
            "Database URL: sqlite:///path (default, embedded) or postgres://user:pw@host/db.",
        ),
        conn_max_age=env.integer(
            "MEEDOEN_DB_CONN_MAX_AGE", 60, "Seconds to keep a database connection.", minimum=0
        ),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers go on while one writer writes; IMMEDIATE avoids lock upgrades.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000; "
            # The figures read whole tables: keep more of them in memory than SQLite's 2 MB.
            "PRAGMA cache_size=-65536; PRAGMA mmap_size=268435456;"
        ),
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "meedoen.accounts.backends.MeedoenModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
PASSWORD_RESET_TIMEOUT = 24 * 3600  # a link to choose a new password works for a day, once
LOGIN_REDIRECT_URL = "start:index"
LOGOUT_REDIRECT_URL = "home"

# Sessions end after a period without activity, and when the browser closes.
SESSION_COOKIE_AGE = env.integer(
    "MEEDOEN_SESSION_IDLE_SECONDS", 30 * 60, "Idle time before a session ends.", minimum=60
)
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

# Two-factor authentication (TOTP) for staff roles.
TWO_FACTOR_REQUIRED = env.boolean(
    "MEEDOEN_TWO_FACTOR_REQUIRED",
    PRODUCTION,
    "Require TOTP two-factor for staff roles (professional, coordinator, policy, privacy, admin).",
)
OTP_TOTP_ISSUER = "Meedoen"

# django-axes: lock a username from an address after repeated failures, and an address
# after many failures over any usernames (password spraying); see meedoen.accounts.lockout.
AXES_FAILURE_LIMIT = env.integer(
    "MEEDOEN_LOGIN_FAILURE_LIMIT",
    5,
    "Failed sign-ins with one username from one address before that pair is locked out.",
    minimum=1,
)
LOGIN_ADDRESS_FAILURE_LIMIT = env.integer(
    "MEEDOEN_LOGIN_ADDRESS_FAILURE_LIMIT",
    30,
    "Failed sign-ins from one address, over all usernames, before the address is locked out.",
    minimum=1,
)
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "ip_address"]
AXES_HANDLER = "meedoen.accounts.lockout.LockoutHandler"
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_USERNAME_FORM_FIELD = "username"
AXES_IPWARE_PROXY_COUNT = env.integer(
    "MEEDOEN_PROXY_COUNT", 0, "Number of reverse proxies in front of the app.", minimum=0
)

# Language: Dutch first, English complete.
LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Dutch")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True
# Dates and numbers as each language writes them (`meedoen.notation` uses these).
FORMAT_MODULE_PATH = ["meedoen.formats"]

STATIC_URL = "/static/"
STATIC_ROOT = PROJECT_DIR / "var" / "static"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}

# Static files come through WhiteNoise, also under `make run` with DEBUG off: in development
# straight from the apps' static folders, in production from STATIC_ROOT (collectstatic).
WHITENOISE_USE_FINDERS = not PRODUCTION
WHITENOISE_AUTOREFRESH = not PRODUCTION

EMAIL_BACKEND = env.string(
    "MEEDOEN_EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if PRODUCTION
    else "django.core.mail.backends.console.EmailBackend",
    "Django e-mail backend (SMTP in production, console in development).",
)
EMAIL_HOST = env.string("MEEDOEN_EMAIL_HOST", "localhost", "SMTP host.")
EMAIL_PORT = env.integer("MEEDOEN_EMAIL_PORT", 25, "SMTP port.", minimum=1)
DEFAULT_FROM_EMAIL = env.string(
    "MEEDOEN_FROM_EMAIL", "Meedoen <noreply@meedoen.invalid>", "Sender of Meedoen's e-mail."
)

# Security headers; the secure transport settings apply in production.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CSRF_COOKIE_HTTPONLY = True
if PRODUCTION:
    SECURE_SSL_REDIRECT = env.boolean(
        "MEEDOEN_SSL_REDIRECT", True, "Redirect http to https (off when the proxy does it)."
    )
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = 365 * 24 * 3600
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

# Content-Security-Policy: no inline scripts or styles, nothing from elsewhere.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}

# Jobs: django-q2 with the database as broker. `manage.py qcluster` is the worker; it runs
# queued jobs (global matching) and the periodic ones (see meedoen/jobs.py).
_JOB_TIMEOUT = env.integer(
    "MEEDOEN_JOB_TIMEOUT_SECONDS",
    1800,
    "A job still running after this many seconds is stopped (and counts as failed).",
    minimum=10,
)
Q_CLUSTER = {
    "name": "meedoen",
    "orm": "default",
    "workers": env.integer(
        "MEEDOEN_WORKER_PROCESSES",
        2,
        "Processes of the worker that run jobs side by side (a global matching beside the "
        "periodic jobs).",
        minimum=1,
    ),
    "timeout": _JOB_TIMEOUT,
    "retry": env.integer(
        "MEEDOEN_JOB_RETRY_SECONDS",
        _JOB_TIMEOUT + 60,
        "A job that failed (or whose worker died) is offered again after this many seconds; "
        "more than the job timeout.",
        minimum=_JOB_TIMEOUT + 1,
    ),
    "max_attempts": env.integer(
        "MEEDOEN_JOB_ATTEMPTS", 3, "Attempts of a failing job before it is given up.", minimum=1
    ),
    "poll": 1,  # seconds between looks at an empty queue
    "catch_up": False,  # after a stop, a periodic job runs once, not once per missed turn
    "save_limit": 500,  # finished jobs kept for the admin; failed ones are all kept
    "label": _("Jobs"),
    "sync": env.boolean(
        "MEEDOEN_JOBS_SYNC",
        False,
        "Run a queued job at once in the process that queues it, without a worker "
        "(debugging only).",
    ),
}

# Figures: counts from 1 to this number minus one are hidden from whoever may not see the
# people behind them (policy officers, managers, a central desk over its network).
SMALL_COUNT = env.integer(
    "MEEDOEN_SMALL_COUNT",
    5,
    "Figures hide counts below this number (and what would give them away) from policy "
    "officers and others who may not see the people behind them.",
    minimum=2,
)

# Audit: auditlog records writes of registered models and staff reads of personal files.
AUDITLOG_INCLUDE_ALL_MODELS = False
AUDITLOG_DISABLE_REMOTE_ADDR = False


def _api_rate(name: str, default: str, doc: str) -> str:
    value = env.string(name, default, doc).strip()
    if not re.fullmatch(r"[1-9][0-9]*/(second|minute|hour|day)", value):
        raise env.EnvError(f"{name}: expected number/second|minute|hour|day, got {value!r}")
    return value


REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "meedoen.accounts.tokens.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_PAGINATION_CLASS": "meedoen.api.pagination.Pagination",
    "PAGE_SIZE": 50,
    "EXCEPTION_HANDLER": "meedoen.api.problems.exception_handler",
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["meedoen.api.contract.JSONParser"],
    "UNAUTHENTICATED_USER": None,
    # Counted in the database (meedoen.api.throttles), per account or per address.
    "DEFAULT_THROTTLE_CLASSES": [
        "meedoen.api.throttles.UserThrottle",
        "meedoen.api.throttles.AnonThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": _api_rate(
            "MEEDOEN_API_RATE_ANONYMOUS",
            "60/minute",
            "API requests allowed per address without signing in (number/second|minute|hour|day).",
        ),
        "user": _api_rate(
            "MEEDOEN_API_RATE_USER",
            "600/minute",
            "API requests allowed per signed-in account or token (number/second|minute|hour|day).",
        ),
    },
}
API_VERSION = "1.0.0"
SPECTACULAR_SETTINGS = {
    "TITLE": "Meedoen API",
    "DESCRIPTION": (
        "Local social support in which volunteers and professionals work together. "
        "Errors are application/problem+json (RFC 9457), in Dutch or English per "
        "Accept-Language."
    ),
    "VERSION": API_VERSION,
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.AllowAny"],
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "HelpRequestStatusEnum": "meedoen.requests.models.HelpRequest.Status",
        "EnrolmentStatusEnum": "meedoen.volunteers.models.Enrolment.Status",
        "ApplicationStatusEnum": "meedoen.volunteers.models.Application.Status",
        "ProposalStatusEnum": "meedoen.matching.models.MatchProposal.Status",
        "MatchingRunStatusEnum": "meedoen.matching.models.MatchingRun.Status",
        "SlotEnum": "meedoen.availability.SLOTS",  # a part of the week, wherever it appears
        "TaskDivisionDoneByEnum": "meedoen.organisations.models.TaskDivision.DoneBy",
        "PerspectiveEnum": "meedoen.cooperation.models.PERSPECTIVE_CHOICES",
        "RespondentEnum": "meedoen.cooperation.models.Respondent",
    },
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "meedoen.api.schema.add_problem_responses",
        "meedoen.api.schema.optional_for_own_view",
    ],
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {
        "handlers": ["console"],
        "level": env.string("MEEDOEN_LOG_LEVEL", "INFO", "Log level: DEBUG, INFO, WARNING."),
    },
    "loggers": {"axes": {"level": "WARNING"}},
}

# Referrals to professional organisations: an answer is expected within these working days;
# after that the scheduled job reports it to the sender and the central desk.
MEEDOEN_REFERRAL_ANSWER_WORKING_DAYS = env.integer(
    "MEEDOEN_REFERRAL_ANSWER_WORKING_DAYS",
    5,
    "Working days within which an organisation answers a referral it received; after that "
    "the sender and the central desk are told.",
    minimum=1,
)
