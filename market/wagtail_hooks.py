"""Wagtail loads this module of every app: it loads the workbench wiring of market's two rooms."""

from market.contracts import wagtail_hooks as contracts_hooks
from market.needs import wagtail_hooks as needs_hooks

__all__ = ["contracts_hooks", "needs_hooks"]
