"""Every error dyads raises on purpose, in one place, each with a code users can search for."""


class DyadsError(Exception):
    """Base class: the CLI turns these into one-line messages instead of tracebacks."""

    code = "E000"

    def __init__(self, message: str) -> None:
        super().__init__(f"[{self.code}] {message}")


class InputError(DyadsError):
    """An article or file that cannot be read: binary, empty, bad encoding, too large."""

    code = "E001"


class DictionaryError(DyadsError):
    """A dictionary file that does not validate: the message names the file and line."""

    code = "E002"


class DateError(DyadsError):
    """A date option or field that is not an ISO date."""

    code = "E003"


class GoldError(DyadsError):
    """A gold-standard file that does not follow the gold format."""

    code = "E004"


class StoreError(DyadsError):
    """The event database cannot be opened or written."""

    code = "E005"


class FetchError(InputError):
    """A page or feed that could not be fetched: HTTP error, timeout, redirect loop, robots.txt.
    `transient` errors (timeouts, 5xx, refused connections) are worth trying again later."""

    code = "E006"

    def __init__(self, url: str, reason: str, transient: bool = False) -> None:
        super().__init__(f"{url}: {reason}")
        self.url = url
        self.reason = reason
        self.transient = transient


class LimitError(DyadsError):
    """An article over one of the limits on what coding may cost (`Settings.max_article_chars`,
    `max_sentence_chars`, `max_article_seconds`): recorded as a failure that names the limit."""

    code = "E007"
