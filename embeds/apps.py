from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EmbedsConfig(AppConfig):
    """Practice cards other websites embed: iframe card, oEmbed provider, script snippet and JSON."""

    name = "embeds"
    verbose_name = _("Embeds")

    def ready(self) -> None:
        from embeds import checks, signals  # noqa: F401
