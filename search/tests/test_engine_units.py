"""The engine's small list and bit-set helpers, against the plain definitions they replace."""

from hypothesis import given
from hypothesis import strategies as st

from search.backends import by_tier
from search.engine import own_language_first
from search.facet_index import FacetIndex

ids_strategy = st.lists(st.integers(min_value=1, max_value=300), unique=True, max_size=120)


@given(ids_strategy, st.lists(st.sets(st.integers(min_value=1, max_value=300)), max_size=3))
def test_by_tier_orders_first_tier_then_next_then_rest_keeping_order(ids, tiers):
    expected = sorted(ids, key=lambda pk: next((n for n, tier in enumerate(tiers) if pk in tier), len(tiers)))
    assert by_tier(ids, tiers) == expected


@given(ids_strategy, st.data(), st.integers(min_value=0, max_value=150))
def test_own_language_first_gives_the_page_of_the_full_reordering(ids, data, stop):
    locale_of = {pk: data.draw(st.sampled_from([1, 2])) for pk in ids}
    full = [pk for pk in ids if locale_of[pk] == 1] + [pk for pk in ids if locale_of[pk] != 1]
    assert own_language_first(ids, locale_of, 1, stop) == full[:stop]


@given(st.lists(st.integers(min_value=0, max_value=2_000), max_size=300))
def test_bits_of_positions_sets_exactly_those_bits(positions):
    expected = 0
    for position in positions:
        expected |= 1 << position
    bits = FacetIndex.bits_of_positions(positions)
    assert bits == expected
    assert FacetIndex.positions(bits) == set(positions)


def test_bits_of_skips_unknown_practices():
    index = FacetIndex(bit={10: 0, 11: 5, 12: 64})
    assert index.bits_of([11, 99, 12]) == (1 << 5) | (1 << 64)
    assert index.bits_of([]) == 0


@given(
    st.dictionaries(st.integers(min_value=1, max_value=400), st.integers(min_value=0, max_value=500), max_size=80),
    st.lists(st.integers(min_value=-5, max_value=450), max_size=120),
    st.sets(st.integers(min_value=0, max_value=520)),
    st.booleans(),
)
def test_filter_ids_keeps_the_ids_in_the_set_in_their_order(bit, page_ids, positions, everything):
    index = FacetIndex(bit=bit, ids=[None] * (max(bit.values(), default=0) + 1))
    bits = -1 if everything else FacetIndex.bits_of_positions(sorted(positions))
    expected = [pk for pk in page_ids if pk in bit and (everything or bit[pk] in positions)]
    assert index.filter_ids(page_ids, bits) == expected
    assert index.bits_of(page_ids) == FacetIndex.bits_of_positions(sorted({bit[pk] for pk in page_ids if pk in bit}))
