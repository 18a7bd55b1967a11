from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CardsConfig(AppConfig):
    """Practice cards other websites embed: iframe card, oEmbed provider, script snippet and JSON."""

    name = "cards"
    verbose_name = _("Practice cards")

    def ready(self) -> None:
        from cards import checks  # noqa: F401
