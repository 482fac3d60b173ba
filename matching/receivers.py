"""What matching does when a need or an outcome is published or withdrawn: it enqueues the
stored suggestions' refresh (matching.tasks) for after the commit, nothing more."""

from wagtail.signals import page_published, page_unpublished

from background.tasks import enqueue_on_commit
from cms.models import OutcomePage
from market.needs import signals as market_signals
from matching import tasks


def _on_need_published(sender, need, **kwargs):
    enqueue_on_commit(tasks.after_need_published, need.pk)


def _on_need_closed(sender, need, **kwargs):
    enqueue_on_commit(tasks.forget_need, need.pk)


def _on_outcome_published(sender, instance, **kwargs):
    enqueue_on_commit(tasks.after_outcome_published, instance.pk)


def _on_outcome_unpublished(sender, instance, **kwargs):
    enqueue_on_commit(tasks.forget_outcome, instance.pk)


def connect() -> None:
    """Called from MatchingConfig.ready(). Each publication enqueues its task after the commit;
    the task indexes its item itself first, so nothing depends on the order of callbacks or of
    INSTALLED_APPS."""
    market_signals.need_published.connect(_on_need_published, dispatch_uid="matching-need-pub")
    market_signals.need_closed.connect(_on_need_closed, dispatch_uid="matching-need-closed")
    page_published.connect(
        _on_outcome_published, sender=OutcomePage, dispatch_uid="matching-outcome-published"
    )
    page_unpublished.connect(
        _on_outcome_unpublished, sender=OutcomePage, dispatch_uid="matching-outcome-unpub"
    )
