"""Atom feeds of any search and of all updates, checked with the standard library's XML parser."""

import xml.etree.ElementTree as ET

import pytest

from search.tests.factories import make_practice

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


def parse_atom(response) -> ET.Element:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)
    assert feed.tag == f"{ATOM}feed"
    # RFC 4287: a feed has id, title and updated; each entry id, title, updated and a link.
    for name in ("id", "title", "updated"):
        assert feed.find(f"{ATOM}{name}") is not None and feed.find(f"{ATOM}{name}").text, name
    assert feed.find(f"{ATOM}link[@rel='self']") is not None
    for entry in feed.findall(f"{ATOM}entry"):
        for name in ("id", "title", "updated"):
            assert entry.find(f"{ATOM}{name}").text, name
        assert entry.find(f"{ATOM}link").get("href").startswith("http")
    return feed


def titles(feed: ET.Element) -> list[str]:
    return [entry.find(f"{ATOM}title").text for entry in feed.findall(f"{ATOM}entry")]


def test_search_feed_lists_the_newest_matching_practices(client, corpus):
    feed = parse_atom(client.get("/en/feeds/practices/?q=job&theme=employer-engagement"))
    assert sorted(titles(feed)) == ["Bridge to Work", "German at Work"]
    assert "“job”" in feed.find(f"{ATOM}title").text and "Theme: Employer engagement" in feed.find(f"{ATOM}title").text
    alternate = feed.find(f"{ATOM}link[@rel='alternate']").get("href")
    assert alternate.endswith("/en/practices/?q=job&theme=employer-engagement")
    newest = make_practice(corpus["bridge"].get_parent(), "Employers Welcome Refugees", themes=("employer-engagement",))
    assert titles(parse_atom(client.get("/en/feeds/practices/?theme=employer-engagement")))[0] == newest.title


def test_german_search_feed_has_german_labels(client, corpus):
    feed = parse_atom(client.get("/de/feeds/practices/?target_group=women"))
    assert titles(feed) == ["Mentors for Women"]
    assert "Frauen" in feed.find(f"{ATOM}title").text
    assert feed.get("{http://www.w3.org/XML/1998/namespace}lang") == "de"


def test_feed_ignores_unknown_values_and_excludes_unpublished(client, corpus, site_tree):
    draft = make_practice(site_tree.index, "Withdrawn Mentoring")
    draft.unpublish()
    feed = parse_atom(client.get("/en/feeds/practices/?theme=mentoring&theme=<script>&sort=bogus"))
    assert titles(feed) == ["Mentors for Women"]


def test_updates_feed_shows_each_update_as_a_new_entry(client, corpus):
    before = parse_atom(client.get("/en/feeds/updates/"))
    assert len(titles(before)) == 5
    bridge = corpus["bridge"]
    bridge.summary = "Updated summary."
    bridge.save_revision().publish()
    after = parse_atom(client.get("/en/feeds/updates/"))
    assert titles(after)[0] == "Bridge to Work"
    ids_before = {entry.find(f"{ATOM}id").text for entry in before.findall(f"{ATOM}entry")}
    assert after.find(f"{ATOM}entry/{ATOM}id").text not in ids_before
    assert parse_atom(client.get("/de/feeds/updates/")).findall(f"{ATOM}entry") == []


def test_two_publishes_in_the_same_second_are_two_entries(client, corpus):
    bridge = corpus["bridge"]

    def bridge_entry_id() -> str:
        feed = parse_atom(client.get("/en/feeds/updates/"))
        (entry,) = [e for e in feed.findall(f"{ATOM}entry") if e.find(f"{ATOM}title").text == bridge.title]
        return entry.find(f"{ATOM}id").text

    bridge.save_revision().publish()
    first = bridge_entry_id()
    bridge.refresh_from_db()
    same_moment = bridge.last_published_at
    bridge.summary = "Corrected again."
    bridge.save_revision().publish()
    type(bridge).objects.filter(pk=bridge.pk).update(last_published_at=same_moment)
    assert bridge_entry_id() != first


def test_search_page_links_its_feed_and_downloads(client, corpus):
    html = client.get("/en/practices/?q=job&theme=employer-engagement&page=1").content.decode()
    assert (
        '<link rel="alternate" type="application/atom+xml" title="Newest practices for this search (Atom)" '
        'href="/en/feeds/practices/?q=job&amp;theme=employer-engagement">'
    ) in html
    assert 'href="/en/export/practices.csv?q=job&amp;theme=employer-engagement"' in html
    german = client.get("/de/practices/?status=ended").content.decode()
    assert 'href="/de/feeds/practices/?status=ended"' in german


def test_practice_page_links_its_json_ld(client, corpus):
    bridge = corpus["bridge"]
    html = client.get(bridge.url).content.decode()
    assert f'<link rel="alternate" type="application/ld+json" href="/api/practices/{bridge.pk}/jsonld">' in html
