from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from click.testing import CliRunner

from schedules.cli import cli

ARTICLE = (
    "<html><head><meta property='og:title' content='Ember Road season 2 release date'>"
    "<meta property='article:published_time' content='2026-05-01'></head><body><article>"
    "<p>Ember Road season 2 will premiere in October 2026, the studio said.</p>"
    "</article></body></html>"
)


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        if self.path == "/article":
            body = ARTICLE.encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        else:
            self.send_response(404)
            self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def site() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def test_check_json_contract_from_a_url(site: str) -> None:
    result = CliRunner().invoke(cli, ["check", f"{site}/article", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["document"] == {
        "url": f"{site}/article",
        "headline": "Ember Road season 2 release date",
        "published": "2026-05-01",
    }
    (claim,) = data["claims"]
    assert claim["title"] == "Ember Road"
    assert claim["season"] == 2
    assert claim["window"] == {
        "start": "2026-10-01", "end": "2026-10-31", "granularity": "month", "value": "2026-10"
    }  # fmt: skip
    assert claim["stance"] == "report"
    assert claim["verdict"] == {
        "label": "unsupported",
        "reason": "no_official_date",
        "evidence": [],
    }
    assert claim["quotes"][0]["text"].startswith("Ember Road season 2 will premiere")


def test_a_dead_url_is_one_line_and_exit_1(site: str) -> None:
    result = CliRunner().invoke(cli, ["check", f"{site}/missing"])
    assert result.exit_code == 1
    assert result.stderr.strip() == f"rumour: error: {site}/missing: HTTP 404"


def test_published_option_overrides_the_page(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("Silver Tide season 5 is coming this November.")
    result = CliRunner().invoke(cli, ["check", str(path), "--published", "2027-01-15", "--json"])
    (claim,) = json.loads(result.stdout)["claims"]
    assert claim["window"]["value"] == "2027-11"


def test_stdin_and_human_table() -> None:
    text = "Silver Tide season 5 is coming in October 2026."
    result = CliRunner().invoke(cli, ["check", "-"], input=text)
    assert result.exit_code == 0
    assert "Silver Tide" in result.stdout and "2026-10" in result.stdout


def test_empty_input_is_a_clean_empty_result() -> None:
    result = CliRunner().invoke(cli, ["check", "-", "--json"], input="")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["claims"] == []


def test_binary_input_is_one_clear_line(tmp_path: Path) -> None:
    path = tmp_path / "image.png"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    result = CliRunner().invoke(cli, ["check", str(path)])
    assert result.exit_code == 1
    assert "looks binary" in result.stderr and "Traceback" not in result.output


def test_non_utf8_input_is_read(tmp_path: Path) -> None:
    path = tmp_path / "latin.txt"
    path.write_bytes("Caf\u00e9 Noir season 2 arrives in March 2027.".encode("cp1252"))
    result = CliRunner().invoke(cli, ["check", str(path), "--json"])
    assert result.exit_code == 0
    assert json.loads(result.stdout)["claims"][0]["window"]["value"] == "2027-03"


def test_missing_file_is_one_clear_line() -> None:
    result = CliRunner().invoke(cli, ["check", "/nonexistent/file.html"])
    assert result.exit_code == 1
    assert result.stderr == "rumour: error: /nonexistent/file.html: no such file\n"


@pytest.mark.parametrize(
    "given", ["127.0.0.1:8765/news/x.html", "news.example/story", "localhost:8000"]
)
def test_a_url_without_its_scheme_is_told_to_add_it(given: str) -> None:
    result = CliRunner().invoke(cli, ["check", given])
    assert result.exit_code == 1
    assert (
        result.stderr
        == f"rumour: error: {given}: no such file; for a URL add http:// or https://\n"
    )


def test_an_unreadable_file_says_why(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["check", str(tmp_path)])  # a directory
    assert result.exit_code == 1
    assert f"{tmp_path}: cannot read: Is a directory" in result.stderr


def test_huge_input_finishes_and_finds_the_claim(tmp_path: Path) -> None:
    filler = "Nothing of note happened on this ordinary afternoon at all. " * 170_000  # ~10 MB
    path = tmp_path / "huge.txt"
    path.write_text("Silver Tide season 5 is coming in October 2026.\n" + filler)
    started = time.monotonic()
    result = CliRunner().invoke(cli, ["check", str(path), "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["claims"][0]["title"] == "Silver Tide"
    assert "only the start is read" in result.stderr
    print(f"10 MB input took {time.monotonic() - started:.1f}s")
