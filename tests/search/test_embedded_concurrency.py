"""Several processes writing to the embedded index at once: nobody's update is lost."""

import multiprocessing

from search.analysis import get_analyzer
from search.backends.embedded import EmbeddedBackend
from search.documents import SearchDocument, SearchQuery


def _write(path: str, worker: int, count: int) -> None:
    backend = EmbeddedBackend(path=path)
    for n in range(count):
        backend.index(
            [SearchDocument(id=f"outcome:{worker}-{n}", kind="outcome", title=f"镁合金样品{n}")]
        )


def test_concurrent_writers_from_several_processes_all_land(tmp_path, db):
    path = str(tmp_path / "index")
    EmbeddedBackend(path=path).index([])  # create it once, as a running site would have
    # The analyzer reads its dictionary from the database once; built here, the forked writers
    # never use the connection they inherit (one connection in two processes garbles it).
    get_analyzer()
    context = multiprocessing.get_context("fork")
    workers = [context.Process(target=_write, args=(path, w, 15)) for w in range(3)]
    for process in workers:
        process.start()
    for process in workers:
        process.join(60)
    assert [p.exitcode for p in workers] == [0, 0, 0]
    backend = EmbeddedBackend(path=path)
    assert backend.count() == 45
    assert backend.search(SearchQuery(text="镁合金", page_size=50)).total == 45
