"""Check every link of a built site: python scripts/check_links.py [site]
(the checker itself is actsite/tools/links.py)."""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from actsite.tools.links import main  # noqa: E402

raise SystemExit(main())
