"""Feeds, sitemaps and official slate pages, in our own words."""

from __future__ import annotations

import datetime as dt

import pytest

from scraper.errors import ParseError
from scraper.feeds import parse_feed, parse_sitemap
from scraper.slates import SlateRow, parse_slate

RSS = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>Screen Desk</title>
<item><title>Ember Road returns</title><link>https://news.example/ember-road</link>
<pubDate>Mon, 02 Nov 2026 09:00:00 GMT</pubDate></item>
<item><title>An entry with no link</title></item>
<item><title>Relative</title><link>/relative-story</link></item>
</channel></rss>"""


def test_rss_entries_with_links_and_dates_and_a_broken_entry_skipped() -> None:
    listing = parse_feed(RSS, "https://news.example/feed.xml")
    assert [(e.url, e.published) for e in listing.entries] == [
        ("https://news.example/ember-road", dt.date(2026, 11, 2)),
        ("https://news.example/relative-story", None),
    ]
    assert listing.skipped == 1


def test_atom_feeds_are_read() -> None:
    atom = b"""<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>t</title>
    <entry><title>Night Harbor</title><link href="https://news.example/nh"/>
    <updated>2026-10-01T08:00:00Z</updated></entry></feed>"""
    (entry,) = parse_feed(atom, "https://news.example/atom").entries
    assert (entry.url, entry.title, entry.published) == (
        "https://news.example/nh",
        "Night Harbor",
        dt.date(2026, 10, 1),
    )


def test_garbage_is_not_a_feed() -> None:
    with pytest.raises(ParseError, match="not a readable RSS or Atom feed"):
        parse_feed(b"<html><body>hello</body></html><<<", "https://news.example/feed")


def test_news_sitemap_and_sitemap_index() -> None:
    urlset = b"""<?xml version="1.0"?>
    <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
            xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
      <url><loc>https://news.example/a</loc><news:news><news:publication_date>2026-11-20T10:00:00Z</news:publication_date>
      <news:title>Paper Crane date</news:title></news:news></url>
      <url><loc>javascript:alert(1)</loc></url>
    </urlset>"""
    listing = parse_sitemap(urlset, "https://news.example/sitemap.xml")
    assert listing.entries[0].url == "https://news.example/a"
    assert listing.entries[0].published == dt.date(2026, 11, 20)
    assert listing.skipped == 1
    index = b"""<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
      <sitemap><loc>https://news.example/news-1.xml</loc></sitemap></sitemapindex>"""
    (child,) = parse_sitemap(index, "https://news.example/index.xml").entries
    assert child.sitemap and child.url == "https://news.example/news-1.xml"


def test_a_slate_table_with_headers() -> None:
    html = """<html><body><table>
      <tr><th>Series</th><th>Genre</th><th>Premiere</th></tr>
      <tr><td>Gentle Rain</td><td>Romance</td><td>May 2026</td></tr>
      <tr><td>Night Harbor: Season 2</td><td>Thriller</td><td>Q4</td></tr>
      <tr><td>Untitled project</td><td>Drama</td><td>TBA</td></tr>
    </table></body></html>"""
    assert parse_slate(html) == [
        SlateRow("Gentle Rain", "May 2026"),
        SlateRow("Night Harbor: Season 2", "Q4"),
    ]


def test_titles_listed_under_date_headings_and_items_that_carry_a_date() -> None:
    html = """<html><body><nav><ul><li>Home</li><li>Old show – January 2020</li></ul></nav>
      <h2>Coming in December</h2><ul><li>Paper Crane</li><li>Moon Court Season 3</li></ul>
      <h2>Also announced</h2><ul><li>Glass Orchard — March 14, 2027</li><li>Just a title</li></ul>
      </body></html>"""
    assert parse_slate(html) == [
        SlateRow("Paper Crane", "Coming in December"),
        SlateRow("Moon Court Season 3", "Coming in December"),
        SlateRow("Glass Orchard", "March 14, 2027"),
    ]


def test_json_ld_items() -> None:
    html = """<html><head><script type="application/ld+json">
      {"@type": "ItemList", "itemListElement": [
        {"@type": "ListItem", "item": {"@type": "TVSeries", "name": "Silver Tide", "startDate": "2026-12-04"}}
      ]}</script></head><body></body></html>"""
    assert parse_slate(html) == [SlateRow("Silver Tide", "2026-12-04")]


def test_a_season_column_is_the_rows_season_and_other_columns_are_ignored() -> None:
    html = """<html><body><table>
      <tr><th>Title</th><th>Season</th><th>Episodes</th><th>Streaming on</th><th>Release date</th></tr>
      <tr><td>Moon Court</td><td>4</td><td>8</td><td>Netflix</td><td>October 2026</td></tr>
      <tr><td>Glass Orchard</td><td>Season 2</td><td>10</td><td>Disney+</td><td>Q1 2027</td></tr>
      <tr><td>Paper Crane</td><td>—</td><td>6</td><td>Netflix</td><td>2027</td></tr>
    </table></body></html>"""
    assert parse_slate(html) == [
        SlateRow("Moon Court", "October 2026", 4),
        SlateRow("Glass Orchard", "Q1 2027", 2),
        SlateRow("Paper Crane", "2027"),
    ]


def test_a_season_premiere_column_is_a_date_not_a_season() -> None:
    html = """<html><body><table>
      <tr><th>Show</th><th>Season premiere</th></tr>
      <tr><td>Moon Court</td><td>March 3, 2027</td></tr></table></body></html>"""
    assert parse_slate(html) == [SlateRow("Moon Court", "March 3, 2027")]


def test_json_ld_seasons_are_named_by_their_series() -> None:
    html = """<html><head><script type="application/ld+json">
      {"@type": "TVSeries", "name": "Silver Tide", "containsSeason": [
        {"@type": "TVSeason", "name": "Season 2", "seasonNumber": 2, "startDate": "2027-02-05"}]}
      </script><script type="application/ld+json">
      {"@type": "TVSeason", "seasonNumber": "3", "startDate": "2027-06",
       "partOfSeries": {"@type": "TVSeries", "name": "Moon Court"}}
      </script></head><body></body></html>"""
    assert parse_slate(html) == [
        SlateRow("Silver Tide", "2027-02-05", 2),
        SlateRow("Moon Court", "2027-06", 3),
    ]
