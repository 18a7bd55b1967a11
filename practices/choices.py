"""Fixed choice lists of the practice record (not editable by editors, unlike the vocabularies)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    PILOT = "pilot", _("Pilot")
    RUNNING = "running", _("Running")
    ENDED = "ended", _("Ended")
    MAINSTREAMED = "mainstreamed", _("Mainstreamed")


class Role(models.TextChoices):
    IMPLEMENTING = "implementing", _("Implementing organisation")
    COORDINATOR = "coordinator", _("Coordinator")
    PARTNER = "partner", _("Partner")
    FUNDER = "funder", _("Funder")
    NETWORK = "network", _("Network or programme member")


class EvidenceLevel(models.TextChoices):
    """Ordered from weakest to strongest; the order is used to rank a practice's best evidence."""

    DESCRIBED = "described", _("Described")
    MONITORED = "monitored", _("Monitored")
    INTERNALLY_EVALUATED = "internally_evaluated", _("Internally evaluated")
    EXTERNALLY_EVALUATED = "externally_evaluated", _("Externally evaluated")


EVIDENCE_RANK = {level: rank for rank, level in enumerate(EvidenceLevel.values)}


class SourceKind(models.TextChoices):
    ILO = "ilo", _("ILO good-practices database")
    CITIES_OF_MIGRATION = "cities_of_migration", _("Cities of Migration")
    EQUAL = "equal", _("EU EQUAL database")
    IQ_GOOD_PRACTICE = "iq_good_practice", _("IQ Good Practice")
    EWSI = "ewsi", _("European Website on Integration")
    UN_MIGRATION_HUB = "un_migration_hub", _("UN Migration Network Hub")
    GENERIC = "generic", _("Other good-practice page")
    SUGGESTION = "suggestion", _("Suggested by a practitioner")
    OTHER = "other", _("Other")


class ProgrammeKind(models.TextChoices):
    PROGRAMME = "programme", _("Programme")
    NETWORK = "network", _("Network")
    FUND = "fund", _("Fund")
