from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "search"
    label = "practice_search"
    verbose_name = "Practice search"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save
        from wagtail.models import PageViewRestriction
        from wagtail.signals import page_published, page_unpublished, post_page_move

        from practices.models import Organisation, PracticePage, Programme, TargetGroup, Theme, TransferAudience
        from search.signals import (
            labels_changed,
            practice_deleted,
            practice_published,
            practice_saved,
            visibility_changed,
        )

        # What visitors see is followed through practices.changes; only the slow follow-up work is here.
        page_published.connect(practice_published, dispatch_uid="practice_search_similar")
        # The search documents, written in the transaction of the change so a search right after finds it:
        # on save (imports, factories) and again on publish (child relations are saved by then).
        post_save.connect(practice_saved, sender=PracticePage, dispatch_uid="practice_search_document_saved")
        page_unpublished.connect(practice_saved, dispatch_uid="practice_search_document_unpublished")
        post_delete.connect(practice_deleted, sender=PracticePage, dispatch_uid="practice_search_document_deleted")
        for model in (Theme, TargetGroup, TransferAudience, Programme, Organisation):
            post_save.connect(labels_changed, sender=model, dispatch_uid=f"practice_search_labels_{model.__name__}")
        post_page_move.connect(visibility_changed, dispatch_uid="practice_search_cluster_moved")
        for signal in (post_save, post_delete):
            signal.connect(
                visibility_changed, sender=PageViewRestriction, dispatch_uid=f"practice_search_cluster_{id(signal)}"
            )
