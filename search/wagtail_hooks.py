from wagtail import hooks

from practices.models import PracticeIndexPage
from search.views import serve_practice_index


@hooks.register("on_serve_page", order=1)  # inside Wagtail's view-restriction check (order 0)
def serve_index_as_search(serve):
    def inner(page, request, args, kwargs):
        if isinstance(page, PracticeIndexPage):
            return serve_practice_index(page, request, *args, **kwargs)
        return serve(page, request, args, kwargs)

    return inner
