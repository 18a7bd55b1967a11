from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "search"
    label = "practice_search"
    verbose_name = "Practice search"
