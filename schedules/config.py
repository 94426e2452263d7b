"""The TOML config: where it is, what it may hold, and how it is checked.

Lookup order: ``--config PATH``, else ``$RUMOUR_CONFIG``, else ``config.toml`` in
the platform's user config dir (absent there means the defaults). Every key is
validated on load; mistakes raise ``ConfigError`` with one line for each,
naming the file, the line, the key and what was expected ("did you mean ...?"
for a mistyped key).

Example::

    [database]
    url = "postgresql://rumour@db.example/rumour"

    [[sources]]
    name = "netflix-kdrama-2026"
    url = "https://example.com/netflix/2026-korean-series"
    kind = "page"
    role = "official"
    every = "6h"
    slate = { year = 2026, scope = "Korean series", complete = true }

    [[titles]]
    name = "All of Us Are Dead"
    aliases = ["지금 우리 학교는"]

    [alerts]
    recipients = ["desk@example.com"]
    [alerts.smtp]
    host = "smtp.example.com"
    password_env = "RUMOUR_SMTP_PASSWORD"
"""

from __future__ import annotations

import logging
import os
import re
import tomllib
from pathlib import Path
from typing import Annotated, Any, Literal
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import platformdirs
from apscheduler.triggers.cron import CronTrigger
from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
    model_validator,
)

from schedules.config_errors import describe
from schedules.errors import ConfigError
from schedules.services import check_service, is_service, secret_values, variables

logger = logging.getLogger(__name__)

APP_NAME = "rumour"
ENV_CONFIG = "RUMOUR_CONFIG"
ENV_DATABASE_URL = "RUMOUR_DATABASE_URL"

_INTERVAL_PART = re.compile(r"(\d+)\s*([smhdw])")
_UNIT_SECONDS = {"s": 1, "m": 60, "h": 3600, "d": 86400, "w": 604800}


def parse_interval(text: str) -> int:
    """Seconds in an interval such as "30m", "6h" or "1h30m"; ValueError otherwise."""
    compact = text.strip().lower().replace(" ", "")
    parts = _INTERVAL_PART.findall(compact)
    if not compact or "".join(n + u for n, u in parts) != compact:
        raise ValueError(f'expected an interval like "30m", "6h" or "1h30m", got {text!r}')
    seconds = sum(int(n) * _UNIT_SECONDS[u] for n, u in parts)
    if seconds < 60:
        raise ValueError(f"expected an interval of at least one minute, got {text!r}")
    return seconds


def _check_http_url(value: str) -> str:
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError(f"expected an http(s) URL with a host, got {value!r}")
    return value


def _check_email(value: str) -> str:
    if not re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", value):
        raise ValueError(f"expected an email address, got {value!r}")
    return value


def _check_cron(value: str) -> str:
    try:
        CronTrigger.from_crontab(value)
    except ValueError as exc:
        raise ValueError(f"expected a crontab line like '0 */6 * * *', got {value!r}") from exc
    return value


HttpUrl = Annotated[str, AfterValidator(_check_http_url)]
Email = Annotated[str, AfterValidator(_check_email)]


def _check_recipient(value: str) -> str:
    """An email address, or a notification service's URL that Apprise can send to."""
    if is_service(value):
        return check_service(value)
    try:
        return _check_email(value)
    except ValueError:
        raise ValueError(
            f"expected an email address or a notification URL (slack://…, json://host/path), "
            f"got {value!r}"
        ) from None


