"""Settings shared by every environment; each value that differs per deployment comes from the environment."""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
DEBUG = False
ALLOWED_HOSTS = [h for h in os.environ.get("DJANGO_ALLOWED_HOSTS", "").split(",") if h]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "rest_framework",
    "knox",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "csp",
    "simple_history",
    "django_htmx",
    "axes",
    "accounts",
    "core",
    "clients",
    "casework",
    "activation",
    "bcsd",
    "reporting",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Before anything reads the body (the CSRF check reads a form's POST).
    "core.middleware.RequestSizeLimitMiddleware",
    # Responses to a signed-in user never go into a cache: the back button on a shared office PC after logout.
    "accounts.middleware.NoStoreForSignedInUsersMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django_otp.middleware.OTPMiddleware",
    # A session idle for too long ends here; a user who needs a second factor and has none may only enrol.
    "accounts.middleware.IdleTimeoutMiddleware",
    "accounts.middleware.SecondFactorMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "accounts.middleware.HtmxLoginRedirectMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # One ledger row per request, in the request's transaction when it changes data (clients.ledger).
    "clients.ledger.LedgerMiddleware",
    "core.middleware.DomainErrorMiddleware",
    # Last, as django-axes asks: it turns a lockout into its own response.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "config" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "accounts.views.menu",
                "accounts.views.idle_timeout",
            ],
        },
    },
]

