from django.template.response import TemplateResponse
from wagtail import hooks

from search.views import search_page_context


@hooks.register("on_serve_page", order=1)  # inside Wagtail's view-restriction check (order 0)
def add_search_to_pages(serve):
    """Pages are served by their own ``serve``; the search adds its context before the response renders."""

    def inner(page, request, args, kwargs):
        response = serve(page, request, args, kwargs)
        if isinstance(response, TemplateResponse) and not response.is_rendered:
            response.context_data.update(search_page_context(page, request))
        return response

    return inner
