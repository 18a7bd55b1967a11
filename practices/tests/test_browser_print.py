"""A practice prints as a clean brief: at most two A4 pages, the facts without the site around them."""

import io

import pytest
from django.utils import translation
from django.utils.translation import gettext as _

from practices.demo.loader import load_demo
from practices.models import PracticePage

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

MAX_PAGES = 2


def printed_size(practice: PracticePage) -> int:
    """How much a practice prints: its texts, and a line for each organisation, outcome, source and place."""
    texts = [practice.summary, practice.challenge, practice.approach, practice.results, practice.lessons]
    texts += [practice.transfer_conditions, str(practice.outcomes), str(practice.voices)]
    lines = practice.organisation_roles.count() + practice.sources.count() + practice.places.count()
    return sum(len(text or "") for text in texts) + 80 * (lines + len(practice.outcomes))


def print_to_pdf(browser, url: str) -> bytes:
    page = browser.new_page()
    page.goto(url)
    page.emulate_media(media="print")
    return page.pdf(format="A4", print_background=False)


def assert_clean_brief(browser, live_server, practice: PracticePage) -> None:
    from pypdf import PdfReader

    pdf = PdfReader(io.BytesIO(print_to_pdf(browser, live_server.url + practice.url)))
    assert len(pdf.pages) <= MAX_PAGES, (practice.url, len(pdf.pages))
    text = " ".join(" ".join((page.extract_text() or "").split()) for page in pdf.pages)

    with translation.override(practice.locale.language_code):
        assert practice.title in text
        place = practice.places.first()
        assert place.city in text and place.country_name in text
        assert str(practice.period) in text
        organisations = [link.organisation.local_name for link in practice.organisation_roles.all()]
        for name in organisations:
            assert name in text, (practice.url, name)
        for block in practice.outcomes:
            if block.block_type == "outcome":
                assert " ".join(block.value["text"].split())[:40] in text, (practice.url, block.value["text"])
        # what belongs to the site, not to the practice
        chrome = [
            _("Skip to content"),
            _("Embed this practice"),
            _("Similar practices"),
            _("Compare with other practices"),
        ]
        chrome += [_("Would this work for us? Check it"), _("Suggest a practice"), _("Open data")]
        chrome += [str(_("Show how to reach %(name)s")).split("%")[0]]
        chrome += [f"{_('Home')} {_('Practices')}", "English Deutsch"]  # the navigation and the language switcher
    assert [words for words in chrome if words in text] == [], practice.url


def test_demo_practices_print_as_clean_briefs_of_at_most_two_pages(live_server, site_tree, browser):
    load_demo()
    practices = list(PracticePage.objects.live().select_related("locale"))
    longest = max(practices, key=printed_size)
    busiest = max(practices, key=lambda practice: (practice.organisation_roles.count(), printed_size(practice)))
    assert busiest.organisation_roles.count() >= 5 and len(busiest.outcomes) >= 3, busiest.url
    assert longest.locale.language_code == "de" and longest.sources.count() >= 2, longest.url
    for practice in (longest, busiest):
        assert_clean_brief(browser, live_server, practice)
