"""Signals that let apps above accounts attach their own permissions to role groups."""

from django.dispatch import Signal

# Sent once when the group for (organization, role) is created; arguments: role_group.
role_group_created = Signal()
