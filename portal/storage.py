"""Files on the portal's disk: uploads never half-written when the disk is full.

``FileSystemStorage`` is Django's, except that a write failing for lack of space (ENOSPC, or a
quota: EDQUOT) removes the part it wrote and raises ``DiskFull``. The row that would have named
the file is not saved (a model saves its files before its row, and a service's transaction is
rolled back by the exception), and portal.middleware answers 507 with a plain message. Both
storages of settings.STORAGES use it: ``default`` (MEDIA_ROOT: images, documents) and
``private`` (PRIVATE_MEDIA_ROOT: need attachments, signed contracts, invoices).
"""

import contextlib
import errno
import os

from django.core.files import storage


class DiskFull(OSError):
    """No space left for an upload; nothing of it was kept."""


class FileSystemStorage(storage.FileSystemStorage):
    def _save(self, name, content):
        path = self.path(name)
        existed = os.path.exists(path)
        try:
            return super()._save(name, content)
        except OSError as error:
            if error.errno not in (errno.ENOSPC, errno.EDQUOT):
                raise
            if not existed:  # what this write began, never a file that was there before
                with contextlib.suppress(OSError):
                    os.remove(path)
            raise DiskFull(errno.ENOSPC, "no space left for an upload") from error
