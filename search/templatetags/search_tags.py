from django import template

from practices.models import PracticePage

register = template.Library()


@register.simple_tag
def similar_practices(page: PracticePage) -> list[PracticePage]:
    """Up to four similar practices of ``page`` (precomputed), theme labels in the active language."""
    from search.engine import localise_themes
    from search.similar import similar_practices as stored

    if page.pk is None or not page.live:  # previews of new or unpublished practices
        return []
    practices = list(stored(page))
    localise_themes(practices)
    return practices
