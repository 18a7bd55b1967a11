from django.apps import AppConfig


class PracticesConfig(AppConfig):
    name = "practices"
    verbose_name = "Practices"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from practices import (
            changes,  # noqa: F401  (connects the change feed's receivers)
            checks,  # noqa: F401
        )
