"""Input: files, HTML pages and JSONL records -> `Article`, with page boilerplate removed.

`clean_text()` is the cascade every article goes through, whatever its format:
  1. normalise line ends and strip control characters;
  2. drop boilerplate lines (site navigation, photo captions, share and subscribe lines,
     alternate-address footers, bare URLs, copyright notices);
  3. take a headline-like first line as the title, not as body text;
  4. find the article date in a dateline when the caller did not give one.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path, PurePosixPath

from dyads.coding.dates import find_dateline, parse_iso_date
from dyads.errors import DateError, InputError
from dyads.model import Article
from dyads.settings import Settings

# Lines that are page furniture, not reporting. Each pattern is anchored on the whole line.
BOILERPLATE_LINES = [
    r"share this (article|story|page)",
    r"(follow|like) us on .*",
    r"(subscribe|sign up)( to| for)? .*newsletter.*",
    r"(read|see) (more|also)\b.*",
    r"related( articles| stories| news)?:?.*",
    r"click here.*",
    r"advertisement",
    r".*can (also )?be accessed at the following (alternate|alternative) addresses:?",
    r"(https?://|www\.)\S+",
    r"[\w.-]+\.(com|co\.uk|ir|org|net|tv)(/\S*)?",
    r".*all rights reserved.*",
    r"(copyright|©).{0,80}",
    r"press tv news roku",
    r"(print|email|e-mail|tweet|facebook|twitter|whatsapp|telegram)(\s*[|/·]\s*\w+)*",
]
BOILERPLATE_RE = re.compile("|".join(f"(?:{p})" for p in BOILERPLATE_LINES), re.IGNORECASE)

# Photo captions: a credit in brackets or after ©, or the captioning formulas news sites use.
CAPTION_RE = re.compile(
    r"(\((?:[\w ]+ )?(?:photo|picture|file)(?: by [^)]*)?\)\s*$)"
    r"|(©\s*\w+\s*$)"
    r"|(^(?:the|this|a|an) (?:photo|picture|file photo|image)s? (?:shows?|taken|released)\b)"
    r"|(^\(?file photo\)?)"
    r"|(\b(?:photo|image) credit\b)",
    re.IGNORECASE,
)

# Breadcrumbs such as "News / Politics / News": short segments joined by separators.
BREADCRUMB_RE = re.compile(r"^\s*[\w&' -]{1,30}(\s*[/>›|»]\s*[\w&' -]{1,30}){1,6}\s*$")

TITLE_MAX_WORDS = 20  # headlines run 6-15 words; 20 leaves room for long wire headlines
SENTENCE_END = tuple('.!?"”’)')


@dataclass(frozen=True, slots=True)
class CleanText:
    body: str
    title: str | None
    dropped: tuple[str, ...]  # the boilerplate lines, kept for `dyads explain` and tests


def is_boilerplate(line: str) -> bool:
    stripped = line.strip()
    return bool(
        BOILERPLATE_RE.fullmatch(stripped)
        or CAPTION_RE.search(stripped)
        or BREADCRUMB_RE.fullmatch(stripped)
    )


def clean_text(raw: str, extra_boilerplate: tuple[str, ...] = ()) -> CleanText:
    # 1. line ends, control characters (keep tabs and newlines)
    text = raw.replace("\r\n", "\n").replace("\r", "\n")
    text = re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufeff]", "", text)
    # 2. boilerplate
    kept, dropped = [], []
    extra = [re.compile(p, re.IGNORECASE) for p in extra_boilerplate]
    for line in text.split("\n"):
        stripped = line.strip()
        if not stripped:
            continue
        if is_boilerplate(stripped) or any(p.search(stripped) for p in extra):
            dropped.append(stripped)
        else:
            kept.append(stripped)
    # 3. title
    title = None
    if len(kept) > 1:
        first = kept[0]
        if not first.endswith(SENTENCE_END) and len(first.split()) <= TITLE_MAX_WORDS:
            title = kept.pop(0)
    return CleanText("\n\n".join(kept), title, tuple(dropped))


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def make_article(
    text: str,
    *,
    origin: str,
    article_date: date | None = None,
    doc_id: str | None = None,
    url: str | None = None,
    source: str | None = None,
    title: str | None = None,
    settings: Settings | None = None,
) -> Article:
    """Clean one article's text and fill in what the text itself tells (title, date)."""
    settings = settings or Settings()
    cleaned = clean_text(text, settings.extra_boilerplate)
    if not cleaned.body.strip():
        raise InputError(f"{origin}: no article text (empty or only page boilerplate)")
    if article_date is None:
        article_date = find_dateline(text)
    return Article(
        doc_id=doc_id or content_hash(cleaned.body)[:16],
        text=cleaned.body,
        date=article_date,
        url=url,
        source=source,
        title=title or cleaned.title,
        origin=origin,
    )


