from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from practices.validators import validate_http_url


class ImportRecord(models.Model):
    """One document imported into one practice: the provenance trail and the basis of idempotency.

    ``revision`` is the draft revision the import wrote, ``fields`` the page fields it wrote. A revision
    of the page after it that no import wrote means a person worked on the page since: a changed version
    of the same source must not overwrite it (``conflict``). Conflicts and reviews write no revision.
    """

    class Status(models.TextChoices):
        CREATED = "created", _("created")
        UPDATED = "updated", _("updated")
        MERGED = "merged", _("merged")
        CONFLICT = "conflict", _("conflict")
        REVIEW = "review", _("review")

    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="import_records")
    revision = models.ForeignKey(
        "wagtailcore.Revision", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    source_kind = models.CharField(_("source kind"), max_length=30)
    source_url = models.URLField(_("source address"), max_length=500, blank=True, validators=[validate_http_url])
    file_name = models.CharField(_("file"), max_length=255, blank=True)
    sha256 = models.CharField(_("SHA-256 of the raw text"), max_length=64, db_index=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices)
    confidence = models.FloatField(_("confidence"), default=0)
    warnings = models.JSONField(_("warnings"), default=list, blank=True)
    evidence = models.JSONField(
        _("evidence"),
        default=list,
        blank=True,
        help_text=_("Per extracted fact: the field or sentence of the source it came from, and a confidence."),
    )
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    imported_at = models.DateTimeField(_("imported at"), auto_now_add=True)
    fields = models.JSONField(
        _("fields written"),
        null=True,
        blank=True,
        help_text=_("Page fields this import wrote; a later import of the same source may only overwrite these."),
    )

    class Meta:
        ordering = ["-imported_at", "-pk"]
        verbose_name = _("import record")
        verbose_name_plural = _("import records")

    def __str__(self) -> str:
        return f"{self.file_name or self.source_url} → {self.page_id} ({self.status})"


class PendingImport(models.Model):
    """Files an editor uploaded in the admin, read and imported by tasks (``importers.tasks``) with progress.

    Kept until a day after the upload (the upload view deletes older ones). ``reviews`` is what the review
    page shows, as JSON, so that page renders without reading the files again; ``results`` is what the
    import wrote. The files are dropped once the drafts are created.
    """

    class State(models.TextChoices):
        QUEUED = "queued", _("queued")
        PARSING = "parsing", _("reading the files")
        READY = "ready", _("ready for review")
        FAILED = "failed", _("failed")
        IMPORTING = "importing", _("creating drafts")
        DONE = "done", _("done")

    token = models.UUIDField(unique=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    options = models.JSONField(default=dict)
    files = models.JSONField(default=list, help_text="[{name, content (base64)}]")
    created_at = models.DateTimeField(auto_now_add=True)
    state = models.CharField(max_length=20, choices=State.choices, default=State.QUEUED)
    files_total = models.PositiveIntegerField(default=0)
    files_done = models.PositiveIntegerField(default=0)
    drafts_total = models.PositiveIntegerField(default=0)
    drafts_done = models.PositiveIntegerField(default=0)
    included = models.JSONField(default=list, blank=True, help_text="Names of the files the editor confirmed.")
    failures = models.JSONField(default=list, blank=True, help_text="[{name, message}]: one line per bad file.")
    reviews = models.JSONField(default=list, blank=True, help_text="What the review page shows, per practice.")
    results = models.JSONField(default=list, blank=True, help_text="What the import wrote, per practice.")
    error = models.CharField(max_length=500, blank=True, help_text="Why the task stopped (state failed).")
    import_started_at = models.DateTimeField(null=True, blank=True, help_text="When a worker took the import.")

    class Meta:
        verbose_name = _("pending import")

    def __str__(self) -> str:
        return f"{self.files_total} file(s) uploaded by {self.user_id} at {self.created_at:%Y-%m-%d %H:%M}"

    @property
    def running(self) -> bool:
        return self.state in (self.State.QUEUED, self.State.PARSING, self.State.IMPORTING)
