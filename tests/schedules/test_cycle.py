"""The cycle against a real site on 127.0.0.1: stores, verifies, skips the unchanged,
and keeps going when a source fails."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from sqlalchemy import func, select

from schedules import config_edit
from schedules.cli import cli
from schedules.config import SourceConfig, load_config
from schedules.cycle import CycleReport, run_cycle
from schedules.errors import ConfigError
from schedules.leases import Leases
from schedules.sources import sync_sources
from tests.site import Reply, Site
from verifier.store import Store, open_store
from verifier.store.models import Document, FeedEntry, FetchLog, Source, Statement
from verifier.store.repository import TitleRegistry, TitleSpec

NOW = dt.datetime(2026, 11, 24, 8, 0, tzinfo=dt.UTC)


def article(headline: str, body: str, published: str = "2026-11-20") -> str:
    return (
        f"<html><head><title>{headline}</title>"
        f"<meta property='article:published_time' content='{published}'></head>"
        f"<body><nav><a href='/'>Home</a></nav><article><h1>{headline}</h1><p>{body}</p></article>"
        "<aside class='related'><p>Related: Paper Crane season 4 is set for March 2031.</p></aside>"
        "</body></html>"
    )


RUMOUR = article(
    "Moon Court season 2 release date rumours",
    "Insiders claim Moon Court season 2 will be released on Netflix in December 2026.",
)
SLATE = """<html><head><title>Streamer 2026 Korean series</title></head><body>
<h1>Our 2026 Korean series</h1><table><tr><th>Title</th><th>Release</th></tr>
<tr><td>Gentle Rain</td><td>May 2026</td></tr><tr><td>Night Harbor: Season 2</td><td>Q4 2026</td></tr>
</table></body></html>"""


def feed(site: Site, *paths: str) -> str:
    items = "".join(
        f"<item><title>{p}</title><link>{site.url(p)}</link>"
        "<pubDate>Fri, 20 Nov 2026 09:00:00 GMT</pubDate></item>"
        for p in paths
    )
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>News</title>{items}</channel></rss>'


@pytest.fixture
def setup(tmp_path: Path, site: Site, database_url: str) -> Iterator[tuple[Path, Store]]:
    config = tmp_path / "config.toml"
    config.write_text(
        f'[database]\nurl = "{database_url}"\n[http]\nhost_delay = 0.0\nretries = 1\ntimeout = 2.0\n'
        f'[[sources]]\nname = "news"\nurl = "{site.url("/feed.xml")}"\nkind = "feed"\nevery = "30m"\n'
        f'[[sources]]\nname = "slate"\nurl = "{site.url("/slate")}"\nrole = "official"\n'
        'every = "6h"\nslate = { year = 2026, scope = "Korean series", complete = true }\n'
        f'[[sources]]\nname = "dead"\nurl = "{site.url("/gone")}"\nevery = "1h"\n'
        '[[titles]]\nname = "Moon Court"\nscopes = ["Korean series"]\n'
    )
    site.route(
        "/robots.txt", body="User-agent: *\nDisallow: /private/\n", content_type="text/plain"
    )
    site.route("/slate", body=SLATE, headers={"ETag": '"slate-1"'})
    site.route("/moon-court", body=RUMOUR)
    site.route("/feed.xml", body=feed(site, "/moon-court"))
    store = open_store(database_url)
    try:
        yield config, store
    finally:
        store.close()


def cycle(config: Path, store: Store, now: dt.datetime = NOW) -> CycleReport:
    settings = load_config(config)[0]

    def registry(session: object) -> TitleRegistry:
        found = TitleRegistry(session)  # type: ignore[arg-type]
        found.sync(TitleSpec(t.name, tuple(t.aliases), tuple(t.scopes)) for t in settings.titles)
        return found

    return run_cycle(store, settings, registry, now=now)


def count(store: Store, model: type) -> int:
    with store.transaction() as session:
        return session.scalar(select(func.count()).select_from(model)) or 0


def test_first_cycle_stores_verifies_and_reports(setup: tuple[Path, Store], site: Site) -> None:
    config, store = setup
    report = cycle(config, store)
    assert report.summary() == (
        "3 sources: 2 fetched, 0 unchanged, 1 failed; 2 new documents, 1 new claims, "
        "2 new official statements, 1 changed verdicts, 0 alerts queued"
    )
    ((title, change),) = report.changes
    assert (title, change.decision.label, change.decision.reason) == (
        "Moon Court",
        "unsupported",
        "absent_from_slate",
    )
    with store.transaction() as session:
        claims = session.scalars(select(Statement).where(Statement.role == "claim")).all()
        assert [(c.season, c.window_value, c.stance) for c in claims] == [(2, "2026-12", "rumour")]
        dead = session.scalars(select(Source).where(Source.name == "dead")).one()
        assert dead.failure_count == 1 and "HTTP 404" in (dead.last_error or "")
        assert dead.next_due_at is not None


def test_the_sidebar_of_an_article_gives_no_claims(setup: tuple[Path, Store]) -> None:
    config, store = setup
    cycle(config, store)
    with store.transaction() as session:
        titles = session.scalars(select(Statement.window_value)).all()
    assert "2031-03" not in titles


def test_a_second_cycle_over_unchanged_sites_stores_nothing(
    setup: tuple[Path, Store], site: Site
) -> None:
    config, store = setup
    cycle(config, store)
    before = (count(store, Document), count(store, Statement), count(store, FeedEntry))
    article_hits = site.hits["/moon-court"]
    report = cycle(config, store, NOW + dt.timedelta(days=1))
    assert (count(store, Document), count(store, Statement), count(store, FeedEntry)) == before
    assert report.changes == [] and report.count("failed") == 1
    assert site.hits["/moon-court"] == article_hits  # a feed entry is fetched once
    slate_requests = [h for p, h in site.requests if p == "/slate"]
    assert slate_requests[-1].get("If-None-Match") == '"slate-1"'


def test_sources_not_due_are_not_fetched(setup: tuple[Path, Store], site: Site) -> None:
    config, store = setup
    cycle(config, store)
    hits = sum(site.hits.values())
    report = cycle(config, store, NOW + dt.timedelta(minutes=5))
    assert report.sources == [] and sum(site.hits.values()) == hits


def test_an_official_announcement_changes_the_verdict(
    setup: tuple[Path, Store], site: Site
) -> None:
    config, store = setup
    cycle(config, store)
    site.route(
        "/slate",
        body=SLATE.replace(
            "</table>", "<tr><td>Moon Court Season 2</td><td>February 12, 2027</td></tr></table>"
        ),
        headers={"ETag": '"slate-2"'},
    )
    report = cycle(config, store, NOW + dt.timedelta(days=1))
    ((title, change),) = report.changes
    assert (title, change.old_label, change.decision.label) == (
        "Moon Court",
        "unsupported",
        "contradicted",
    )
    assert change.decision.evidence[0]["window"]["value"] == "2027-02-12"


def test_a_failing_source_backs_off_and_recovers(setup: tuple[Path, Store], site: Site) -> None:
    config, store = setup
    for day in range(3):
        cycle(config, store, NOW + dt.timedelta(days=day))
    with store.transaction() as session:
        dead = session.scalars(select(Source).where(Source.name == "dead")).one()
        assert dead.failure_count == 3
        due = (
            dead.next_due_at.replace(tzinfo=dt.UTC)
            if dead.next_due_at.tzinfo is None
            else dead.next_due_at
        )  # type: ignore[union-attr]
        waited = due - (NOW + dt.timedelta(days=2))
        # 1h doubled twice, plus at most five minutes of jitter
        assert dt.timedelta(hours=4) <= waited <= dt.timedelta(hours=4, minutes=5)
    site.route("/gone", body=article("Back", "Nothing to see."))
    cycle(config, store, NOW + dt.timedelta(days=4))
    with store.transaction() as session:
        dead = session.scalars(select(Source).where(Source.name == "dead")).one()
        assert (dead.failure_count, dead.last_error) == (0, None)


@pytest.mark.parametrize(
    ("reply", "outcome"),
    [
        (Reply(500), "HTTP 500"),
        (Reply(429, headers={"Retry-After": "7200"}), "HTTP 429"),
        (Reply(body="x" * 100, length=60 * 1024 * 1024), "cap"),
        (Reply(301, headers={"Location": "ftp://elsewhere.example/"}), "non-http(s)"),
        (
            Reply(
                body="<rss><channel><item><title>t</title></item>",
                content_type="application/rss+xml",
            ),
            "",
        ),
    ],
    ids=["500", "429-retry-after", "50MB", "bad-redirect", "broken-feed"],
)
def test_a_broken_feed_fails_alone(
    setup: tuple[Path, Store], site: Site, reply: Reply, outcome: str
) -> None:
    config, store = setup
    site.route("/feed.xml", reply)
    report = cycle(config, store)
    states = {s.name: s.state for s in report.sources}
    assert states["slate"] == "fetched"
    assert states["news"] in ("failed", "unchanged")
    news = next(s for s in report.sources if s.name == "news")
    assert outcome in (news.error or "")
    assert count(store, FetchLog) >= 2


def test_a_feed_with_a_broken_entry_and_a_malformed_article(
    setup: tuple[Path, Store], site: Site
) -> None:
    config, store = setup
    site.route("/broken", body=b"\x00\x01\x02binary", content_type="text/html")
    site.route("/private/secret", body=RUMOUR)
    site.route(
        "/malformed",
        body="<html><p>Unclosed <b>Ember Road season 2 arrives in October 2027<p><td>x</table>",
    )
    site.route(
        "/mojibake",
        body=article(
            "Glass Orchard season 3 date",
            "Glass Orchard season 3 arrives in M\xe4rz… no, in May 2027.",
        ).encode("cp1252"),
        content_type="text/html; charset=utf-8",
    )
    site.route("/feed.xml", body=feed(site, "/moon-court", "/broken", "/private/secret", "/mojibake", "/malformed")
               .replace("</channel>", "<item><title>no link</title></item></channel>"))  # fmt: skip
    report = cycle(config, store)
    news = next(s for s in report.sources if s.name == "news")
    assert news.state == "fetched" and news.new_documents == 3
    with store.transaction() as session:
        entries = dict(session.execute(select(FeedEntry.url, FeedEntry.status)).all())  # type: ignore[arg-type]
        windows = set(session.scalars(select(Statement.window_value)))
    assert entries[site.url("/broken")] == "failed"
    assert site.url("/private/secret") in entries and site.hits["/private/secret"] == 0
    assert {"2026-12", "2027-05", "2027-10"} <= windows


def rumour(config: Path, *args: str) -> Result:
    return CliRunner().invoke(cli, ["--config", str(config), *args])


def test_run_once_prints_one_summary_line_and_exits_0(setup: tuple[Path, Store]) -> None:
    config, _ = setup
    result = rumour(config, "run", "--once")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0].startswith("3 sources: 2 fetched, 0 unchanged, 1 failed")
    data = json.loads(rumour(config, "run", "--once", "--json").stdout)
    assert data["sources"] == {"fetched": 0, "unchanged": 0, "failed": 0}


def test_sources_commands(setup: tuple[Path, Store], site: Site) -> None:
    config, _ = setup
    rumour(config, "run", "--once")
    listed = {s["name"]: s for s in json.loads(rumour(config, "sources", "list", "--json").stdout)}
    assert listed["dead"]["state"] == "failing ×1" and "404" in listed["dead"]["last_error"]
    added = rumour(config, "sources", "add", "extra", site.url("/extra"), "--every", "2h",
                   "--database-only")  # fmt: skip
    assert added.exit_code == 0 and "to the database" in added.stdout
    assert rumour(config, "sources", "disable", "extra").exit_code == 0
    listed = {s["name"]: s for s in json.loads(rumour(config, "sources", "list", "--json").stdout)}
    assert (listed["extra"]["origin"], listed["extra"]["state"]) == ("cli", "disabled")
    assert rumour(config, "sources", "remove", "extra").exit_code == 0
    bad = rumour(config, "sources", "add", "bad", "ftp://x.example/")
    assert bad.exit_code == 1 and "http(s)" in bad.stderr
    taken = rumour(config, "sources", "add", "news", site.url("/other"))
    assert taken.exit_code == 1 and "a source named 'news' exists" in taken.stderr


def test_sources_commands_edit_the_config_file_keeping_its_comments(
    setup: tuple[Path, Store], site: Site
) -> None:
    config, _ = setup
    config.write_text("# our newsroom's sources\n" + config.read_text().replace(
        'name = "news"', 'name = "news"  # the main feed'))  # fmt: skip
    before = config.read_text()

    def sources() -> dict[str, dict[str, object]]:
        result = rumour(config, "sources", "list", "--json")
        return {s["name"]: s for s in json.loads(result.stdout)}

    added = rumour(config, "sources", "add", "extra", site.url("/extra"), "--kind", "feed",
                   "--cron", "0 */6 * * *")  # fmt: skip
    assert added.exit_code == 0, added.output
    assert (
        added.stdout
        == f"added source extra to {config}: feed {site.url('/extra')}, cron 0 */6 * * *\n"
    )
    lines = iter(config.read_text().splitlines())
    # Every line that was there is still there, in order, comments included.
    assert all(line in lines for line in before.splitlines())
    assert load_config(config)[0].sources[-1].cron == "0 */6 * * *"
    assert sources()["extra"]["origin"] == "config"

    assert rumour(config, "sources", "disable", "news").exit_code == 0
    assert "# the main feed" in config.read_text()
    assert sources()["news"]["state"] == "disabled"
    assert [s.enabled for s in load_config(config)[0].sources if s.name == "news"] == [False]
    assert rumour(config, "sources", "enable", "news").exit_code == 0
    assert sources()["news"]["enabled"] is True

    assert rumour(config, "sources", "remove", "extra").exit_code == 0
    assert "extra" not in sources() and "extra" not in config.read_text()
    assert "# our newsroom's sources" in config.read_text()


def test_sources_add_creates_the_config_file_when_there_is_none(tmp_path: Path) -> None:
    config = tmp_path / "xdg-config" / "rumour" / "config.toml"  # the default place (conftest)
    database = f"sqlite:///{tmp_path / 'rumour.db'}"
    result = CliRunner().invoke(cli, ["--database", database, "sources", "add", "news",
                                      "https://news.example/feed.xml", "--kind", "feed"])  # fmt: skip
    assert result.exit_code == 0, result.output
    assert [s.name for s in load_config(config)[0].sources] == ["news"]


def test_a_config_edit_that_would_break_the_config_changes_nothing(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    original = '# ours\n[[sources]]\nname = "news"\nurl = "https://news.example/"\n'
    config.write_text(original)
    with pytest.raises(ConfigError, match=r"sources\[1\]\.url: expected an http\(s\) URL"):
        config_edit.add_source(config, {"name": "bad", "url": "ftp://files.example/"})
    with pytest.raises(ConfigError, match="no source named 'gone'"):
        config_edit.remove_source(config, "gone")
    assert config.read_text() == original
    assert [p.name for p in tmp_path.iterdir()] == ["config.toml"]  # no temporary left behind


SEASON_SLATE = """<html><head><title>Streamer 2026 Korean series</title></head><body>
<table><tr><th>Title</th><th>Season</th><th>Streaming on</th><th>Release</th></tr>
<tr><td>Moon Court</td><td>2</td><td>Netflix</td><td>October 2026</td></tr>
<tr><td>Gentle Rain</td><td>1</td><td>Netflix</td><td>May 2026</td></tr>
</table></body></html>"""


def test_a_slate_tables_season_column_gives_the_rows_season(
    setup: tuple[Path, Store], site: Site
) -> None:
    config, store = setup
    site.route("/slate", body=SEASON_SLATE)
    report = cycle(config, store)
    ((title, change),) = report.changes
    assert (title, change.decision.label, change.decision.reason) == (
        "Moon Court",
        "contradicted",
        "official_disjoint",
    )
    with store.transaction() as session:
        officials = session.scalars(select(Statement).where(Statement.role == "official")).all()
        assert sorted((o.season, o.window_value) for o in officials) == [
            (1, "2026-05"),
            (2, "2026-10"),
        ]


def test_a_cycle_tells_its_progress_source_by_source(setup: tuple[Path, Store]) -> None:
    config, store = setup
    settings = load_config(config)[0]
    seen: list[tuple[str, int, int]] = []
    run_cycle(store, settings, lambda s: TitleRegistry(s), now=NOW,
              progress=lambda stage, done, total: seen.append((stage, done, total)))  # fmt: skip
    fetched = [s for s in seen if s[0] == "sources fetched"]
    written = [s for s in seen if s[0] == "sources written"]
    assert sorted(d for _, d, _ in fetched) == [1, 2, 3] and {t for *_, t in fetched} == {3}
    assert written == [("sources written", i, 3) for i in (1, 2, 3)]
    assert seen.index(fetched[-1]) < seen.index(written[0])  # fetched, then written


def _cli(config: Path, *args: str) -> Result:
    result = CliRunner().invoke(cli, ["--config", str(config), *args])
    assert result.exit_code == 0, result.output
    return result


def test_sources_test_shows_what_a_cycle_would_store_and_stores_nothing(
    setup: tuple[Path, Store], site: Site
) -> None:
    config, store = setup
    result = _cli(config, "sources", "test", "news", "--json")
    found = json.loads(result.stdout)
    assert found["state"] == "fetched" and found["error"] is None
    assert [d["headline"] for d in found["documents"]] == [
        "Moon Court season 2 release date rumours"
    ]
    assert [(c["title"], c["season"], c["window"], c["stance"], c["label"])
            for c in found["claims"]] == [("Moon Court", 2, "2026-12", "rumour", "unsupported")]  # fmt: skip
    assert (count(store, Document), count(store, Statement), count(store, FeedEntry)) == (0, 0, 0)
    table = _cli(config, "sources", "test", "slate").stdout
    assert "slate: fetched" in table and "2 official row(s); nothing was stored" in table
    missing = CliRunner().invoke(cli, ["--config", str(config), "sources", "test", "newz"])
    assert missing.exit_code == 1
    assert "no source named 'newz'; did you mean 'news'?" in missing.stderr
    assert count(store, Document) == 0


def test_run_once_can_take_every_source_now_or_only_some(
    setup: tuple[Path, Store], site: Site
) -> None:
    config, _ = setup
    first = json.loads(_cli(config, "run", "--once", "--json").stdout)
    assert first["sources"]["fetched"] + first["sources"]["failed"] == 3
    nothing_due = json.loads(_cli(config, "run", "--once", "--json").stdout)
    assert sum(nothing_due["sources"].values()) == 0
    everything = json.loads(_cli(config, "run", "--once", "--all", "--json").stdout)
    assert sum(everything["sources"].values()) == 3
    hits = site.hits["/slate"]
    only = json.loads(_cli(config, "run", "--once", "--source", "slate", "--json").stdout)
    assert sum(only["sources"].values()) == 1 and site.hits["/slate"] == hits + 1


def test_a_batch_claims_the_hosts_of_official_sources_first(store: Store) -> None:
    """However many batches a cycle takes, official sources come first: the news claims of
    the cycle then meet its evidence."""
    now = dt.datetime(2026, 11, 24, 8, 0, tzinfo=dt.UTC)
    specs = [
        SourceConfig(name="news", url="http://127.0.0.2:8001/news", every="1h"),
        SourceConfig(name="slate", url="http://127.0.0.3:8001/slate", every="1h", role="official"),
    ]
    with store.transaction() as session:
        sync_sources(session, specs, now)
    with store.transaction() as session:
        assert [d.name for d in Leases("w", 60).claim_batch(session, now, 1)] == ["slate"]
