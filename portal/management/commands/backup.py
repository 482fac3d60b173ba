"""manage.py backup [DESTINATION]: the database, media and private files in one archive."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from portal.backups import BackupError, backup_create


class Command(BaseCommand):
    help = (
        "Write a backup (database, media and private files, and a manifest of row counts and "
        "money sums) to DESTINATION: a folder (default var/backups) or a .tar.gz file."
    )

    def add_arguments(self, parser):
        parser.add_argument("destination", nargs="?", default=str(settings.VAR_DIR / "backups"))

    def handle(self, *args, destination, **options):
        try:
            path = backup_create(destination)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(self.style.SUCCESS(f"backup written: {path}"))
