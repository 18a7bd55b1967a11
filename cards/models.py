from django.db import models


class EmbedGeneration(models.Model):
    """A single counter, raised whenever a practice is published, unpublished, moved, restricted or deleted.

    Cached cards remember the generation they were built in and are stale once it moves on. It lives in
    the database, not in the cache, so that every worker process sees an unpublish at once, also with a
    per-process cache, and it moves inside the transaction that makes the change.
    """

    value = models.PositiveBigIntegerField(default=0)

    def __str__(self) -> str:
        return f"embed generation {self.value}"
