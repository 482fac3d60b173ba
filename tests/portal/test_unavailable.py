"""When a part is down the portal answers plainly at once: a full disk refuses an upload with a
clear message and keeps nothing of it; an unreachable database gives a plain 503 and the site
recovers by itself."""

import contextlib
import errno
import json
import subprocess
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import OperationalError, connection
from django.urls import reverse

from market.needs.models import Need, NeedAttachment
from tests.market.test_need_pages import form_data


@pytest.fixture
def small_disk(tmp_path):
    """A real 256 KB file system (tmpfs), filled to its last few KB."""
    mount = tmp_path / "disk"
    mount.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", str(mount)], capture_output=True
    )
    if done.returncode != 0:
        pytest.skip("mounting a small file system needs root (CI runs as root)")
    try:
        filler = mount / "filler"
        with contextlib.suppress(OSError), filler.open("wb") as f:
            while True:
                f.write(b"\0" * 4096)
                f.flush()
        size = filler.stat().st_size
        with filler.open("r+b") as f:  # leave 16 KB: room for a start, not for a whole file
            f.truncate(size - 16 * 1024)
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def _point_private_files_at(monkeypatch, folder: Path):
    storage = NeedAttachment._meta.get_field("file").storage
    monkeypatch.setattr(storage, "base_location", str(folder), raising=False)
    monkeypatch.setattr(storage, "location", str(folder), raising=False)


def _files_in(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file())


def test_a_full_disk_refuses_an_upload_plainly_and_keeps_nothing(
    client, member_a, small_disk, monkeypatch
):
    _point_private_files_at(monkeypatch, small_disk)
    client.force_login(member_a)
    pdf = b"%PDF-1.7\n" + b"0" * 200 * 1024
    upload = SimpleUploadedFile("工艺说明.pdf", pdf, content_type="application/pdf")

    response = client.post(reverse("market:need_create"), {**form_data(), "attachments": upload})

    assert response.status_code == 507
    page = response.content.decode()
    assert "存储空间已满" in page and "没有保存" in page
    assert not Need.objects.exists() and not NeedAttachment.objects.exists()
    assert _files_in(small_disk) == ["filler"]  # no half-written file left

    # Room again (the administrators freed some): the same form saves.
    (small_disk / "filler").unlink()
    upload.seek(0)
    response = client.post(reverse("market:need_create"), {**form_data(), "attachments": upload})
    assert response.status_code == 302
    assert Need.objects.get().attachments.count() == 1


def test_the_api_says_so_in_json(client, member_a, small_disk, monkeypatch):
    from django.test import RequestFactory

    from portal.middleware import UnavailableMiddleware
    from portal.storage import DiskFull

    request = RequestFactory().post("/api/v1/needs/")
    response = UnavailableMiddleware(lambda r: None).process_exception(
        request, DiskFull(errno.ENOSPC, "full")
    )
    assert response.status_code == 507
    assert "存储空间已满" in json.loads(response.content)["detail"]


def test_an_unreachable_database_is_a_plain_503_and_the_next_request_is_served(
    client, db, monkeypatch
):
    real_cursor = connection.cursor
    down = {"now": True}

    def cursor(*args, **kwargs):
        if down["now"]:
            raise OperationalError("connection to server failed: Connection refused")
        return real_cursor(*args, **kwargs)

    monkeypatch.setattr(connection, "cursor", cursor)
    response = client.get("/needs/")
    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    assert "暂时无法连接数据库" in response.content.decode()

    down["now"] = False  # the database is back: no restart of the portal needed
    assert client.get("/needs/").status_code == 200
