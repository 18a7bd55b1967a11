from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "search"
    label = "practice_search"
    verbose_name = "Practice search"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from wagtail.signals import page_published

        from search.signals import practice_published

        # What visitors see is followed through practices.changes; only the slow follow-up work is here.
        page_published.connect(practice_published, dispatch_uid="practice_search_similar")