# The demo runs on a SQLite file with no other service; every real deployment sets DATABASE_URL.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}", conn_max_age=60, conn_health_checks=True
    )
}
# PostgreSQL compiles a plan to machine code (JIT) once its estimated cost is high, as the dashboard's
# aggregates with a subquery per month are: compiling took 80 of their 90 ms, the rows themselves are few
# (docs/performance.md). Off for our connections; the queries here are short.
POSTGRESQL_OPTIONS = {"options": "-c jit=off"}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"]["OPTIONS"] = POSTGRESQL_OPTIONS
# Covering indexes (INCLUDE) are PostgreSQL's; the demo's SQLite builds them without the extra columns, which
# is all it needs, and should not warn about it at every command.
SILENCED_SYSTEM_CHECKS = ["models.W040"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Run by create_staff, the password change page, the admin and `changepassword` (docs/decisions/0033).
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    # Django's own has no Dutch message for "too short"; this one says the same in Dutch.
    {"NAME": "accounts.passwords.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    # Not a check: Django tells every validator when a password changed; this one revokes the API tokens.
    {"NAME": "accounts.passwords.RevokeApiTokensOnPasswordChange"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"


def _csv(value: str) -> list[str]:
    return [item.strip() for item in value.split(",") if item.strip()]


# Two factors (docs/decisions/0030). Admin, DPO, head of service and the committee roles always need a second
# factor (accounts.policy); CASEWORK_SECOND_FACTOR_ROLES adds other roles (comma-separated, or "all"). The
# other roles are offered it on their home page.
SECOND_FACTOR_REQUIRED_ROLES = _csv(os.environ.get("CASEWORK_SECOND_FACTOR_ROLES", ""))
OTP_TOTP_ISSUER = "Casework"
# The admin may delete a user's device (a lost phone), never read its secret or the recovery codes.
OTP_ADMIN_HIDE_SENSITIVE_DATA = True
# How long the password step of a two-step login waits for the code.
SECOND_FACTOR_PENDING_SECONDS = 300

# Lockout after repeated failed logins, for the web login (password and code) and the token API
# (docs/decisions/0013, 0032): AXES_FAILURE_LIMIT failures per user name and address, and
# CASEWORK_LOCKOUT_ADDRESS_FAILURES per address across user names, within AXES_COOLOFF_MINUTES.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("AXES_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_HANDLER = "accounts.lockout.LockoutHandler"
LOCKOUT_ADDRESS_FAILURE_LIMIT = int(os.environ.get("CASEWORK_LOCKOUT_ADDRESS_FAILURES", "50"))
# The client's address behind a reverse proxy (django-ipware, docs/operations.md): the request headers to
# read, in order, and for an X-Forwarded-For chain the number of proxy addresses in it after the client's.
# Defaults: no proxy, the socket's address (which a client cannot forge).
AXES_IPWARE_PROXY_COUNT = (
    int(os.environ["CASEWORK_PROXY_COUNT"]) if "CASEWORK_PROXY_COUNT" in os.environ else None
)
AXES_IPWARE_META_PRECEDENCE_ORDER = tuple(_csv(os.environ.get("CASEWORK_CLIENT_IP_HEADERS", "REMOTE_ADDR")))

# Sessions (docs/decisions/0033): a session ends after CASEWORK_IDLE_TIMEOUT_MINUTES without a request, with a
# warning on the screen shortly before; the cookie dies with the browser (shared office PCs).
SESSION_IDLE_TIMEOUT = timedelta(minutes=int(os.environ.get("CASEWORK_IDLE_TIMEOUT_MINUTES", "30")))
SESSION_IDLE_WARNING = timedelta(seconds=int(os.environ.get("CASEWORK_IDLE_WARNING_SECONDS", "120")))
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_ENGINE = "accounts.sessions"

# Content-Security-Policy (django-csp): scripts, styles and images from our own origin only; no inline script,
# no inline event handler, no eval (docs/decisions/0033).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "base-uri": ["'none'"],
        "object-src": ["'none'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Nederlands")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Brussels"
USE_I18N = True
USE_TZ = True
# nl-BE formats (dd/mm/jjjj, € 1.234,56) instead of Django's Dutch defaults of the Netherlands.
FORMAT_MODULE_PATH = ["config.formats"]

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "config" / "static"]

REDIS_URL = os.environ.get("REDIS_URL", "")
# Without a broker (the demo), tasks run in the request; a deployment with REDIS_URL queues them.
CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = None
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TIMEZONE = TIME_ZONE

# No request of the product carries more (a contact's summary is 20,000 characters): larger is refused (413).
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_000_000

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "accounts.api.authentication.ExpiringTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PARSER_CLASSES": [
        "config.drf.JSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "DEFAULT_PAGINATION_CLASS": "config.drf.Pagination",
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "EXCEPTION_HANDLER": "config.drf.exception_handler",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
# API tokens (django-rest-knox, docs/decisions/0031): stored as a hash, valid for CASEWORK_API_TOKEN_HOURS
# from when they were issued (not renewed by use), revoked by logout and by a password change.
REST_KNOX = {
    "TOKEN_TTL": timedelta(hours=int(os.environ.get("CASEWORK_API_TOKEN_HOURS", "10"))),
    "AUTO_REFRESH": False,
    "AUTH_HEADER_PREFIX": "Token",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Casework API",
    "DESCRIPTION": "Case management for the social service of a Flemish OCMW.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    # The schema and Swagger UI are for staff only; Swagger UI comes from the package, not from a CDN.
    "SERVE_PERMISSIONS": ["rest_framework.permissions.IsAuthenticated"],
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    # Several models have a "status", "kind" or "channel": name each choice set after its meaning.
    "ENUM_NAME_OVERRIDES": {
        "ReportExportKindEnum": "reporting.models.ExportKind",
        "ReportExportFormatEnum": "reporting.models.ExportFormat",
        "ReportExportStatusEnum": "reporting.models.ExportStatus",
        "ContactChannelEnum": "casework.models.Channel",
        "RequestChannelEnum": "casework.models.RequestChannel",
        "RequestKindEnum": "casework.models.RequestKind",
        "DossierStatusEnum": "casework.models.DossierStatus",
        "RequestStatusEnum": "casework.models.RequestStatus",
        "ReferralStatusEnum": "casework.models.ReferralStatus",
        "ActionStatusEnum": "casework.models.ActionStatus",
        "DebtStatusEnum": "casework.models.DebtStatus",
        "PaymentPlanStatusEnum": "casework.models.PaymentPlanStatus",
        "PhaseEnum": "activation.models.Phase",
        "MeasureKindEnum": "activation.models.MeasureKind",
        "GpmiKindEnum": "activation.models.GpmiKind",
        "GpmiStatusEnum": "activation.models.GpmiStatus",
        "SanctionProposalStatusEnum": "activation.models.SanctionProposalStatus",
        "MeetingStatusEnum": "bcsd.models.MeetingStatus",
        "SubmissionKindEnum": "bcsd.models.SubmissionKind",
        "SubmissionStatusEnum": "bcsd.models.SubmissionStatus",
        "ReviewOutcomeEnum": "bcsd.models.ReviewOutcome",
        "DecisionOutcomeEnum": "bcsd.models.DecisionOutcome",
        "NotificationMethodEnum": "bcsd.models.NotificationMethod",
        "FrequencyEnum": "bcsd.models.Frequency",
        "ObligationKindEnum": "casework.models.ObligationKind",
        "ObligationStateEnum": "casework.models.ObligationState",
        "WorklistPeriodEnum": "casework.obligations.selectors.PERIOD_CHOICES",
    },
}

# How Casework names the organisation on letters and receipts.
ORGANISATION_NAME = os.environ.get("CASEWORK_ORGANISATION_NAME", "OCMW Demostad")
ORGANISATION_ADDRESS = os.environ.get("CASEWORK_ORGANISATION_ADDRESS", "Grote Markt 1, 3000 Demostad")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    # WeasyPrint reports every rendering step at INFO; only its warnings matter.
    "loggers": {name: {"level": "WARNING"} for name in ("weasyprint", "fontTools")},
}
BREAK_GLASS_HOURS = int(os.environ.get("CASEWORK_BREAK_GLASS_HOURS", "24"))
# A request is registered on the day it is received; older than this many days, only a team lead registers
# it, with a reason.
LATE_REGISTRATION_DAYS = int(os.environ.get("CASEWORK_LATE_REGISTRATION_DAYS", "7"))
# A broker that is down or stalled (accepting connections, never answering) must not hold a user's request:
# short socket timeouts, no publish retry; what is not published waits in the outbox for the relay
# (core.outbox), which beat runs every OUTBOX_RELAY_SECONDS.
CELERY_BROKER_CONNECTION_TIMEOUT = 1
CELERY_BROKER_TRANSPORT_OPTIONS = {"socket_timeout": 1, "socket_connect_timeout": 1, "max_retries": 0}
CELERY_TASK_PUBLISH_RETRY = False
CELERY_BEAT_SCHEDULE = {
    "relay-the-outbox": {
        "task": "core.relay_outbox",
        "schedule": float(os.environ.get("OUTBOX_RELAY_SECONDS", "5")),
    },
    "delete-expired-api-tokens": {"task": "accounts.delete_expired_api_tokens", "schedule": 3600.0},
}
# Art. 22 §2 KB 11 July 2002: is the general exemption cumulated with the SPI exemption? Default yes, applied
# after the SPI exemption as POD MI's SPI page does (decision 0063); "false" is the other reading.
LEEFLOON_CUMULATE_GENERAL_AND_SPI_EXEMPTION = (
    os.environ.get("CASEWORK_CUMULATE_GENERAL_AND_SPI_EXEMPTION", "true") == "true"
)
# Sociaal Verwarmingsfonds: the application reaches the OCMW within this many days of the delivery
# (decision 0065).
HEATING_ALLOWANCE_APPLICATION_DAYS = int(os.environ.get("CASEWORK_HEATING_ALLOWANCE_APPLICATION_DAYS", "60"))

# The obligations engine (casework/obligations, decision 0080). Per kind, whether a term ending on a
# Saturday, Sunday or public holiday moves to the next working day (art. 53 Ger.W.), overriding the
# documented default of casework.obligations.rules.TERMS: "appeal_window_end=1,decision_due=0".
OBLIGATION_TERM_MOVES = {
    kind: flag == "1"
    for kind, _sep, flag in (
        item.partition("=")
        for item in os.environ.get("CASEWORK_OBLIGATION_TERM_MOVES", "").split(",")
        if item
    )
}
# Reminders: this many days before the due date (per kind; the rest take the default), then on the day it
# passes, with the team lead told when it is overdue. The daily scan runs at this hour (or, for tests, every
# CASEWORK_OBLIGATION_SCAN_SECONDS seconds).
OBLIGATION_REMINDER_LEAD_DAYS = {
    "default": int(os.environ.get("CASEWORK_OBLIGATION_REMINDER_LEAD_DAYS", "3")),
    "decision_due": 7,
    "gpmi_conclusion_due": 14,
    "annual_review_due": 30,
    "notification_due": 2,
    "agenda_publication_due": 2,
}
OBLIGATION_SCAN_HOUR = int(os.environ.get("CASEWORK_OBLIGATION_SCAN_HOUR", "6"))

# --- The privacy ledger (clients.ledger, clients.ledger_chain; decisions 0020-0022) ---
# Rows are sealed into the hash chain by a task every minute, once they are this old (transactions in flight
# have committed by then); a row that turns up later with an earlier time is reported as back-dated.
ACCESS_LOG_SEAL_SETTLE_SECONDS = int(os.environ.get("CASEWORK_ACCESS_LOG_SEAL_SETTLE_SECONDS", "60"))
# The chain's heads are exported daily outside the database: signed with this key (one the database owner
# does not know; without it a key derived from DJANGO_SECRET_KEY), written to this directory and mailed to the
# DPO(s) and to these addresses.
ACCESS_LOG_HEADS_KEY = os.environ.get("CASEWORK_ACCESS_LOG_HEADS_KEY", "")
ACCESS_LOG_HEADS_DIR = os.environ.get("CASEWORK_ACCESS_LOG_HEADS_DIR", "")
ACCESS_LOG_HEADS_MAIL_TO = [
    address for address in os.environ.get("CASEWORK_ACCESS_LOG_HEADS_MAIL_TO", "").split(",") if address
]
# Monthly partitions (PostgreSQL) made ahead by a daily task: this month and this many after it.
ACCESS_LOG_PARTITIONS_AHEAD = int(os.environ.get("CASEWORK_ACCESS_LOG_PARTITIONS_AHEAD", "2"))
# The DPO's report of unusual volumes: more dossiers of other teams opened, or more searches, in one day.
ACCESS_LOG_UNUSUAL_OTHER_TEAM_DOSSIERS = int(os.environ.get("CASEWORK_UNUSUAL_OTHER_TEAM_DOSSIERS", "10"))
ACCESS_LOG_UNUSUAL_SEARCHES = int(os.environ.get("CASEWORK_UNUSUAL_SEARCHES", "150"))
# The client search's own rate per user (DRF throttling, scope "client_search").
CLIENT_SEARCH_THROTTLE_RATE = os.environ.get("CASEWORK_CLIENT_SEARCH_RATE", "300/hour")
# The role the application connects as (docs/operations.md, "Database roles"): `manage.py grant_app_role`
# grants it INSERT and SELECT only on the ledger and history tables; migrations run as the owner.
DATABASE_APP_ROLE = os.environ.get("CASEWORK_DATABASE_APP_ROLE", "casework_app")

CELERY_BEAT_SCHEDULE |= {  # added to the outbox's and the tokens' entries above, never in their place
    "access-log-seal": {"task": "clients.tasks.access_log_seal", "schedule": 60.0},
    "access-log-partitions": {
        "task": "clients.tasks.access_log_partitions",
        "schedule": crontab(hour=1, minute=5),
    },
    "access-log-export-heads": {
        "task": "clients.tasks.access_log_export_heads",
        "schedule": crontab(hour=1, minute=30),
    },
    "obligations-daily-scan": {
        "task": "casework.obligations.scan",
        "schedule": float(os.environ["CASEWORK_OBLIGATION_SCAN_SECONDS"])
        if os.environ.get("CASEWORK_OBLIGATION_SCAN_SECONDS")
        else crontab(hour=OBLIGATION_SCAN_HOUR, minute=0),
    },
}

# The committee (BCSD, bcsd/). The agenda is sent this many days before the meeting (8; the rules of procedure
# may say 5); members read their meeting's items until this many days after it.
BCSD_AGENDA_DAYS = int(os.environ.get("CASEWORK_BCSD_AGENDA_DAYS", "8"))
BCSD_MEMBER_ACCESS_DAYS = int(os.environ.get("CASEWORK_BCSD_MEMBER_ACCESS_DAYS", "7"))
# The kinds of submission that need the team lead's review (four eyes) before the agenda: "all" or a list.
BCSD_REVIEW_REQUIRED_KINDS = _csv(os.environ.get("CASEWORK_BCSD_REVIEW_REQUIRED_KINDS", "all"))
# Art. 53bis Ger.W.: a registered letter counts from the third working day after it was posted.
BCSD_REGISTERED_MAIL_WORKING_DAYS = int(os.environ.get("CASEWORK_BCSD_REGISTERED_MAIL_WORKING_DAYS", "3"))
# The labour court the notification letter names (its address is a mandatory mention).
LABOUR_COURT_NAME = os.environ.get("CASEWORK_LABOUR_COURT_NAME", "Arbeidsrechtbank Leuven")
LABOUR_COURT_ADDRESS = os.environ.get("CASEWORK_LABOUR_COURT_ADDRESS", "Smoldersplein 5, 3000 Leuven")
# Members see the client's initials instead of the name until the meeting day (the committee's choice).
BCSD_PSEUDONYMISE_UNTIL_MEETING = os.environ.get("CASEWORK_BCSD_PSEUDONYMISE", "") == "1"

# Reporting (reporting/, decision 0090). A worker whose open caseload is above this factor × the median of the
# team stands out on the dashboard; an export is deleted this many hours after it was asked for.
REPORTING_CASELOAD_FLAG_FACTOR = os.environ.get("CASEWORK_REPORTING_CASELOAD_FLAG_FACTOR", "1.3")
REPORTING_EXPORT_RETENTION_HOURS = int(os.environ.get("CASEWORK_REPORTING_EXPORT_RETENTION_HOURS", "72"))
CELERY_BEAT_SCHEDULE["reporting-exports-cleanup"] = {
    "task": "reporting.tasks.report_exports_cleanup",
    "schedule": 3600.0,
}
