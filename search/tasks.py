"""Keeping the index in step with the database: one background task per change.

An app names what changed (its source's kind and the ids of its items) with
``index_after_commit``; after the commit a task asks the app's source for those items' current
documents (``Source.update``), writes them and deletes their stale ones. The task reads the
state of the rows when it runs, so it can run late, twice or after a later change and still
leave the index right. A search engine that is down makes the task fail and run again later
(background.tasks); `manage.py rebuild_search_index` repairs everything at once.
"""

from background.tasks import background_task, enqueue_on_commit
from search import services


@background_task(retries=5, repair="manage.py rebuild_search_index")
def update_index(kind: str, ids: list) -> int:
    return services.index_update(kind, ids)


def index_after_commit(kind: str, ids) -> None:
    ids = sorted(set(ids))
    if ids:
        enqueue_on_commit(update_index, kind, ids)
