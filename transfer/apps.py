from django.apps import AppConfig


class TransferConfig(AppConfig):
    """Deciding on a transfer: the map of a search, practices side by side, the transferability check."""

    name = "transfer"
    verbose_name = "Transfer"
    default_auto_field = "django.db.models.BigAutoField"