def decode(data: bytes, origin: str, settings: Settings) -> str:
    """Bytes -> text, refusing what is clearly not an article."""
    if len(data) > settings.max_article_bytes:
        raise InputError(
            f"{origin}: {len(data):,} bytes is over the {settings.max_article_bytes:,}-byte limit "
            "for one article (split the file, or ingest it as JSONL)"
        )
    if not data.strip():
        raise InputError(f"{origin}: the file is empty")
    if b"\x00" in data[:8192]:
        raise InputError(f"{origin}: binary data (NUL bytes), not text")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as err:
        raise InputError(
            f"{origin}: not valid UTF-8 (byte {err.start}: {data[err.start:err.start + 1]!r})"
        ) from None


def html_to_article(html: str, origin: str, article_date: date | None, settings: Settings,
                    **meta: str | None) -> Article:
    import trafilatura

    extracted = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False)
    assert not isinstance(extracted, dict)  # a Document (or None) unless as_dict=True is asked for
    if extracted is None or not extracted.text or not extracted.text.strip():
        raise InputError(f"{origin}: no article text found in the HTML page")
    page_date = None
    if extracted.date:
        try:
            page_date = parse_iso_date(extracted.date[:10])
        except DateError:
            page_date = None
    return make_article(
        extracted.text,
        origin=origin,
        article_date=article_date or page_date,
        doc_id=meta.get("doc_id"),
        url=meta.get("url") or extracted.url,
        source=meta.get("source") or extracted.sitename,
        title=meta.get("title") or extracted.title,
        settings=settings,
    )


def looks_like_html(text: str) -> bool:
    head = text[:2048].lower()
    return "<html" in head or "<!doctype html" in head or ("<body" in head and "</" in text)


def read_jsonl(data: bytes, origin: str, default_date: date | None,
               settings: Settings) -> Iterator[Article | InputError]:
    """One article per line; a bad line becomes an `InputError` in the stream, not a stop."""
    for number, raw_line in enumerate(data.splitlines(), start=1):
        where = f"{origin}:{number}"
        if not raw_line.strip():
            continue
        try:
            line = raw_line.decode("utf-8")
            record = json.loads(line)
            if not isinstance(record, dict):
                raise InputError(f"{where}: a JSONL line must be an object")
            yield article_from_record(record, where, default_date, settings)
        except UnicodeDecodeError:
            yield InputError(f"{where}: not valid UTF-8")
        except json.JSONDecodeError as err:
            yield InputError(f"{where}: invalid JSON ({err.msg})")
        except InputError as err:
            yield err


def article_from_record(record: dict, where: str, default_date: date | None,
                        settings: Settings) -> Article:
    text, html = record.get("text"), record.get("html")
    if not isinstance(text, str) and not isinstance(html, str):
        raise InputError(f"{where}: no 'text' or 'html' field")
    article_date = default_date
    if record.get("date"):
        try:
            article_date = parse_iso_date(str(record["date"])[:10])
        except DateError as err:
            raise InputError(f"{where}: {err}") from None
    meta = {
        "doc_id": str(record["id"]) if record.get("id") is not None else None,
        "url": record.get("url"),
        "source": record.get("source"),
        "title": record.get("title"),
    }
    if isinstance(text, str) and text.strip():
        return make_article(text, origin=where, article_date=article_date, settings=settings,
                            **meta)
    if isinstance(html, str) and html.strip():
        return html_to_article(html, where, article_date, settings, **meta)
    raise InputError(f"{where}: the 'text' field is empty")


def read_path(path: Path, default_date: date | None = None,
              settings: Settings | None = None) -> Iterator[Article | InputError]:
    """Read one file of any supported kind. Errors are yielded, never raised, so that one bad
    file (or one bad JSONL line) does not stop the others."""
    origin = str(path)
    try:
        data = path.read_bytes() if str(path) != "-" else _read_stdin()
    except OSError as err:
        yield InputError(f"{origin}: cannot read ({err.strerror or err})")
        return
    yield from articles_in_bytes(data, origin, default_date, settings)


def articles_in_bytes(data: bytes, origin: str, default_date: date | None = None,
                      settings: Settings | None = None) -> Iterator[Article | InputError]:
    """The articles of a file's bytes, by the suffix of its name `origin` (.gz, .jsonl, .html,
    else text); errors yielded, never raised. Used by read_path and by the Spark job."""
    settings = settings or Settings()
    try:
        name = PurePosixPath(origin)
        if name.suffix == ".gz":
            try:
                data = gzip.decompress(data)
            except (OSError, EOFError) as err:
                raise InputError(f"{origin}: cannot decompress ({err})") from None
            name = PurePosixPath(name.stem)
        if name.suffix == ".jsonl":
            if not data.strip():
                raise InputError(f"{origin}: the file is empty")
            yield from read_jsonl(data, origin, default_date, settings)
            return
        text = decode(data, origin, settings)
        if name.suffix in (".html", ".htm") or looks_like_html(text):
            yield html_to_article(text, origin, default_date, settings)
        else:
            yield make_article(text, origin=origin, article_date=default_date, settings=settings)
    except InputError as err:
        yield err


def _read_stdin() -> bytes:
    import sys

    return sys.stdin.buffer.read()
