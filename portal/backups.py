"""Backups of the whole portal, and putting one back.

A backup is one ``.tar.gz`` holding:

- ``manifest.json``: when, which database engine, which migrations, and the facts a restore
  is checked against: the rows of every table, every money column's sum to the fen, and each
  registration point's last serial (so numbers stay gap-free after a restore);
- ``database.sqlite3`` (SQLite, by its online backup API: a consistent copy while the portal
  serves) or ``database.dump`` (PostgreSQL, ``pg_dump --format=custom``);
- ``media/`` (public uploads: images, documents) and ``private/`` (need attachments, signed
  contract PDFs), the two folders of files the database points to.

What a backup leaves out is derived from the database and rebuilt after a restore: the search
index (``rebuild_search_index``) and the stored suggestions and vectors (``refresh_matches``).
"""

import datetime
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections, models
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

FORMAT = 1
MANIFEST = "manifest.json"
FOLDERS = {"media": "MEDIA_ROOT", "private": "PRIVATE_MEDIA_ROOT"}


class BackupError(Exception):
    """A backup or a restore that could not be done; the message says why, in plain words."""


@dataclass
class Restored:
    manifest: dict
    facts: dict
    mismatches: list[str]


# -- the facts a restore is checked against ----------------------------------------------------


def _counted_models():
    for model in apps.get_models(include_auto_created=True):
        if model._meta.managed and not model._meta.proxy:
            yield model


def database_facts(using: str = DEFAULT_DB_ALIAS) -> dict:
    """Rows per table, each money (decimal) column's sum as a string to the fen, and each
    registration point's last serial."""
    rows, money = {}, {}
    tables = set(connections[using].introspection.table_names())
    for model in _counted_models():
        if model._meta.db_table not in tables:
            continue
        manager = model._base_manager.using(using)
        rows[model._meta.db_table] = manager.count()
        for field in model._meta.concrete_fields:
            if isinstance(field, models.DecimalField):
                total = manager.aggregate(total=models.Sum(field.attname))["total"]
                money[f"{model._meta.db_table}.{field.column}"] = str(
                    Decimal(total or 0).quantize(Decimal("0.01"))
                )
    counters = {}
    if "market_registrationcounter" in tables:
        counter = apps.get_model("market", "RegistrationCounter")
        for c in counter._base_manager.using(using).order_by("point", "year"):
            counters[f"{c.point}/{c.year}"] = c.last_serial
    return {"rows": rows, "money": money, "registration_counters": counters}


def compare(expected: dict, found: dict) -> list[str]:
    """What differs between two sets of facts, one line each (nothing when they agree)."""
    out = []
    for kind in ("rows", "money", "registration_counters"):
        want, have = expected.get(kind, {}), found.get(kind, {})
        for key in sorted(set(want) | set(have)):
            if want.get(key) != have.get(key):
                out.append(f"{kind} {key}: backup {want.get(key)}, now {have.get(key)}")
    return out


# -- the database ----------------------------------------------------------------------------


def _vendor(using: str) -> str:
    vendor = connections[using].vendor
    if vendor not in ("sqlite", "postgresql"):
        raise BackupError(f"backups support SQLite and PostgreSQL, not {vendor}")
    return vendor


def _pg_env(using: str) -> tuple[dict, list[str]]:
    params = connections[using].settings_dict
    env = {**os.environ}
    if params.get("PASSWORD"):
        env["PGPASSWORD"] = str(params["PASSWORD"])
    args = []
    for flag, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
        if params.get(key):
            args += [flag, str(params[key])]
    return env, [*args, "--dbname", str(params["NAME"])]


