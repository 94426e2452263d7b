from __future__ import annotations

import datetime as dt

import pytest

from scraper.document import decode, parse_document
from scraper.errors import ParseError

PAGE = """<!doctype html><html><head>
<title>Site name | Ember Road</title>
<meta property="og:title" content="Ember Road season 2 release date">
<meta property="article:published_time" content="2026-05-01T09:00:00Z">
<link rel="canonical" href="https://news.example/ember-road-2">
</head><body>
<nav><a href="/">Home</a> Glass Orchard season 9 arrives in May 2026</nav>
<article><h1>Ember Road season 2 release date</h1>
<p>Ember Road season 2 will premiere in October 2026.</p>
<div class="related-articles"><p>Paper Lanterns season 3 lands in July 2026.</p></div>
<aside>Silver Tide season 5 drops in June 2026.</aside>
</article>
<footer>Copyright 2026</footer>
</body></html>"""


def test_article_text_leaves_out_navigation_sidebars_and_related_boxes() -> None:
    document = parse_document(PAGE.encode(), url="https://news.example/x")
    assert document.headline == "Ember Road season 2 release date"
    assert document.published == dt.date(2026, 5, 1)
    assert document.canonical_url == "https://news.example/ember-road-2"
    assert "Ember Road season 2 will premiere in October 2026." in document.text
    for elsewhere in ("Glass Orchard", "Paper Lanterns", "Silver Tide", "Copyright"):
        assert elsewhere not in document.text


def test_json_ld_gives_the_publication_date() -> None:
    html = (
        '<html><head><script type="application/ld+json">'
        '{"@graph": [{"@type": "NewsArticle", "datePublished": "2025-07-08"}]}'
        "</script></head><body><p>Text.</p></body></html>"
    )
    assert parse_document(html.encode()).published == dt.date(2025, 7, 8)


def test_plain_text_passes_through() -> None:
    assert parse_document(b"  Just words.\n").text == "Just words."


def test_non_utf8_bytes_are_decoded_not_refused() -> None:
    assert (
        decode("Caf\u00e9 premieres in M\u00e4rz".encode("cp1252"))
        == "Caf\u00e9 premieres in M\u00e4rz"
    )


def test_binary_input_is_refused_with_a_clear_message() -> None:
    with pytest.raises(ParseError, match="looks binary"):
        parse_document(b"\x89PNG\r\n\x1a\n\x00\x00\x00")


def test_line_breaks_inside_a_paragraph_are_spaces_as_a_browser_shows_them() -> None:
    html = (
        "<html><body><article><p>Moon Court season 2 will be released in\nDecember 2026,"
        "\n   the studio said.</p><p>Second paragraph.</p></article></body></html>"
    )
    document = parse_document(html.encode())
    assert document.text == (
        "Moon Court season 2 will be released in December 2026, the studio said.\n\n"
        "Second paragraph."
    )
