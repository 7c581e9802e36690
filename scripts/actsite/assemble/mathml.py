"""LaTeX to MathML at build time: no JavaScript, no network, read by screen readers."""
from __future__ import annotations

import html
import re

from latex2mathml.converter import convert

# latex2mathml writes \operatorname{ReLU} and \max as operators (<mo>); MathML
# Core wants names as identifiers, which also gives them the right spacing.
_NAME = re.compile(r"<mo>([A-Za-z]{2,})</mo>")
# \operatorname{ReLU6}, a name with a digit, comes out as an empty <mo/> and one
# identifier per letter (set in italics): joined back into one upright name.
_SPLIT_NAME = re.compile(r"<mo ?/><mrow>((?:<mi>[A-Za-z]</mi>|<mn>[0-9]+</mn>)+)</mrow>")
# f' comes out as a superscript prime, raised twice; the prime glyph is
# already raised, so it is set inline after the name, as in print.
_PRIMED = re.compile(r"<msup>(<mi>[^<]*</mi>)<mi>&#x02032;</mi></msup>")


def mathml(latex: str, block: bool = False) -> str:
    out = convert(latex, display="block" if block else "inline")
    out = _SPLIT_NAME.sub(lambda m: "<mi>" + re.sub(r"<[^>]+>", "", m.group(1)) + "</mi>", out)
    out = _NAME.sub(r"<mi>\1</mi>", out)
    out = _PRIMED.sub(r'\1<mo lspace="0" rspace="0">&#x02032;</mo>', out)
    # The LaTeX source rides along as alttext, for assistive tools and copying.
    # A block formula scrolls sideways when wider than the screen: focusable,
    # so it scrolls from the keyboard too.
    focus = ' tabindex="0"' if block else ""
    return out.replace(" display=", f' alttext="{html.escape(latex, quote=True)}"{focus} display=', 1)


_MATH = re.compile(r"<math\b[^>]*>(.*?)</math>", re.S)


def math_text(files: dict[str, bytes]) -> str:
    """Every character the formulas of these pages show (their MathML's text)."""
    out = []
    for path, data in files.items():
        if path.endswith(".md"):
            for inner in _MATH.findall(data.decode("utf-8")):
                out.append(html.unescape(re.sub(r"<[^>]+>", "", inner)))
    return "".join(out)