def _run(command: list[str], env: dict) -> None:
    tool = command[0]
    if shutil.which(tool) is None:
        raise BackupError(f"{tool} is not installed (Debian: apt-get install postgresql-client)")
    result = subprocess.run(command, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise BackupError(f"{tool} failed: {result.stderr.strip()[-2000:]}")


def _dump_database(using: str, folder: Path) -> str:
    if _vendor(using) == "sqlite":
        connection = connections[using]
        connection.ensure_connection()
        target = sqlite3.connect(folder / "database.sqlite3")
        try:
            connection.connection.backup(target)
        finally:
            target.close()
        return "database.sqlite3"
    env, args = _pg_env(using)
    _run(["pg_dump", "--format=custom", "--no-owner", "--no-privileges",
          "--file", str(folder / "database.dump"), *args], env)  # fmt: skip
    return "database.dump"


def _load_database(using: str, folder: Path, name: str) -> None:
    connection = connections[using]
    if _vendor(using) == "sqlite":
        if name != "database.sqlite3":
            raise BackupError("this backup was made on PostgreSQL; the portal runs on SQLite")
        source = sqlite3.connect(folder / name)
        try:
            connection.ensure_connection()
            source.backup(connection.connection)
        finally:
            source.close()
        return
    if name != "database.dump":
        raise BackupError("this backup was made on SQLite; the portal runs on PostgreSQL")
    connection.close()  # pg_restore drops the tables: no session of ours may hold them
    env, args = _pg_env(using)
    _run(["pg_restore", "--clean", "--if-exists", "--no-owner", "--no-privileges",
          "--single-transaction", *args, str(folder / name)], env)  # fmt: skip


# -- files -----------------------------------------------------------------------------------


def _folder(setting: str) -> Path | None:
    value = getattr(settings, setting, None)
    return Path(value) if value else None


def backup_create(destination: str | os.PathLike, *, using: str = DEFAULT_DB_ALIAS) -> Path:
    """Write a backup; ``destination`` is a folder (a dated file is made in it) or a file name
    ending in .tar.gz. Returns the archive's path."""
    destination = Path(destination)
    if destination.suffixes[-2:] != [".tar", ".gz"]:
        destination.mkdir(parents=True, exist_ok=True)
        stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
        destination = destination / f"portal-backup-{stamp}.tar.gz"
    destination.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="portal-backup-") as tmp:
        work = Path(tmp)
        database = _dump_database(using, work)
        recorder = MigrationRecorder(connections[using])
        applied = sorted(f"{app}.{name}" for app, name in recorder.applied_migrations())
        manifest = {
            "format": FORMAT,
            "created_at": timezone.now().isoformat(),
            "engine": connections[using].vendor,
            "database": database,
            "migrations": applied,
            "facts": database_facts(using),
            "folders": {},
        }
        partial = destination.with_name(destination.name + ".partial")
        with tarfile.open(partial, "w:gz") as archive:
            archive.add(work / database, arcname=database)
            for name, setting in FOLDERS.items():
                folder = _folder(setting)
                files = 0
                if folder and folder.is_dir():
                    for path in sorted(folder.rglob("*")):
                        if path.is_file():
                            archive.add(path, arcname=f"{name}/{path.relative_to(folder)}")
                            files += 1
                manifest["folders"][name] = files
            data = json.dumps(manifest, ensure_ascii=False, indent=1).encode()
            info = tarfile.TarInfo(MANIFEST)
            info.size = len(data)
            info.mtime = int(datetime.datetime.now().timestamp())
            archive.addfile(info, io.BytesIO(data))
        partial.replace(destination)  # never a half-written archive under the real name
    return destination


def read_manifest(archive_path: str | os.PathLike) -> dict:
    try:
        with tarfile.open(archive_path, "r:gz") as archive:
            member = archive.extractfile(MANIFEST)
            if member is None:
                raise KeyError(MANIFEST)
            manifest = json.loads(member.read())
    except (OSError, tarfile.TarError, KeyError, ValueError) as error:
        raise BackupError(f"{archive_path} is not a portal backup ({error})") from error
    if manifest.get("format") != FORMAT:
        raise BackupError(f"backup format {manifest.get('format')} is not {FORMAT}")
    return manifest


def backup_restore(archive_path: str | os.PathLike, *, using: str = DEFAULT_DB_ALIAS) -> Restored:
    """Put a backup back: the database, then the media and private folders (each replaced
    whole). Returns the manifest, the facts found afterwards and what differs from the
    backup's (nothing, when all went well). The search index and stored suggestions are the
    caller's to rebuild (the restore command does)."""
    manifest = read_manifest(archive_path)
    with tempfile.TemporaryDirectory(prefix="portal-restore-") as tmp:
        work = Path(tmp)
        with tarfile.open(archive_path, "r:gz") as archive:
            archive.extractall(work, filter="data")
        database = manifest["database"]
        if not (work / database).is_file():
            raise BackupError(f"the backup has no {database}")
        _load_database(using, work, database)
        for name, setting in FOLDERS.items():
            folder = _folder(setting)
            if folder is None:
                continue
            incoming = work / name
            replaced = folder.with_name(folder.name + ".before-restore")
            if folder.exists():
                if replaced.exists():
                    shutil.rmtree(replaced)
                folder.rename(replaced)
            if incoming.is_dir():
                shutil.copytree(incoming, folder)
            else:
                folder.mkdir(parents=True)
            if replaced.exists():
                shutil.rmtree(replaced)
    facts = database_facts(using)
    return Restored(manifest=manifest, facts=facts, mismatches=compare(manifest["facts"], facts))
