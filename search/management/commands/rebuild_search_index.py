"""manage.py rebuild_search_index: re-analyze and re-index every document, with progress."""

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from search.analysis import reset_analyzer
from search.backends import SearchUnavailable, get_backend
from search.registry import all_documents, expected_count


class Command(BaseCommand):
    help = "Rebuild the search index from the database; search keeps working meanwhile."

    def add_arguments(self, parser):
        parser.add_argument("--no-progress", action="store_true", help="no progress bar")

    def handle(self, *args, no_progress=False, **options):
        reset_analyzer()  # pick up every keyword now in the database
        backend = get_backend()
        total = expected_count()
        documents = tqdm(
            all_documents(),
            total=total,
            unit="doc",
            desc="indexing",
            disable=no_progress,
            file=self.stderr,
        )
        try:
            written = backend.rebuild(documents)
        except SearchUnavailable as error:
            raise CommandError(f"search is unavailable: {error}") from error
        self.stdout.write(self.style.SUCCESS(f"Indexed {written} documents ({backend.name})."))
