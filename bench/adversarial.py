"""Does coding cost stay linear in the size of the input, whatever the input? Time and peak memory
per MB of normal and of unpunctuated text, at 100 KB, 1 MB and 10 MB.

    python bench/adversarial.py [--sizes 0.1,1,10] [--kinds normal,unpunctuated]

Normal text: the real sentences of the event gold sets and the two samples, shuffled and
repeated, five to a paragraph. Unpunctuated: the same words without punctuation or line
breaks, one "sentence" as long as the input (what the issue measured: 22 s and 0.96 GB for
250 KB, 4.5 min and 3.0 GB for 1 MB).

Each run is a fresh child process that loads the coder, codes a small article to warm it up,
then reads the text as a .txt file is read (`make_article`: cleaning, title, dateline) and codes
it as ingest does (`dyads.workers.code_isolated`: the limits and the time budget of the default
`Settings`). It reports the CPU time of reading and of coding, and the peak resident memory while
coding above the memory of the warm coder (the peak is reset before, through
/proc/self/clear_refs). Over `max_article_chars` (1,000,000 characters) an input is coded up to
the limit and the rest only read: so 10 MB is run twice, as one input (over the limit) and as
ten articles of 1 MB (a corpus; coded whole), the second showing the cost of coding 10 MB.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

MB = 1_000_000
SAMPLES = Path("/work/shared/samples")
SENTENCES_A_PARAGRAPH = 5


def real_sentences() -> list[str]:
    """Every sentence of the event gold sets and of the two sample articles."""
    from dyads.coding.prefilter import sentence_spans
    from dyads.corpus.read import make_article

    texts = [json.loads(line)["text"] for path in sorted((ROOT / "tests" / "gold").glob("events-*.jsonl"))
             for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    samples = sorted(SAMPLES.glob("*.txt")) or sorted((ROOT / "examples").glob("*.txt"))
    texts += [make_article(p.read_text(encoding="utf-8"), origin=p.name).text for p in samples]
    sentences = []
    for text in texts:
        paragraph = " ".join(text.split())
        sentences += [paragraph[a:b].strip() for a, b in sentence_spans(paragraph)]
    return sentences


def normal_text(size: int, seed: int = 1) -> str:
    sentences, rnd, paragraphs, length = real_sentences(), random.Random(seed), [], 0
    while length < size:
        paragraph = " ".join(rnd.choice(sentences) for _ in range(SENTENCES_A_PARAGRAPH))
        paragraphs.append(paragraph)
        length += len(paragraph) + 1
    return "\n\n".join(paragraphs)[:size]  # paragraphs as `make_article` keeps them


def unpunctuated_text(size: int) -> str:
    """The normal text's words, without punctuation and line breaks: one line."""
    words = re.sub(r"[^\w\s]", "", normal_text(size + size // 10)).split()
    return " ".join(words)[:size]


TEXTS = {"normal": normal_text, "unpunctuated": unpunctuated_text}


# --- the child: one measured run ---------------------------------------------------------------

def rss_kib(field: str) -> int:
    status = Path("/proc/self/status").read_text()
    return int(re.search(rf"{field}:\s+(\d+)", status).group(1))  # type: ignore[union-attr]


def child(kind: str, size: int, articles: int) -> dict:
    from dyads.coder import Coder
    from dyads.corpus.read import make_article
    from dyads.model import Article
    from dyads.workers import code_isolated

    text = TEXTS[kind](size)
    coder = Coder.load()
    code_isolated([Article("warm", normal_text(5_000, seed=2))], coder)
    parts = [text[n * len(text) // articles:(n + 1) * len(text) // articles] for n in range(articles)]
    Path("/proc/self/clear_refs").write_text("5")  # peak memory from here
    before = rss_kib("VmRSS")
    started = time.process_time()
    read = [make_article(part, origin=f"{kind}-{n}.txt") for n, part in enumerate(parts)]
    reading = time.process_time() - started
    wall = time.perf_counter()
    coded, failures = code_isolated(read, coder)
    coding = time.process_time() - started - reading
    return {"kind": kind, "size": size, "articles": articles, "read_s": reading, "code_s": coding,
            "wall_s": time.perf_counter() - wall, "peak_mib": (rss_kib("VmHWM") - before) / 1024,
            "events": sum(len(item.events) for item in coded), "coded_chars": sum(
                min(len(a.text), coder.settings.max_article_chars) for a in read),
            "failures": [f"{f.origin}: {f.reason}" for f in failures]}


def measure(kind: str, size: int, articles: int) -> dict:
    done = subprocess.run([sys.executable, __file__, "--child", kind, str(size), str(articles)],
                          check=True, capture_output=True, text=True, cwd=ROOT)
    return json.loads(done.stdout.strip().splitlines()[-1])


def report(result: dict) -> str:
    mb, coded_mb = result["size"] / MB, result["coded_chars"] / MB
    shape = "one input" if result["articles"] == 1 else f"{result['articles']} articles"
    return (f"{result['kind']:>12} {mb:>6.1f} MB {shape:>12}: read {result['read_s']:6.2f} s, "
            f"code {result['code_s']:7.1f} s CPU ({result['wall_s']:7.1f} s wall), {result['code_s'] / mb:5.1f} s/MB; "
            f"peak +{result['peak_mib']:6.0f} MiB, {result['peak_mib'] / mb:6.0f} MiB/MB "
            f"({result['peak_mib'] / coded_mb:5.0f} per MB coded); {result['events']:,} events"
            + "".join(f"\n{'':>20}recorded: {failure}" for failure in result["failures"]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="0.1,1,10", help="MB, comma separated")
    parser.add_argument("--kinds", default="normal,unpunctuated")
    parser.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        kind, size, articles = args.child
        print(json.dumps(child(kind, int(size), int(articles))))
        return
    from dyads.settings import MAX_ARTICLE_CHARS

    for kind in args.kinds.split(","):
        for mb in (float(s) for s in args.sizes.split(",")):
            size = int(mb * MB)
            shapes = [1] + ([-(-size // MAX_ARTICLE_CHARS)] if size > MAX_ARTICLE_CHARS else [])
            for articles in shapes:
                print(report(measure(kind, size, articles)), flush=True)


if __name__ == "__main__":
    main()