Address = Annotated[str, AfterValidator(_check_recipient)]
AlertEvent = Literal["verdict_change", "new_claim", "official_date", "source_failing"]
Delivery = Literal["immediate", "digest"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class Slate(_Strict):
    """An official source that lists a whole year's line-up for a scope."""

    year: int = Field(ge=1900, le=2200)
    scope: str = Field(min_length=1)
    complete: bool = False


class SourceConfig(_Strict):
    name: str = Field(min_length=1, max_length=200)
    url: HttpUrl
    kind: Literal["page", "feed", "sitemap"] = "page"
    role: Literal["news", "official"] = "news"
    every: str | None = None
    cron: Annotated[str, AfterValidator(_check_cron)] | None = None
    slate: Slate | None = None
    enabled: bool = True
    # Links found on this source (feed entries, redirects) may lead to internal addresses
    # (a newsroom's intranet); without it only the source's own host may be internal.
    allow_private: bool = False

    @field_validator("every")
    @classmethod
    def _valid_every(cls, value: str | None) -> str | None:
        if value is not None:
            parse_interval(value)
        return value

    @model_validator(mode="after")
    def _one_schedule(self) -> SourceConfig:
        if self.every is not None and self.cron is not None:
            raise ValueError("give either 'every' or 'cron', not both")
        if self.slate is not None and self.role != "official":
            raise ValueError("'slate' is only for sources with role = \"official\"")
        return self

    @property
    def every_seconds(self) -> int | None:
        if self.cron is not None:
            return None
        return parse_interval(self.every or "1h")


class Recipient(_Strict):
    """An alert recipient: an email address or a notification service's URL (Apprise:
    ``slack://…``, ``json://…``); a bare string in the config means ``{address = ...}``."""

    address: Address
    delivery: Delivery | None = None  # None: the [alerts] delivery

    @model_validator(mode="before")
    @classmethod
    def _bare_address(cls, value: Any) -> Any:
        return {"address": value} if isinstance(value, str) else value


class TitleConfig(_Strict):
    name: str = Field(min_length=1)
    aliases: list[str] = []
    # Slate scopes the title belongs to ("Korean series"): complete slates of these
    # scopes that omit it make its claims "absent_from_slate".
    scopes: list[Annotated[str, Field(min_length=1)]] = []
    recipients: list[Recipient] = []  # this title's alerts, besides [alerts] recipients


class SmtpConfig(_Strict):
    host: str = "localhost"
    port: int = Field(default=25, ge=1, le=65535)
    security: Literal["none", "starttls", "tls"] = "none"
    user: str | None = None
    password: str | None = None
    password_env: str | None = None
    timeout: float = Field(default=30.0, gt=0)
    ca_file: str | None = None  # a private CA to trust for TLS, besides the system's

    def warnings(self) -> list[str]:
        """What is set but will not work as it stands (``config check`` says it)."""
        found = []
        if self.password_env and not os.environ.get(self.password_env) and not self.password:
            found.append(
                f"alerts.smtp.password_env names ${self.password_env}, which is not set in this "
                "environment: the SMTP login will fail"
            )
        elif self.user and not self.resolved_password():
            found.append(
                "alerts.smtp.user is set without a password: set alerts.smtp.password_env "
                "(the environment variable that holds it) or alerts.smtp.password"
            )
        if self.ca_file and not Path(self.ca_file).is_file():
            found.append(f"alerts.smtp.ca_file {self.ca_file}: no such file")
        return found

    def resolved_password(self) -> str | None:
        """The password from the config or from the environment variable it names."""
        if self.password_env:
            return os.environ.get(self.password_env) or self.password
        return self.password


class AlertsConfig(_Strict):
    recipients: list[Recipient] = []
    sender: Email = Field(default="rumour@localhost", alias="from")
    # What makes an alert; "new_claim" is off by default (a busy title gets many).
    on: list[AlertEvent] = ["verdict_change", "official_date", "source_failing"]
    # Alerts about "watched" titles (those in [[titles]]) or about every title.
    titles: Literal["watched", "all"] = "watched"
    delivery: Delivery = "immediate"
    digest_at: str = "08:00"
    timezone: str = "UTC"
    failing_after: int = Field(default=3, ge=1)
    smtp: SmtpConfig = SmtpConfig()

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True, populate_by_name=True)

    @field_validator("digest_at")
    @classmethod
    def _valid_time(cls, value: str) -> str:
        match = re.fullmatch(r"(\d{1,2}):(\d{2})", value)
        if not match or int(match[1]) > 23 or int(match[2]) > 59:
            raise ValueError(f'expected a time of day like "08:00", got {value!r}')
        return value

    @field_validator("timezone")
    @classmethod
    def _valid_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(
                f"expected an IANA time zone like 'Europe/London', got {value!r}"
            ) from exc
        return value


class DatabaseConfig(_Strict):
    url: str | None = None


class HttpConfig(_Strict):
    user_agent: str = "rumour-verifier/0.1 (+https://example.invalid/rumour)"
    timeout: float = Field(default=20.0, gt=0)
    concurrency: int = Field(default=8, ge=1, le=256)
    per_host: int = Field(default=2, ge=1, le=64)
    host_delay: float = Field(default=1.0, ge=0)  # seconds between two requests to one host
    retries: int = Field(default=3, ge=0, le=10)
    max_bytes: int = Field(default=10 * 1024 * 1024, ge=1024)
    max_articles: int = Field(default=50, ge=1)  # new feed articles fetched per source per cycle
    robots: bool = True


class FleetConfig(_Strict):
    """Workers sharing a cycle on PostgreSQL (``schedules.leases``)."""

    # how long a worker's claim on a host lasts unless renewed: a worker that dies holds its
    # hosts this long
    lease_seconds: float = Field(default=120.0, ge=5)
    # hosts one worker claims at a time (default: four times http.concurrency)
    hosts_per_batch: int | None = Field(default=None, ge=1, le=1024)


def slug(text: str) -> str:
    """A name in a URL's words: "Moon Court: Part 2" -> "moon-court-part-2"."""
    return "-".join(re.findall(r"\w+", text.lower()))


class PublisherConfig(_Strict):
    """Who publishes the fact-checks (``rumour export --format claimreview``): the
    organisation, its site, and where each claim's review is read."""

    name: str = Field(min_length=1)
    url: HttpUrl
    # The page of one claim's review: {claim} is the claim's id, {slug} its title in a URL's
    # words. Without it, the reviews are fragments of the publisher's page: url#claim-7.
    review_url: str | None = None

    @field_validator("review_url")
    @classmethod
    def _valid_template(cls, value: str | None) -> str | None:
        if value is None:
            return None
        if "{claim}" not in value:
            raise ValueError(f"expected a URL template with {{claim}} in it, got {value!r}")
        try:
            _check_http_url(value.format(claim=1, slug="title"))
        except (KeyError, IndexError, ValueError) as exc:
            raise ValueError(
                "expected an http(s) URL template whose only fields are {claim} and {slug}, "
                f"got {value!r}"
            ) from exc
        return value

    def review_page(self, claim: int, title: str) -> str:
        if self.review_url is None:
            return f"{self.url}#claim-{claim}"
        return self.review_url.format(claim=claim, slug=slug(title) or "claim")


