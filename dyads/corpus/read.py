"""Input: files, HTML pages and JSONL records -> `Article`, with page boilerplate removed.

`clean_text()` is the cascade every article goes through, whatever its format:
  1. normalise line ends and strip control characters;
  2. drop boilerplate lines (site navigation, photo captions, share and subscribe lines,
     alternate-address footers, bare URLs, copyright notices);
  3. take a headline-like first line as the title, not as body text;
  4. find the article date in a dateline when the caller did not give one.
"""

from __future__ import annotations

import errno
import gzip
import hashlib
import io
import json
import os
import re
import stat
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path, PurePosixPath
from typing import Any, BinaryIO, Protocol, cast

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
# A caption has one of these words: the pattern's search is tried only where one is (most lines
# are long paragraphs, and the search tries its five forms at every character: 60 microseconds a line).
CAPTION_WORDS = ("photo", "picture", "file", "image", "©")

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
        or (any(word in stripped.lower() for word in CAPTION_WORDS) and CAPTION_RE.search(stripped))
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


def too_large(origin: str, size: int | None, limit: int, record: bool = False) -> InputError:
    measured = f"{size:,} bytes" if size is not None else f"more than {limit:,} bytes"
    what, advice = ("one JSONL record", "") if record else ("one article", "; split the file, or ingest it as JSONL")
    return InputError(f"{origin}: {measured} is over the {limit:,}-byte limit for {what} "
                      f"(max_article_bytes{advice})")


def decode(data: bytes, origin: str, settings: Settings) -> str:
    """Bytes -> text, refusing what is clearly not an article."""
    if len(data) > settings.max_article_bytes:
        raise too_large(origin, len(data), settings.max_article_bytes)
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


# libxml2 stops an HTML page at the 256th nested element, and drops everything after that point
# (the rest of the page, not only the deep part), unless told the tree may be huge; then at 2,048.
HTML_PARSER_DEPTH = 2048
# trafilatura's own parser options (trafilatura.utils.HTML_PARSER), with huge_tree on. A parser
# per page (8 us): lxml parsers are not to be shared between threads, and its error log is read.
HTML_PARSER_OPTIONS = {"collect_ids": False, "default_doctype": False, "encoding": "utf-8",
                       "remove_comments": True, "remove_pis": True, "huge_tree": True}


def parse_html(html: str, origin: str) -> Any:
    """The page's lxml tree, as trafilatura would build it but with no nesting limit short of
    libxml2's hard one; a page nested past that is refused rather than cut short in silence.
    None: not a page (trafilatura's own test)."""
    import lxml.etree
    import lxml.html
    from trafilatura.utils import is_dubious_html, repair_faulty_html

    beginning = html[:50].lower()
    repaired = repair_faulty_html(html, beginning)
    parser = lxml.html.HTMLParser(**HTML_PARSER_OPTIONS)
    try:
        tree = lxml.html.fromstring(repaired.encode("utf-8", "surrogatepass"), parser=parser)
    except (lxml.etree.ParserError, ValueError):
        return None
    if any("Excessive depth" in entry.message for entry in parser.error_log):
        raise InputError(f"{origin}: HTML nested deeper than {HTML_PARSER_DEPTH:,} elements, the "
                         "HTML parser's limit: the text past that depth cannot be read")
    if is_dubious_html(beginning) and len(tree) < 2:  # trafilatura's test for "not a page"
        return None
    return tree


def html_to_article(html: str, origin: str, article_date: date | None, settings: Settings,
                    **meta: str | None) -> Article:
    import trafilatura

    tree = parse_html(html, origin)
    extracted = None if tree is None else trafilatura.bare_extraction(
        tree, with_metadata=True, include_comments=False)
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


# 2. streams --------------------------------------------------------------------------------

# Bytes asked of a stream at a time: one call per many records, and little beside a record held
# at its limit. read1, not read: of a truncated gzip, read() loses the last chunk it had
# decompressed when the data ends early, read1() hands it over first.
READ_CHUNK_BYTES = 1 << 20
NONBLANK = re.compile(rb"\S")


class Stream(Protocol):
    def read(self, size: int = ..., /) -> bytes: ...
    def read1(self, size: int = ..., /) -> bytes: ...


class LimitedStream:
    """A decompressed stream that raises InputError once more than `limit` bytes come out."""

    def __init__(self, stream: Stream, limit: int, error: str) -> None:
        self.stream, self.limit, self.error, self.total = stream, limit, error, 0

    def _count(self, data: bytes) -> bytes:
        self.total += len(data)
        if self.total > self.limit:
            raise InputError(self.error)
        return data

    def read(self, size: int = -1, /) -> bytes:
        return self._count(self.stream.read(min(size, self.limit + 1) if size >= 0 else self.limit + 1))

    def read1(self, size: int = -1, /) -> bytes:
        return self._count(self.stream.read1(size))


