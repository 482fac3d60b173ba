"""The portal under load: production settings, gunicorn on loopback, the demo's data, wrk.

    python -m benchmarks.load [--database-url postgres://...] [--levels 1,4,16,32]
        [--seconds 10] [--workers 3]

Prepares a portal as production runs it (``portal.settings.production``; gunicorn; static files
collected; a throwaway ``PORTAL_VAR_DIR`` for the search index and uploads), on the database
``--database-url`` names (default: ``DATABASE_URL``; PostgreSQL for figures that mean something,
SQLite works too), migrated and seeded with the demo when it has no outcomes yet. Then, for
each page below and each concurrency of ``--levels``, runs wrk (Debian's package) for
``--seconds`` against it and reads requests a second, p50, p99 and the errors (non-2xx/3xx
answers, timeouts and socket errors) from wrk's own report:

- the home page; ``/outcomes/`` with filters; ``/search/`` with a short and with a long query;
  a need's page; a need's suggestions from the API; ``/dashboard/``;
- logged-in writes as the demo's people: a need draft (demo_enterprise, the need form) and a
  contract draft with its signed PDF (demo_university, the contract form), each request a new
  row; their bodies are the portal's own forms, filled once and checked to save before wrk
  repeats them.

Before anything is measured the mix runs for 5 s at twice the workers' number of connections,
unmeasured, so every gunicorn worker has loaded what it loads on first use, as on a server that
has run a while.

With ``--compare-cache`` the pages whose figures the shared cache keeps (home, dashboard) are
first measured on a server with the cache off (``CACHE_URL=dummycache://``), then on the
portal as configured, and printed side by side.

Prints a table (page, concurrency, rps, p50 ms, p99 ms, errors), then, for the mix of all pages
(wrk cycling through them), the highest concurrency whose p99 stays under 500 ms, as the last
line: ``rps=N p99_ms=X errors=E`` (at that concurrency; E counts every page's errors).
"""

import argparse
import html.parser
import json
import os
import re
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from http.cookiejar import CookieJar
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
P99_LIMIT_MS = 500.0

# wrk cycles through ``requests`` (method, path, headers, body) in each connection, and prints
# its summary as one JSON line at the end.
LUA = r"""
local requests = {}
local index = 0
init = function(args)
  local items = %s
  for i, item in ipairs(items) do
    requests[i] = wrk.format(item[1], item[2], item[3], item[4])
  end
end
request = function()
  index = index %% #requests + 1
  return requests[index]
end
done = function(summary, latency, requests_)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write
    + summary.errors.status + summary.errors.timeout
  io.write(string.format(
    '{"requests": %%d, "seconds": %%f, "p50": %%f, "p99": %%f, "errors": %%d, "status": %%d}\n',
    summary.requests, summary.duration / 1e6, latency:percentile(50) / 1000,
    latency:percentile(99) / 1000, errors, summary.errors.status))
end
"""


def lua_string(text: str) -> str:
    return "[==[" + text + "]==]" if "]==]" not in text else json.dumps(text)


def lua_requests(items: list[tuple[str, str, dict, str | None]]) -> str:
    rows = []
    for method, path, headers, body in items:
        # "[ " and " ]": "[[" would open a long string
        pairs = ", ".join(f"[ {lua_string(k)} ] = {lua_string(v)}" for k, v in headers.items())
        rows.append(
            f"{{{lua_string(method)}, {lua_string(path)}, {{{pairs}}}, "
            f"{lua_string(body) if body is not None else 'nil'}}}"
        )
    return "{" + ",\n".join(rows) + "}"


# -- the portal, as production runs it ----------------------------------------------------------


def portal_env(args, var_dir: Path) -> dict:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.production",
        "DATABASE_URL": args.database_url,
        "PORTAL_VAR_DIR": str(var_dir),
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "PORTAL_BASE_URL": f"http://127.0.0.1:{args.port}",
        # plain HTTP on loopback: no redirect to HTTPS, cookies sent without TLS
        "SECURE_SSL_REDIRECT": "false",
        "SESSION_COOKIE_SECURE": "false",
        "CSRF_COOKIE_SECURE": "false",
        "EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend",
        "EMAIL_HOST": "127.0.0.1",
        # the demo's matching without sentence vectors: the same pages, a quicker seed
        "MATCHING_SEMANTIC": "false",
        "LOG_LEVEL": "WARNING",
    }


