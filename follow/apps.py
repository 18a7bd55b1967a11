from django.apps import AppConfig


class FollowConfig(AppConfig):
    """Taking the data away and following it: exports, JSON-LD, the full-record API, feeds, e-mail alerts
    and suggestions from the public. Builds on ``practices``, ``search`` and ``importers``; none of them
    imports this app."""

    name = "follow"
    verbose_name = "Follow, contribute and export"
    default_auto_field = "django.db.models.BigAutoField"
