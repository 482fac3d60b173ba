"""Signals that let apps above market react to a need's life (matching stores suggestions).

Both are sent inside the transaction that changes the need. A receiver does nothing slow there:
it enqueues a background task for after the commit (background.tasks.enqueue_on_commit), and a
task that reads the search index brings it up to date for the need first (matching.tasks).
Argument: ``need``.
"""

from django.dispatch import Signal

need_published = Signal()
need_closed = Signal()  # withdrawn, solved or expired