def manage(env: dict, *command: str, capture: bool = False) -> str:
    result = subprocess.run(
        [sys.executable, "manage.py", *command],
        cwd=ROOT,
        env=env,
        check=True,
        text=True,
        stdout=subprocess.PIPE if capture else subprocess.DEVNULL,
    )
    return result.stdout or ""


def prepare(env: dict) -> dict:
    """Migrate, seed when empty, collect static files, index; the ids the pages need."""
    manage(env, "migrate", "--noinput", "-v0")
    facts = json.loads(manage(env, "shell", "--no-imports", "-c", FACTS, capture=True))
    if not facts["outcomes"]:
        print("seeding the demo (a few minutes)…", flush=True)
        # seed_demo refuses production settings (a guard for real sites): seeded as in
        # development, into the same database and folder, then served as in production
        manage({**env, "DJANGO_SETTINGS_MODULE": "portal.settings.dev"}, "seed_demo")
        facts = json.loads(manage(env, "shell", "--no-imports", "-c", FACTS, capture=True))
    manage(env, "collectstatic", "--noinput", "-v0")
    manage(env, "rebuild_search_index", "--no-progress")
    return facts


FACTS = """
import json
from cms.models import OutcomePage
from market.needs.models import Need
from taxonomy.models import Term
need = (
    Need.objects.filter(status="published", created_by__username="demo_enterprise").first()
    or Need.objects.filter(status="published").order_by("pk").first()
)
field = Term.objects.filter(vocabulary="tech_field").order_by("position").first()
print(json.dumps({
    "outcomes": OutcomePage.objects.live().count(),
    "need": need.pk if need else None,
    "need_title": need.title if need else "",
    "field": field.code if field else "",
}))
"""


