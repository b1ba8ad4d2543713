"""Code a local gold-format file and print, per report, what is expected and what the coder gives
(actors, code, toll, place), marking the reports that are not perfect."""
import sys
from pathlib import Path
from dyads.coder import Coder
from dyads.evaluation.local import read_local, score_report, evaluate_local
from dyads.model import Article

reports = read_local([Path(sys.argv[1])])
coder = Coder.load()
arts = [Article(doc_id=r.id, text=r.text, date=r.date) for r in reports]
for r, coded in zip(reports, coder.code(arts)):
    v = score_report(r, list(coded.events))
    if v["perfect"] and "-a" not in sys.argv:
        continue
    print(f"== {r.id} {'ok' if v['perfect'] else 'MISS'} {v['counts']}\n   {r.text}")
    for e in r.events:
        print(f"   gold {e.source or '-'} -> {e.target} {e.code} k={e.fatalities} @ {(e.place or {}).get('name')}")
    for e in coded.events:
        t = e.fatalities
        k = (t.low if t.low is not None else t.high) if t else None
        print(f"   got  {e.source.code or '-'} -> {e.target.code if e.target else None} {e.code} k={k} @ {e.place.name if e.place else None}")
res = evaluate_local(reports, coder)
print({k: res[k] for k in ("found", "root_fits", "actors", "placed", "toll_exact")})
