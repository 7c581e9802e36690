"""Lighthouse (mobile) on each kind of page of the built site, served as GitHub Pages serves it.

    python scripts/benchmark_phone.py [--site site] [--lighthouse PATH] [--runs 3]

Serves the site under the path it is published at, with gzip for text (as
GitHub Pages does), runs Lighthouse's default mobile audit (simulated
throttling) in Debian's headless Chromium on one page of each kind, and prints
its four scores with the bytes transferred, LCP and TBT: the median of
``--runs`` audits of each page (a performance score moves by several hundredths
from one run to the next), with the lowest and highest performance score. Lighthouse is not
part of requirements.txt: `npm i lighthouse@12.2.3` and pass the path of its
`lighthouse` command (default: node_modules/.bin/lighthouse). Scores are
measured, never asserted; the byte budget is held by tests/test_site.py.
"""
from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from actsite.tools.budget import first_load  # noqa: E402
from actsite.tools.links import published_path  # noqa: E402

PAGES = {  # one page of each kind
    "home": "",
    "function (en)": "activations/relu/",
    "function (zh)": "zh/activations/relu/",
    "compare": "compare/",
    "advice": "advice/",
    "experiment": "experiments/gradients/",
    "explorer": "explorer/",
    "kinks": "kinks/",
    "beyond": "beyond/softmax/",
}
GZIPPED = {".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".map"}  # what GitHub Pages compresses


def serve(site: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    prefix = published_path(site)

    class Pages(http.server.SimpleHTTPRequestHandler):
        def translate_path(self, path):
            path = path.split("?", 1)[0]
            return super().translate_path("/" + path[len(prefix):]) if path.startswith(prefix) else "/missing"

        def send_head(self):
            path = Path(self.translate_path(self.path))
            if path.is_dir():
                path = path / "index.html"
            if path.suffix in GZIPPED and path.is_file() and "gzip" in self.headers.get("Accept-Encoding", ""):
                body = gzip.compress(path.read_bytes(), 6, mtime=0)
                self.send_response(200)
                self.send_header("Content-Type", self.guess_type(str(path)))
                self.send_header("Content-Encoding", "gzip")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                return _Body(body)
            return super().send_head()

        def log_message(self, *args):
            pass

    class Server(http.server.ThreadingHTTPServer):
        def handle_error(self, request, client_address):
            if not isinstance(sys.exc_info()[1], ConnectionError):  # Lighthouse closes connections early
                super().handle_error(request, client_address)

    httpd = Server(("127.0.0.1", 0), functools.partial(Pages, directory=str(site)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd, f"http://127.0.0.1:{httpd.server_address[1]}{prefix}"


class _Body:
    def __init__(self, data: bytes):
        self.data = data

    def read(self, *_):
        data, self.data = self.data, b""
        return data

    def close(self):
        pass


def audit(lighthouse: str, url: str, out: Path) -> dict:
    subprocess.run([lighthouse, url, "--quiet", "--output=json", f"--output-path={out}",
                    "--chrome-flags=--headless=new --no-sandbox --disable-gpu"],
                   check=True, env=dict(os.environ, CHROME_PATH=os.environ.get("CHROME_PATH", "/usr/bin/chromium")))
    report = json.loads(out.read_text(encoding="utf-8"))
    score = {k: report["categories"][k]["score"] for k in ("performance", "accessibility", "best-practices", "seo")}
    audits = report["audits"]
    return score | {"bytes": audits["total-byte-weight"]["numericValue"],
                    "lcp": audits["largest-contentful-paint"]["numericValue"],
                    "tbt": audits["total-blocking-time"]["numericValue"],
                    "failed": [k for k, a in audits.items() if a.get("score") == 0 and a.get("scoreDisplayMode") == "binary"]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--site", type=Path, default=ROOT / "site")
    parser.add_argument("--lighthouse", default=str(ROOT / "node_modules/.bin/lighthouse"))
    parser.add_argument("--runs", type=int, default=3, help="audits of each page (default 3)")
    args = parser.parse_args()
    httpd, base = serve(args.site.resolve())
    # KB: what Lighthouse saw transferred; counted: the first load as tests/test_budget.py counts it
    print(f"{'page':<16}{'perf':>6}{'range':>11}{'a11y':>6}{'best':>6}{'seo':>6}{'KB':>8}{'counted':>8}"
          f"{'LCP s':>8}{'TBT ms':>8}  failed audits   (medians of {args.runs} runs)")
    with tempfile.TemporaryDirectory() as tmp:
        for kind, path in PAGES.items():
            runs = [audit(args.lighthouse, base + path, Path(tmp) / "report.json") for _ in range(args.runs)]
            r = {k: statistics.median(run[k] for run in runs) for k in runs[0] if k != "failed"}
            perf = [run["performance"] for run in runs]
            failed = sorted({a for run in runs for a in run["failed"]})
            print(f"{kind:<16}{r['performance']:>6.2f}{f'{min(perf):.2f}-{max(perf):.2f}':>11}"
                  f"{r['accessibility']:>6.2f}{r['best-practices']:>6.2f}"
                  f"{r['seo']:>6.2f}{r['bytes'] / 1024:>8.0f}{first_load(args.site, path).total / 1024:>8.0f}"
                  f"{r['lcp'] / 1000:>8.1f}{r['tbt']:>8.0f}  "
                  f"{', '.join(failed) or '-'}", flush=True)
    httpd.shutdown()


if __name__ == "__main__":
    main()