class RumourConfig(_Strict):
    database: DatabaseConfig = DatabaseConfig()
    http: HttpConfig = HttpConfig()
    fleet: FleetConfig = FleetConfig()
    sources: list[SourceConfig] = []
    titles: list[TitleConfig] = []
    alerts: AlertsConfig = AlertsConfig()
    publisher: PublisherConfig | None = None

    @model_validator(mode="after")
    def _unique_source_names(self) -> RumourConfig:
        seen: set[str] = set()
        for source in self.sources:
            if source.name in seen:
                raise ValueError(f"source name {source.name!r} is used twice")
            seen.add(source.name)
        return self

    def addresses(self) -> list[str]:
        """Every alert recipient, global and per title, once each, in config order."""
        found = [r.address for r in self.alerts.recipients]
        found += [r.address for title in self.titles for r in title.recipients]
        return list(dict.fromkeys(found))

    def service_secrets(self) -> list[str]:
        """The tokens and passwords written into recipients' service URLs."""
        return [secret for address in self.addresses() for secret in secret_values(address)]

    def warnings(self) -> list[str]:
        """What is set but will not work as it stands (``config check`` says it)."""
        found = self.alerts.smtp.warnings()
        for address in self.addresses():
            for name in variables(address) if is_service(address) else ():
                if not os.environ.get(name):
                    found.append(f"recipient {address} names ${name}, which is not set in this "
                                 "environment: messages to it will wait until it is")  # fmt: skip
        return found


def default_config_path() -> Path:
    return platformdirs.user_config_path(APP_NAME) / "config.toml"


def default_database_url() -> str:
    return f"sqlite:///{platformdirs.user_data_path(APP_NAME) / 'rumour.db'}"


def parse_config(data: dict[str, Any], origin: str, text: str | None = None) -> RumourConfig:
    """Validate a parsed TOML document; ``origin`` names it in errors, and ``text`` (the
    document as written) gives each error its line. Every error is reported, one a line."""
    try:
        return RumourConfig.model_validate(data)
    except ValidationError as exc:
        raise ConfigError(describe(exc, RumourConfig, origin, text)) from exc


def load_config(path: Path | None) -> tuple[RumourConfig, Path | None]:
    """Find and load the config; returns it with the file it came from (None: defaults)."""
    explicit = path is not None or bool(os.environ.get(ENV_CONFIG))
    chosen = path or Path(os.environ.get(ENV_CONFIG) or default_config_path())
    try:
        found = chosen.exists()
    except OSError as exc:  # a directory on the way this user may not enter
        raise ConfigError(
            f"{chosen}: cannot read the config file: {exc.strerror or exc}; make it readable "
            "by this user, or give another with --config"
        ) from exc
    if not found:
        if explicit:
            raise ConfigError(f"{chosen}: config file not found; create it or fix the path")
        return RumourConfig(), None
    try:
        text = chosen.read_text(encoding="utf-8")
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{chosen}: not valid TOML: {exc}") from exc
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{chosen}: cannot read the config file: {exc}") from exc
    except OSError as exc:
        raise ConfigError(
            f"{chosen}: cannot read the config file: {exc.strerror or exc}; make it readable "
            "by this user, or give another with --config"
        ) from exc
    config = parse_config(data, str(chosen), text)
    warning = exposed_secrets(chosen, config)
    if warning:
        logger.warning("%s", warning)
    return config, chosen


def _secrets(config: RumourConfig) -> list[str]:
    """The secrets the file itself holds (not those it names environment variables for)."""
    found = []
    if config.alerts.smtp.password:
        found.append("alerts.smtp.password")
    if config.database.url and urlsplit(config.database.url).password:
        found.append("the password in database.url")
    if config.service_secrets():
        found.append("a token in a recipient's URL")
    return found


def exposed_secrets(path: Path, config: RumourConfig) -> str | None:
    """A warning when a config file holding secrets may be read by other users."""
    secrets = _secrets(config)
    try:
        mode = path.stat().st_mode
    except OSError:
        return None
    if not secrets or not mode & 0o077:
        return None
    return (
        f"{path} holds {' and '.join(secrets)} and other users may read it; "
        f"run: chmod 600 {path} (or keep the secret in an environment variable: password_env)"
    )


def resolve_database_url(config: RumourConfig, override: str | None = None) -> str:
    """``--database``, else ``$RUMOUR_DATABASE_URL``, else the config, else the default."""
    return (
        override
        or os.environ.get(ENV_DATABASE_URL)
        or config.database.url
        or default_database_url()
    )
