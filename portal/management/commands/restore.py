"""manage.py restore ARCHIVE: put a backup back, check it against its manifest, and rebuild what
is derived from the database (the search index, the stored suggestions)."""

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from portal.backups import BackupError, backup_restore, read_manifest


class Command(BaseCommand):
    help = (
        "Replace the database, media and private files with those of a backup, check rows, "
        "money sums and registration counters against the backup's manifest, then rebuild the "
        "search index and the stored suggestions."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive")
        parser.add_argument(
            "--yes", action="store_true", help="do not ask: everything now stored is replaced"
        )
        parser.add_argument(
            "--no-rebuild",
            action="store_true",
            help="leave the search index and stored suggestions to be rebuilt later",
        )

    def handle(self, *args, archive, yes, no_rebuild, **options):
        try:
            manifest = read_manifest(archive)
        except BackupError as error:
            raise CommandError(str(error)) from error
        rows = sum(manifest["facts"]["rows"].values())
        self.stdout.write(
            f"backup of {manifest['created_at']} ({manifest['engine']}, {rows} rows, "
            f"{manifest['folders'].get('media', 0)} media and "
            f"{manifest['folders'].get('private', 0)} private files)"
        )
        if not yes:
            answer = input("Everything stored now will be replaced. Type yes to go on: ")
            if answer.strip().lower() != "yes":
                raise CommandError("nothing was changed")
        try:
            restored = backup_restore(archive)
        except BackupError as error:
            raise CommandError(str(error)) from error
        if restored.mismatches:
            for line in restored.mismatches:
                self.stderr.write(line)
            raise CommandError("the restored data differ from the backup's manifest (above)")
        money = len(restored.facts["money"])
        self.stdout.write(
            self.style.SUCCESS(
                f"restored and checked: {rows} rows, {money} money columns to the fen, "
                f"{len(restored.facts['registration_counters'])} registration counters"
            )
        )
        if no_rebuild:
            self.stdout.write(
                "search index and stored suggestions not rebuilt: run "
                "manage.py rebuild_search_index and manage.py refresh_matches"
            )
            return
        call_command(
            "rebuild_search_index", no_progress=True, stdout=self.stdout, stderr=self.stderr
        )
        call_command("refresh_matches", no_progress=True, stdout=self.stdout, stderr=self.stderr)
