"""Search backends behind one interface; settings.SEARCH_BACKEND chooses one."""

import threading

from django.conf import settings
from django.utils.module_loading import import_string

from search.backends.base import SearchBackend, SearchUnavailable

__all__ = ["SearchBackend", "SearchUnavailable", "get_backend", "reset_backend"]

_backend: SearchBackend | None = None
_lock = threading.Lock()


def get_backend() -> SearchBackend:
    """The configured backend (one instance per process)."""
    global _backend
    if _backend is None:
        with _lock:
            if _backend is None:
                config = dict(settings.SEARCH_BACKEND)
                backend_class = import_string(config.pop("BACKEND"))
                _backend = backend_class(**{k.lower(): v for k, v in config.items()})
    return _backend


def reset_backend() -> None:
    """Forget the backend instance (tests switch settings; commands rebuild)."""
    global _backend
    with _lock:
        if _backend is not None:
            _backend.close()
        _backend = None
