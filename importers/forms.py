from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from importers.errors import MAX_DOCUMENT_BYTES
from importers.parsers import PARSERS

MAX_FILES = 50


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else [data]
        files = [f for f in files if f]
        if not files:
            raise forms.ValidationError(_("Choose at least one file."), code="required")
        if len(files) > MAX_FILES:
            raise forms.ValidationError(_("At most %(max)s files at once."), params={"max": MAX_FILES})
        for upload in files:
            if upload.size > MAX_DOCUMENT_BYTES:
                raise forms.ValidationError(
                    _("%(name)s is too large (%(size)s bytes); the limit is %(limit)s bytes."),
                    params={"name": upload.name, "size": upload.size, "limit": MAX_DOCUMENT_BYTES},
                )
        return files


class UploadForm(forms.Form):
    files = MultipleFileField(
        label=_("Files"), help_text=_("Text (.txt) or web pages (.html, .htm) from other good-practice databases.")
    )
    source_kind = forms.ChoiceField(
        label=_("Source"),
        choices=[("auto", _("Recognise automatically")), *[(kind, kind) for kind in PARSERS]],
        initial="auto",
    )
    locale = forms.ChoiceField(label=_("Language of the texts"), choices=settings.WAGTAIL_CONTENT_LANGUAGES)