class Server:
    def __init__(self, env: dict, port: int, workers: int, log: Path):
        self.log = open(log, "w")  # noqa: SIM115 - open while the server runs
        self.process = subprocess.Popen(
            [
                str(Path(sys.executable).parent / "gunicorn"),
                "portal.wsgi:application",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                str(workers),
                "--timeout",
                "60",
            ],
            cwd=ROOT,
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        self.base = f"http://127.0.0.1:{port}"

    def wait(self) -> None:
        for _ in range(120):
            if self.process.poll() is not None:
                raise SystemExit(f"gunicorn stopped; see {self.log.name}")
            try:
                urllib.request.urlopen(self.base + "/healthz", timeout=5)
                return
            except OSError:
                time.sleep(1)
        raise SystemExit("the portal did not answer /healthz in two minutes")

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
        self.log.close()


# -- logged-in writes: the portal's own forms, filled once -------------------------------------


class FormReader(html.parser.HTMLParser):
    """The fields of the form that posts to ``action`` (or the page's first post form)."""

    def __init__(self):
        super().__init__()
        self.fields: list[tuple[str, str, str]] = []  # (name, type, value)
        self.choices: dict[str, list[str]] = {}
        self._select = None
        self._in_form = False
        self._done = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        # the page's own form posts back to the page: no action (the header's forms have one)
        if tag == "form" and not self._done and (a.get("method") or "").lower() == "post":
            self._in_form = not a.get("action")
        if not self._in_form:
            return
        if tag == "input" and a.get("name"):
            kind = (a.get("type") or "text").lower()
            if kind in ("checkbox", "radio"):
                self.choices.setdefault(a["name"], []).append(a.get("value", "on"))
            elif kind not in ("submit", "button"):
                self.fields.append((a["name"], kind, a.get("value", "")))
        elif tag == "textarea" and a.get("name"):
            self.fields.append((a["name"], "textarea", ""))
        elif tag == "select" and a.get("name"):
            self._select = a["name"]
            self.choices.setdefault(self._select, [])
        elif tag == "option" and self._select is not None and a.get("value"):
            self.choices[self._select].append(a["value"])

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "form" and self._in_form:
            self._in_form = False
            self._done = True


def fill(page: str, values: dict[str, str]) -> tuple[list[tuple[str, str]], list[str]]:
    """Form data for a page's post form: hidden values kept, ``values`` by name, the first
    choice of every select and choice group not given; and the names of file inputs."""
    reader = FormReader()
    reader.feed(page)
    data, files = [], []
    for name, kind, value in reader.fields:
        if kind == "file":
            files.append(name)
        elif name in values:
            data.append((name, values[name]))
        elif kind == "hidden" or value:
            data.append((name, value))
    for name, options in reader.choices.items():
        if name in values:
            if not any(n == name for n, _v in data):
                data.append((name, values[name]))
        elif options:
            data.append((name, options[0]))
    return data, files


def multipart(data: list[tuple[str, str]], files: dict[str, tuple[str, bytes, str]]):
    """A multipart body, as a str of its bytes (latin-1: one character a byte), and its type."""
    boundary = "----portal-load-" + secrets.token_hex(8)
    body = b""
    for name, value in data:
        body += (
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'
        ).encode()
    for name, (filename, content, mime) in files.items():
        body += (
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
            f'filename="{filename}"\r\nContent-Type: {mime}\r\n\r\n'
        ).encode()
        body += content + b"\r\n"
    body += f"--{boundary}--\r\n".encode()
    return body.decode("latin-1"), f"multipart/form-data; boundary={boundary}"


class Browser:
    def __init__(self, base: str):
        self.base = base
        self.jar = CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.jar), NoRedirect()
        )

    def cookie(self, name: str) -> str:
        return next((c.value for c in self.jar if c.name == name), "")

    def get(self, path: str) -> str:
        with self.opener.open(self.base + path, timeout=30) as response:
            return response.read().decode()

    def post(self, path: str, body: str | bytes, content_type: str) -> tuple[int, str]:
        request = urllib.request.Request(
            self.base + path,
            data=body.encode("latin-1") if isinstance(body, str) else body,
            headers={
                "Content-Type": content_type,
                "Referer": self.base + path,
                "X-CSRFToken": self.cookie("csrftoken"),
            },
        )
        try:
            with self.opener.open(request, timeout=60) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode(errors="replace")

    def log_in(self, username: str, password: str) -> None:
        page = self.get("/accounts/login/")
        data, _files = fill(page, {"username": username, "password": password})
        status, _page = self.post(
            "/accounts/login/",
            urllib.parse.urlencode(data),
            "application/x-www-form-urlencoded",
        )
        if status != 302:
            raise SystemExit(f"could not log in as {username} (HTTP {status})")

    def headers(self, content_type: str, path: str) -> dict:
        cookies = "; ".join(f"{c.name}={c.value}" for c in self.jar)
        return {
            "Cookie": cookies,
            "Content-Type": content_type,
            "Referer": self.base + path,
            "X-CSRFToken": self.cookie("csrftoken"),
        }


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]"
    b"/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


