"""The change feed: every change visitors could see raises the one content version and says what changed."""

import pytest
from wagtail.models import PageViewRestriction

from practices.changes import KEPT_VERSIONS, MAX_PAGES_PER_CHANGE, changes_between, current_version, prune, record
from practices.models import ContentChange, Organisation, PracticePage, Theme
from practices.tests.factories import OrganisationFactory, PracticePageFactory, term

pytestmark = pytest.mark.django_db


@pytest.fixture
def practice(site_tree):
    page = PracticePageFactory(parent=site_tree.index, title="Bridge to Work")
    page.save_revision().publish()
    return PracticePage.objects.get(pk=page.pk)


def changed(before: int) -> list[tuple[str, int | None]]:
    return [(change.kind, change.page_id) for change in changes_between(before, current_version())]


def test_publish_unpublish_and_delete_each_raise_the_version(practice):
    before = current_version()
    practice.save_revision().publish()
    assert ("page", practice.pk) in changed(before)
    before = current_version()
    practice.unpublish()
    assert ("page", practice.pk) in changed(before)
    before = current_version()
    pk = practice.pk
    practice.delete()
    assert ("page", pk) in changed(before)


def test_a_draft_revision_changes_nothing_visitors_see(practice):
    before = current_version()
    practice.title = "A draft title"
    practice.save_revision()
    assert current_version() == before


def test_moving_a_practice_is_a_change(practice, site_tree):
    before = current_version()
    other_index = site_tree.index_de
    PracticePage.objects.get(pk=practice.pk).move(other_index, pos="last-child")
    assert ("page", practice.pk) in changed(before)


@pytest.mark.parametrize("on_section", [False, True])
def test_view_restrictions_added_changed_and_removed(practice, site_tree, on_section):
    page = site_tree.index if on_section else practice
    before = current_version()
    restriction = PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    assert ("page", practice.pk) in changed(before)  # a section's restriction names the practices below it
    before = current_version()
    restriction.restriction_type, restriction.password = PageViewRestriction.PASSWORD, "secret"
    restriction.save()
    assert ("page", practice.pk) in changed(before)
    before = current_version()
    restriction.delete()
    assert ("page", practice.pk) in changed(before)


def test_a_restriction_swap_that_keeps_their_number_is_seen(practice, site_tree):
    other = PracticePageFactory(parent=site_tree.index, title="Mentors")
    old = PageViewRestriction.objects.create(page=other, restriction_type=PageViewRestriction.LOGIN)
    count, before = PageViewRestriction.objects.count(), current_version()
    old.delete()
    PageViewRestriction.objects.create(page=practice, restriction_type=PageViewRestriction.LOGIN)
    assert PageViewRestriction.objects.count() == count
    assert {("page", practice.pk), ("page", other.pk)} <= set(changed(before))


def test_renaming_a_vocabulary_term_or_an_organisation_changes_labels_and_its_practices(practice):
    theme = term(Theme, "mentoring")
    practice.themes.add(theme)
    before = current_version()
    theme.name = "Mentoring and buddies"
    theme.save()
    assert {("labels", None), ("page", practice.pk)} <= set(changed(before))
    organisation = Organisation.objects.get(pk=practice.organisation_roles.first().organisation_id)
    before = current_version()
    organisation.name = "Renamed"
    organisation.save()
    assert {("labels", None), ("page", practice.pk)} <= set(changed(before))
    before = current_version()
    OrganisationFactory(name="New and unlinked")
    assert changed(before) == [("labels", None)]


def test_a_large_change_is_recorded_as_everything():
    before = current_version()
    record(range(1, MAX_PAGES_PER_CHANGE + 2))
    assert changed(before) == [("all", None)]


def test_pruned_changes_make_readers_rebuild():
    first = current_version()
    for _ in range(3):
        record([1])
    assert len(changes_between(first, current_version())) == 3
    prune(first + 2 + KEPT_VERSIONS)
    assert changes_between(first, current_version()) is None  # some versions are gone: rebuild
    assert ContentChange.objects.filter(version=first + 3).exists()
