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


def test_a_wordpress_widget_with_another_shows_date_stays_out_of_the_main_text() -> None:
    html = """<html><head><title>Moon Court</title></head><body>
    <div class="site-content"><div class="post">
    <p>Moon Court season 2 will be released in March 2027, the studio said on Monday.</p>
    <p>The first season ran for ten episodes and ended on a cliffhanger in the palace.</p>
    </div>
    <div class="widget widget_recent_entries"><h3>Latest</h3>
    <p>Glass Orchard season 4 arrives on 5 May 2027.</p></div></div></body></html>"""
    document = parse_document(html.encode())
    assert "Moon Court season 2 will be released in March 2027" in document.text
    assert "Glass Orchard" not in document.text


def test_a_wrapper_whose_class_names_a_sidebar_keeps_the_article_it_wraps() -> None:
    paragraphs = "".join(
        f"<p>Paragraph {i} of the story about Moon Court and its second season.</p>"
        for i in range(6)
    )
    html = (
        '<html><body><div class="content-with-sidebar"><div class="entry">'
        f"{paragraphs}</div><div class='sidebar'><p>Trending now</p></div></div></body></html>"
    )
    document = parse_document(html.encode())
    assert document.text.count("Paragraph") == 6
    assert "Trending now" not in document.text


def test_a_posted_on_line_gives_the_publication_date() -> None:
    html = """<html><body><article><h1>Moon Court returns</h1>
    <p class="byline">Posted on November 20, 2026</p>
    <p>Moon Court season 2 will premiere in December, the studio said.</p>
    </article></body></html>"""
    assert parse_document(html.encode()).published == dt.date(2026, 11, 20)


def test_a_date_the_article_talks_about_is_not_its_publication_date() -> None:
    html = """<html><body><article>
    <p>Moon Court season 2 will premiere in December. Filming wrapped on 3 August 2026
    in Busan after a long shoot.</p></article></body></html>"""
    assert parse_document(html.encode()).published is None


def test_a_local_time_stamp_gives_the_date_its_readers_saw() -> None:
    # 21:30 in New York is 02:30 the next day in UTC; the page was published on the 24th.
    html = (
        '<html><head><meta property="article:published_time" content="2026-02-24T21:30:00-05:00">'
        "</head><body><article><p>Moon Court season 2 will premiere in March.</p></article>"
        "</body></html>"
    )
    assert parse_document(html.encode()).published == dt.date(2026, 2, 24)


def test_a_page_that_opens_with_a_style_block_is_read_as_html() -> None:
    html = "<style>" + ".x { color: red; }\n" * 200 + "</style><p>Moon Court arrives in 2027.</p>"
    assert parse_document(html.encode()).text == "Moon Court arrives in 2027."


def test_a_table_row_is_one_block_with_its_cells_apart() -> None:
    html = """<html><body><article><p>What comes next on the service this winter season.</p>
    <table><tr><th>Title</th><th>Season</th><th>Date</th></tr>
    <tr><td>Moon Court</td><td>2</td><td>March 2027</td></tr></table></article></body></html>"""
    blocks = parse_document(html.encode()).text.split("\n\n")
    assert "Moon Court | 2 | March 2027" in blocks
    assert not any(set(block) <= set("|-: ") for block in blocks)


def test_without_a_main_text_from_the_extractor_the_pages_own_blocks_are_read(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import scraper.document

    monkeypatch.setattr(scraper.document.trafilatura, "extract", lambda *a, **k: None)
    html = "<html><body><nav>Home</nav><article><p>One.</p><p>Two.</p></article></body></html>"
    assert parse_document(html.encode()).text == "One.\n\nTwo."