def write_requests(base: str, password: str):
    """The two logged-in writes, each checked to save once (a redirect) before wrk repeats it,
    and the enterprise's headers for the reads that need a login (its need's suggestions)."""
    import datetime

    from accounts.credit_code import make_credit_code

    soon = (datetime.date.today() + datetime.timedelta(days=90)).isoformat()
    past = (datetime.date.today() - datetime.timedelta(days=10)).isoformat()
    writes = []

    enterprise = Browser(base)
    enterprise.log_in("demo_enterprise", password)
    page = enterprise.get("/needs/new/")
    data, _files = fill(
        page,
        {
            "title": "注塑件表面缩痕控制",
            "summary": "寻求减少厚壁注塑件表面缩痕的工艺方案。",
            "description": "现有PP厚壁件表面缩痕明显，希望优化保压与模温，合格率提到98%以上。",
            "deadline": soon,
            "budget_min_wan": "10",
            "budget_max_wan": "30",
            "contact_name": "王工",
            "contact_phone": "13855501234",
            "contact_email": "wang@firm.example.com",
            "confidentiality": "public",
        },
    )
    body = urllib.parse.urlencode(data)
    kind = "application/x-www-form-urlencoded"
    status, answer = enterprise.post("/needs/new/", body, kind)
    if status == 302:
        writes.append(("POST", "/needs/new/", enterprise.headers(kind, "/needs/new/"), body))
    else:
        print(f"the need form did not save (HTTP {status}): {form_errors(answer)}", flush=True)

    university = Browser(base)
    university.log_in("demo_university", password)
    page = university.get("/contracts/new/")
    data, files = fill(
        page,
        {
            "name": "注塑工艺优化技术服务合同",
            "buyer_name": "鹤壁天海电器有限公司",
            "buyer_credit_code": make_credit_code("91410600MA44W7XK2"),
            "signed_on": past,
            "term_start": past,
            "term_end": soon,
            "contract_amount": "150000",
            "declared_transaction_amount": "120000",
            "buyer_region": "410611",
        },
    )
    body, kind = multipart(data, dict.fromkeys(files, ("contract.pdf", PDF, "application/pdf")))
    status, answer = university.post("/contracts/new/", body, kind)
    if status == 302:
        writes.append(
            ("POST", "/contracts/new/", university.headers(kind, "/contracts/new/"), body)
        )
    else:
        print(f"the contract form did not save (HTTP {status}): {form_errors(answer)}", flush=True)
    reader = {"GET": enterprise.headers("text/html", "/")}
    return writes, reader["GET"]


def form_errors(page: str) -> str:
    """The error messages a form page shows, for the report."""
    pattern = r'class="(?:error|error-box|errorlist)"[^>]*>(.*?)</(?:p|div|ul)>'
    found = re.findall(pattern, page, re.S)
    text = " ".join(re.sub(r"<[^>]+>", " ", f) for f in found)
    return " ".join(text.split())[:500] or "no message found"


# -- wrk ----------------------------------------------------------------------------------------


def wrk(base: str, items, connections: int, seconds: int, folder: Path) -> dict:
    script = folder / "requests.lua"
    # bodies are strs of their bytes (latin-1), and everything else is ASCII
    script.write_text(LUA % lua_requests(items), encoding="latin-1")
    result = subprocess.run(
        [
            "wrk",
            f"--threads={min(connections, 2)}",
            f"--connections={connections}",
            f"--duration={seconds}s",
            "--timeout=10s",
            f"--script={script}",
            base,
        ],
        capture_output=True,
        text=True,
    )
    lines = [li for li in result.stdout.splitlines() if li.startswith('{"requests"')]
    if result.returncode != 0 or not lines:
        raise SystemExit(f"wrk failed:\n{result.stdout}\n{result.stderr}")
    line = lines[0]
    summary = json.loads(line)
    summary["rps"] = summary["requests"] / summary["seconds"]
    return summary


# The pages whose figures the shared cache keeps (portal.caching), for --compare-cache.
CACHED_PAGES = {"home": "/", "dashboard": "/dashboard/"}


