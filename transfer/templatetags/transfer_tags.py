from __future__ import annotations

from django import template
from django.conf import settings
from django.templatetags.static import static
from django.urls import reverse

register = template.Library()


@register.simple_tag
def map_config() -> dict:
    """What the map script needs, for data attributes: endpoints, the tile server and its attribution."""
    return {
        "clusters_url": reverse("transfer:map_clusters"),
        "tiles_url": settings.PRAXIS_MAP_TILES_URL,
        "attribution": settings.PRAXIS_MAP_ATTRIBUTION,
        "max_zoom": settings.PRAXIS_MAP_MAX_ZOOM,
        "images_url": static("transfer/leaflet/images/"),
    }
