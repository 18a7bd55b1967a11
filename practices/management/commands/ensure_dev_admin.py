import os

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

DEFAULT_USERNAME = "admin"
DEFAULT_PASSWORD = "praxis-local-admin"  # noqa: S105 - local development only, refused unless DEBUG


class Command(BaseCommand):
    help = "Create or reset the local admin account (development settings only) and print its login."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("ensure_dev_admin only runs with DEBUG on (development settings).")
        username = os.environ.get("DEV_ADMIN_USERNAME", DEFAULT_USERNAME)
        password = os.environ.get("DEV_ADMIN_PASSWORD", DEFAULT_PASSWORD)
        user, created = get_user_model().objects.get_or_create(
            username=username, defaults={"email": f"{username}@localhost", "is_staff": True, "is_superuser": True}
        )
        user.is_staff = user.is_superuser = user.is_active = True
        user.set_password(password)
        user.save()
        verb = "Created" if created else "Reset"
        self.stdout.write(self.style.SUCCESS(f"{verb} local admin. Log in at http://127.0.0.1:8000/admin/"))
        self.stdout.write(f"  username: {username}\n  password: {password}")
