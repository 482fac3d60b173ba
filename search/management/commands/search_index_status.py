"""manage.py search_index_status: which engine, where, and whether it matches the database."""

from django.core.management.base import BaseCommand, CommandError

from search.backends import SearchUnavailable, get_backend
from search.registry import sources


class Command(BaseCommand):
    help = "Show the search engine, its location and document counts against the database."

    def handle(self, *args, **options):
        try:
            status = get_backend().status()
        except SearchUnavailable as error:
            raise CommandError(f"search is unavailable: {error}") from error
        self.stdout.write(f"engine:    {status['engine']}")
        self.stdout.write(f"location:  {status['location']}")
        self.stdout.write(f"documents: {status['documents']}")
        in_sync = True
        for source in sources():
            indexed = status["by_kind"].get(source.kind, 0)
            expected = source.count()
            mark = "ok" if indexed == expected else "differs"
            in_sync &= indexed == expected
            self.stdout.write(
                f"  {source.kind:<10} indexed {indexed:>7}  database {expected:>7}  {mark}"
            )
        if not in_sync:
            self.stdout.write(self.style.WARNING("Run manage.py rebuild_search_index to catch up."))
