"""Signals that let apps above market react to a need's life (matching stores suggestions).

Both are sent inside the transaction that changes the need, after its re-indexing was scheduled
for the commit; a receiver that reads the search index acts with ``transaction.on_commit``, so
it runs after the index is up to date. Argument: ``need``.
"""

from django.dispatch import Signal

need_published = Signal()
need_closed = Signal()  # withdrawn, solved or expired
