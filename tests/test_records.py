"""The typed records hold exactly what the compute stage produces."""
from __future__ import annotations

from typing import get_type_hints

from actsite.compute.records import ExplorerCurve, ExplorerData, Record


def test_record_keeps_every_property(records):
    for act_id, data in records.items():
        rec = Record.from_json(data)
        assert rec.properties.to_json() == data["properties"], act_id
        assert (rec.data.x, rec.data.y, rec.data.dy) == (data["x"], data["y"], data["dy"])
        assert (rec.sweep is not None) == ("sweep" in data) and (rec.approximation is not None) == ("approximation" in data)


def test_explorer_json_is_what_the_types_say(catalog):
    from actsite.compute.explorer import explorer_data
    by_id = {a.id: a for a in catalog}
    for act_id in ("relu", "leakyrelu", "threshold"):
        data = explorer_data(by_id[act_id])
        assert set(data) == set(get_type_hints(ExplorerData))
        for curve in data["curves"]:
            assert set(curve) == set(get_type_hints(ExplorerCurve))
        assert len(data["curves"]) == max(1, len(data["values"]))
