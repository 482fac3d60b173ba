"""manage.py refresh_matches: recompute and store every strong suggestion, with progress."""

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from matching.refresh import refresh_all
from search.backends import SearchUnavailable


class Command(BaseCommand):
    help = (
        "Recompute the matching engine's suggestions for every published need (against every "
        "published outcome) and store the strong and medium ones (the engine's confidence; at "
        "most MATCHING_STORED_PER_ITEM per need): the strong for the brokers' queue, both for "
        "whom to meet at events. "
        "Never sends email: digests go out only when a need or an outcome is published."
    )

    def add_arguments(self, parser):
        parser.add_argument("--no-progress", action="store_true", help="no progress bar")
        parser.add_argument(
            "--no-email",
            action="store_true",
            default=True,
            help="the default, and the only choice: this command never emails anyone",
        )

    def handle(self, *args, no_progress=False, **options):
        def progress(items, total):
            return tqdm(
                items,
                total=total,
                unit="need",
                desc="matching",
                disable=no_progress,
                file=self.stderr,
            )

        try:
            report = refresh_all(progress=progress)
        except SearchUnavailable as error:
            raise CommandError(f"search is unavailable: {error}") from error
        self.stdout.write(
            self.style.SUCCESS(
                f"Ranked {report.outcomes} published outcomes for {report.needs} published "
                f"needs: {report.stored} strong and medium suggestions stored in "
                f"{report.seconds:.1f} s."
            )
        )