def compare_cache(args, env: dict, levels: list[int], folder: Path) -> dict:
    """The cached pages measured on a server whose cache keeps nothing (CACHE_URL=dummycache)."""
    off = {**env, "CACHE_URL": "dummycache://"}
    server = Server(off, args.port, args.workers, folder / "server-without-cache.log")
    results = {}
    try:
        server.wait()
        for name, path in CACHED_PAGES.items():
            for level in levels:
                items = [("GET", path, {}, None)]
                results[name, level] = wrk(server.base, items, level, args.seconds, folder)
    finally:
        server.stop()
    return results


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL", ""))
    parser.add_argument("--levels", default="1,4,16,32")
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--workers", type=int, default=(os.cpu_count() or 1) * 2 + 1)
    parser.add_argument("--port", type=int, default=8777)
    parser.add_argument("--password", default=os.environ.get("DEMO_PASSWORD", "demo12345"))
    parser.add_argument(
        "--compare-cache",
        action="store_true",
        help="first measure the cached pages with the cache off (a second server)",
    )
    args = parser.parse_args(argv)
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is not installed (Debian: apt-get install wrk)")
    folder = Path(tempfile.mkdtemp(prefix="portal-load-"))
    if not args.database_url:
        args.database_url = f"sqlite:///{folder / 'portal.sqlite3'}"
        print("no DATABASE_URL: a throwaway SQLite database (PostgreSQL is what production runs)")
    levels = [int(n) for n in args.levels.split(",")]
    env = portal_env(args, folder / "var")
    os.chdir(ROOT)
    facts = prepare(env)
    without_cache = compare_cache(args, env, levels, folder) if args.compare_cache else {}
    server = Server(env, args.port, args.workers, folder / "server.log")
    try:
        server.wait()
        reads = {
            "home": "/",
            "outcomes filtered": f"/outcomes/?tech_field={facts['field']}&sort=newest",
            "search short": "/search/?q=" + urllib.parse.quote("镁合金"),
            "search long": "/search/?q="
            + urllib.parse.quote("镁合金压铸件气孔率高，希望引进真空压铸或熔体净化技术降低废品率"),
            "need page": f"/needs/{facts['need']}/",
            "suggestions API": f"/api/v1/needs/{facts['need']}/suggestions/",
            "dashboard": "/dashboard/",
        }
        writes, member = write_requests(server.base, args.password)
        member = {"Cookie": member["Cookie"]}
        pages = {
            name: [("GET", path, member if "API" in name else {}, None)]
            for name, path in reads.items()
        }
        names = {"/needs/new/": "need draft (write)", "/contracts/new/": "contract draft (write)"}
        for item in writes:
            pages[names[item[1]]] = [item]
        for name, items in pages.items():  # every page answers before it is measured
            summary = wrk(server.base, items, 1, 1, folder)
            if summary["errors"]:
                raise SystemExit(f"{name} answers errors before any load; see {folder}")
        # Warm every worker process (the search index opened, the analyzer's dictionary and the
        # templates loaded on first use) as a server that has run a while is: not measured.
        warm = [item for items in pages.values() for item in items]
        wrk(server.base, warm, 2 * args.workers, 5, folder)

        print(f"\n{'page':26}{'conc':>6}{'rps':>9}{'p50 ms':>9}{'p99 ms':>9}{'errors':>8}")
        for name, items in pages.items():
            for level in levels:
                s = wrk(server.base, items, level, args.seconds, folder)
                print(
                    f"{name:26}{level:6d}{s['rps']:9.1f}{s['p50']:9.1f}{s['p99']:9.1f}"
                    f"{s['errors']:8d}",
                    flush=True,
                )
        mix = [item for items in pages.values() for item in items]
        best = None
        for level in levels:
            s = wrk(server.base, mix, level, args.seconds, folder)
            print(
                f"{'mix of all':26}{level:6d}{s['rps']:9.1f}{s['p50']:9.1f}{s['p99']:9.1f}"
                f"{s['errors']:8d}",
                flush=True,
            )
            if s["p99"] < P99_LIMIT_MS:
                best = s
        if without_cache:
            print(f"\n{'cache off / on':26}{'conc':>6}{'rps':>15}{'p50 ms':>15}{'p99 ms':>15}")
            for name, path in CACHED_PAGES.items():
                for level in levels:
                    off = without_cache[name, level]
                    on = wrk(server.base, [("GET", path, {}, None)], level, args.seconds, folder)
                    print(
                        f"{name:26}{level:6d}"
                        + "".join(f"{off[k]:7.1f}/{on[k]:<7.1f}" for k in ("rps", "p50", "p99")),
                        flush=True,
                    )
        print()
        if best is None:
            print("rps=0 p99_ms=inf errors=0 (p99 over 500 ms at every concurrency)")
        else:
            print(f"rps={best['rps']:.1f} p99_ms={best['p99']:.1f} errors={best['errors']}")
    finally:
        server.stop()
        if "--keep" not in (argv or sys.argv):
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