@dataclass(frozen=True, slots=True)
class Line:
    number: int  # from 1
    data: bytes | None  # None: longer than the limit, not kept
    size: int  # bytes, without the line end


def nonblank_lines(stream: Stream, limit: int) -> Iterator[Line]:
    """The non-blank lines of a stream, read in chunks: a run of blank lines costs no Python work
    per line, and a line longer than `limit` bytes is measured but not held."""
    number, pieces, size, nonblank = 1, list[bytes](), 0, False
    while chunk := stream.read1(READ_CHUNK_BYTES):
        position, end = 0, len(chunk)
        while position < end:
            newline = chunk.find(b"\n", position)
            stop = end if newline < 0 else newline
            if stop > position:  # this chunk's part of the current line
                nonblank = nonblank or NONBLANK.search(chunk, position, stop) is not None
                size += stop - position
                if size > limit:
                    pieces.clear()
                elif nonblank:
                    pieces.append(chunk[position:stop])
            if newline < 0:
                break
            if nonblank:
                yield Line(number, b"".join(pieces) if size <= limit else None, size)
            number, size, nonblank = number + 1, 0, False
            pieces.clear()
            position = newline + 1
            found = NONBLANK.search(chunk, position)  # skip the blank lines that follow
            skip_to = end if found is None else found.start()
            last_newline = chunk.rfind(b"\n", position, skip_to)
            if last_newline >= 0:
                number += chunk.count(b"\n", position, last_newline + 1)
                position = last_newline + 1
            if found is None:
                size = end - position  # the blank start of a line the next chunk goes on with
                break
    if nonblank:
        yield Line(number, b"".join(pieces) if size <= limit else None, size)


# 3. formats --------------------------------------------------------------------------------

def read_jsonl(stream: Stream, origin: str, default_date: date | None,
               settings: Settings) -> Iterator[Article | InputError]:
    """One article per line; a bad line becomes an `InputError` in the stream, not a stop. A
    stream that breaks off (a truncated or corrupt gzip, a decompression limit) keeps the
    records before the break, and the break is one more error naming where it came."""
    records, last = 0, 0
    try:
        for line in nonblank_lines(stream, settings.max_article_bytes):
            records, last = records + 1, line.number
            yield record_article(line, f"{origin}:{line.number}", default_date, settings)
    except InputError as err:  # a limit of the stream
        yield InputError(f"{str(err).removeprefix(f'[{err.code}] ')}, after record {records} "
                         f"(line {last}); the records before it are kept")
        return
    except EOFError as err:
        where = f"after record {records} (line {last})" if records else "before its first record"
        yield InputError(f"{origin}: truncated {where}: cannot decompress the rest ({err})"
                         + ("; the records before it are kept" if records else ""))
        return
    except (OSError, zlib.error) as err:  # gzip's checks fail only where the damage shows
        if not records:
            yield InputError(f"{origin}: cannot decompress ({err})")
        else:
            yield InputError(f"{origin}: cannot decompress after record {records} (line {last}) "
                             f"({err}): the file is damaged; the records read before were kept, "
                             "and may be damaged too")
        return
    if not records:
        yield InputError(f"{origin}: the file is empty")


def record_article(line: Line, where: str, default_date: date | None,
                   settings: Settings) -> Article | InputError:
    if line.data is None:
        return too_large(where, line.size, settings.max_article_bytes, record=True)
    return article_from_json(line.data, where, default_date, settings)


def article_from_json(data: bytes, where: str, default_date: date | None,
                      settings: Settings) -> Article | InputError:
    """One JSON object's bytes (a JSONL line, a line of standard input) as an article, or the
    error that names it."""
    try:
        record = json.loads(data.decode("utf-8"))
        if not isinstance(record, dict):
            raise InputError(f"{where}: a JSONL line must be an object")
        return article_from_record(record, where, default_date, settings)
    except UnicodeDecodeError:
        return InputError(f"{where}: not valid UTF-8")
    except json.JSONDecodeError as err:
        return InputError(f"{where}: invalid JSON ({err.msg})")
    except InputError as err:
        return err


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


def read_one_article(stream: Stream, origin: str, size: int | None, settings: Settings) -> bytes:
    """A file of one article, refused over the limit: on its size before anything is read when
    the size is known, else on the first byte past the limit."""
    limit = settings.max_article_bytes
    if size is not None and size > limit:
        raise too_large(origin, size, limit)
    data = stream.read(limit + 1 if size is None else size + 1)  # to the end, or one byte past
    if size is not None and len(data) > size:  # the file grew since it was measured
        data += stream.read(limit + 1 - len(data))
    if len(data) > limit:
        raise too_large(origin, None, limit)
    return data


# 4. files ----------------------------------------------------------------------------------

