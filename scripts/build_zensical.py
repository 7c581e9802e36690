"""Build the whole bilingual site with Zensical instead of MkDocs:

    python scripts/build_zensical.py [--site-dir site]

The same generated docs as `mkdocs build`, the same checks (links, the
search's labels), the same swap into place (actsite/adapters/zensical.py).
"""
import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from actsite.adapters.zensical import build  # noqa: E402
from actsite.errors import SiteError  # noqa: E402

parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
parser.add_argument("--site-dir", type=Path, default=ROOT / "site", help="where the site goes (default: site/)")
args = parser.parse_args()
try:
    build(ROOT, args.site_dir, lambda msg: print(msg, file=sys.stderr, flush=True))
except SiteError as exc:
    print(f"error: {exc}", file=sys.stderr)
    raise SystemExit(1)
