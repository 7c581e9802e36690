"""The explorer widget: plain HTML controls that work from the keyboard, and
an index of the functions for explorer.js, which fetches each function's data
(explorer/<id>.json) only when it is shown. Pure text work."""
from __future__ import annotations

import html
import json
import posixpath

from ..compute.grids import DX, N, X0, slider_values
from ..declare.catalog import Activation
from .pages import page_url
from ..declare.strings import Strings
from .text import num

DATA = "assets/explorer"  # folder of the data files, from the docs root


def widget(page: str, acts: list[Activation], selected: tuple[str, ...], saturation: float, s: Strings) -> str:
    """The controls, an empty plot for explorer.js, and its index of the functions."""
    lo, hi = X0, X0 + DX * (N - 1)
    raw = s.section("explorer")  # explorer.js fills their fields
    words = {k: raw[k] for k in ("at", "none")}
    index = {"data": posixpath.relpath(DATA, page_url(page) or ".") + "/", "selected": list(selected), "words": words,
             "names": {a.id: a.name[s.lang] for a in acts}}
    boxes = []
    for family in dict.fromkeys(a.family for a in acts):  # in site order, as acts are
        members = [a for a in acts if a.family == family]
        if not members:
            continue
        items = "".join(
            f'<label><input type="checkbox" name="function" value="{a.id}"'
            f'{" checked" if a.id in selected else ""}> {html.escape(a.name[s.lang])}</label>'
            for a in members)
        boxes.append(f'<div class="explorer-family"><span>{html.escape(s(f"families.{family}"))}</span>{items}</div>')
    params = []
    for act in acts:
        name, values, default, symbol = slider_values(act)
        if name is None:
            continue
        params.append(
            f'<div class="explorer-param" data-id="{act.id}" hidden><label>'
            f'<span>{html.escape(act.name[s.lang])}: {symbol} = <output>{num(values[default])}</output></span>'
            f'<input type="range" min="0" max="{len(values) - 1}" step="1" value="{default}" '
            f'data-values="{html.escape(json.dumps(values))}" data-symbol="{symbol}" '
            f'aria-valuetext="{symbol} = {num(values[default])}"></label></div>')
    label = s("explorer.plot_label", lo=num(lo), hi=num(hi))
    return (
        '<div class="explorer" id="explorer">'
        f'<script type="application/json" class="explorer-index">{json.dumps(index, ensure_ascii=False)}</script>'
        # the view comes first: on a phone it stays at the top while the controls scroll under it,
        # on a wide screen it stays beside them (site.css)
        '<div class="explorer-view">'
        f'<svg class="explorer-plot" tabindex="0" role="img" aria-label="{html.escape(label)}" '
        f'viewBox="0 0 720 400" data-lo="{lo!r}" data-hi="{hi!r}" data-dx="{DX!r}" data-n="{N}"></svg>'
        '<ul class="explorer-legend"></ul>'
        f'<p class="explorer-readout" aria-live="polite">{html.escape(s("explorer.hint"))}</p></div>'
        '<div class="explorer-controls">'
        f'<fieldset class="explorer-functions"><legend>{html.escape(s("explorer.functions"))}</legend>{"".join(boxes)}</fieldset>'
        f'<fieldset class="explorer-show"><legend>{html.escape(s("explorer.show"))}</legend>'
        f'<label><input type="checkbox" name="show" value="y" checked> {s("explorer.f")}</label>'
        f'<label><input type="checkbox" name="show" value="dy"> {s("explorer.df")}</label>'
        f'<label><input type="checkbox" name="show" value="zones" checked> '
        f'{html.escape(s("explorer.zones", threshold=num(saturation)))}</label></fieldset>'
        f'<fieldset class="explorer-params"><legend>{html.escape(s("explorer.parameters"))}</legend>'
        f'<p class="explorer-no-params">{html.escape(s("explorer.no_params"))}</p>{"".join(params)}</fieldset>'
        '</div>'
        f'<noscript><p>{html.escape(s("explorer.noscript"))}</p></noscript>'
        '</div>\n'
    )
