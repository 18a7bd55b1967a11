from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "search"
    label = "practice_search"
    verbose_name = "Practice search"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save
        from wagtail.models import Page, PageViewRestriction
        from wagtail.signals import page_published, page_unpublished

        from practices.models import PracticePage
        from search.facet_index import data_changed
        from search.signals import practice_deleted, practice_published, practice_saved

        # The facet index first: similar practices are computed from it.
        page_published.connect(data_changed, dispatch_uid="practice_search_published")
        page_published.connect(practice_published, dispatch_uid="practice_search_similar")
        page_unpublished.connect(data_changed, dispatch_uid="practice_search_unpublished")
        post_delete.connect(data_changed, sender=Page, dispatch_uid="practice_search_deleted")
        # Pages saved live without a publish signal (imports, factories) and drafts: cheap to over-invalidate.
        post_save.connect(data_changed, sender=PracticePage, dispatch_uid="practice_search_saved")
        # The search documents: written on save and again on publish (child relations are saved by then).
        post_save.connect(practice_saved, sender=PracticePage, dispatch_uid="practice_search_document_saved")
        page_unpublished.connect(practice_saved, dispatch_uid="practice_search_document_unpublished")
        post_delete.connect(practice_deleted, sender=PracticePage, dispatch_uid="practice_search_document_deleted")
        for signal in (post_save, post_delete):
            signal.connect(data_changed, sender=PageViewRestriction, dispatch_uid=f"practice_search_{signal}")