def read_path(path: Path, default_date: date | None = None,
              settings: Settings | None = None) -> Iterator[Article | InputError]:
    """Read one file of any supported kind. Errors are yielded, never raised, so that one bad
    file (or one bad JSONL line) does not stop the others."""
    settings = settings or Settings()
    origin = str(path)
    if origin == "-":
        yield from articles_in_stream(_stdin(), origin, None, default_date, settings)
        return
    try:
        handle = path.open("rb")
    except OSError as err:
        yield InputError(f"{origin}: {why_unreadable(path, err)}")
        return
    with handle:
        status = os.fstat(handle.fileno())
        size = status.st_size if stat.S_ISREG(status.st_mode) else None
        yield from articles_in_stream(handle, origin, size, default_date, settings)


def why_unreadable(path: Path, err: OSError) -> str:
    """Why a path in the input list cannot be opened as a file, in words: a broken or looping
    symbolic link, a folder that cannot be listed, or the system's reason."""
    if err.errno == errno.ELOOP:
        link = f" ({path} -> {os.readlink(path)})" if path.is_symlink() else ""
        return f"symbolic link loop{link}: it leads back to itself"
    if path.is_symlink() and not path.exists():
        return f"broken symbolic link (its target {os.readlink(path)} does not exist)"
    if isinstance(err, IsADirectoryError):
        try:
            os.scandir(path).close()
        except OSError as list_err:
            return f"cannot list the folder ({list_err.strerror or list_err})"
        if path.is_symlink() and leads_back(path):
            return f"symbolic link loop: it leads back to the folder {path.resolve()}, which holds it"
        return "a folder, not a file"
    return f"cannot read ({err.strerror or err})"


def leads_back(link: Path) -> bool:
    """Whether a linked folder is one of the folders that hold the link (a loop)."""
    target, folder = link.resolve(), link.parent.resolve()
    return target == folder or target in folder.parents


def articles_in_bytes(data: bytes, origin: str, default_date: date | None = None,
                      settings: Settings | None = None) -> Iterator[Article | InputError]:
    """The articles of a file's bytes, as read_path reads the file `origin` (used by the Spark
    job, which reads whole files)."""
    return articles_in_stream(io.BytesIO(data), origin, len(data), default_date,
                              settings or Settings())


def articles_in_stream(stream: Stream, origin: str, size: int | None, default_date: date | None,
                       settings: Settings) -> Iterator[Article | InputError]:
    """The articles of an open file of `size` bytes (None: unknown), by the suffix of its name
    `origin` (.gz, .jsonl, .html, else text); errors yielded, never raised."""
    name = PurePosixPath(origin)
    gzipped = name.suffix == ".gz"
    if gzipped:
        name = PurePosixPath(name.stem)
        stream = gunzip(stream, origin, size, settings)
    try:
        if name.suffix == ".jsonl":
            yield from read_jsonl(stream, origin, default_date, settings)
            return
        try:
            data = read_one_article(stream, origin, None if gzipped else size, settings)
        except (EOFError, zlib.error) as err:
            raise InputError(f"{origin}: cannot decompress ({err})") from None
        except OSError as err:
            reason = "decompress" if gzipped else "read"
            raise InputError(f"{origin}: cannot {reason} ({err.strerror or err})") from None
        text = decode(data, origin, settings)
        if name.suffix in (".html", ".htm") or looks_like_html(text):
            yield html_to_article(text, origin, default_date, settings)
        else:
            yield make_article(text, origin=origin, article_date=default_date, settings=settings)
    except InputError as err:
        yield err


def gunzip(stream: Stream, origin: str, size: int | None, settings: Settings) -> Stream:
    """The decompressed stream, which stops with an InputError past `max_gzip_ratio` times the
    compressed `size` (and always allows one article's limit)."""
    limit = max(settings.max_gzip_ratio * (size or 0), settings.max_article_bytes)
    unpacked = gzip.GzipFile(fileobj=cast(BinaryIO, stream), mode="rb")  # reads forward only
    return LimitedStream(unpacked, limit, (
        f"{origin}: decompresses to more than {limit:,} bytes, {settings.max_gzip_ratio} times "
        "its size (the max_gzip_ratio limit)"))


def count_records(path: Path, settings: Settings) -> int:
    """How many inputs `read_path` finds in a file, cheaply (the progress bar's total): the
    non-blank lines of JSONL, within the same limits, else one."""
    name = PurePosixPath(path.name)
    gzipped = name.suffix == ".gz"
    if PurePosixPath(name.stem if gzipped else name).suffix != ".jsonl":
        return 1
    lines = 0
    try:
        with path.open("rb") as handle:
            size = os.fstat(handle.fileno()).st_size
            stream: Stream = gunzip(handle, str(path), size, settings) if gzipped else handle
            for _ in nonblank_lines(stream, 0):
                lines += 1
    except (OSError, EOFError, zlib.error, InputError):
        lines += 1  # the read stops there with one failure
    return max(1, lines)


def _stdin() -> Stream:
    import sys

    return sys.stdin.buffer  # type: ignore[return-value]  # a BufferedReader: it has read1
