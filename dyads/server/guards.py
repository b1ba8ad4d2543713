"""What every request passes before the API sees it, and what every answer carries.

`GuardedRequests` is the app's outermost middleware. In order:
1. the Host header is checked against the names this server answers to (`HostPolicy`): a page
   on another site that rebinds its own domain name to 127.0.0.1 (DNS rebinding) sends its
   domain as Host and gets 421, so it cannot read a local database;
2. HEAD is answered as GET without the body (a streamed export stops once its headers are out);
3. an API request's query is checked against the parameters its endpoint reads (`QueryRule`):
   an unknown or repeated single-value parameter is a 422 naming it; the checked query is left
   in the scope, where the response cache takes its key from;
4. every answer gets Content-Security-Policy, X-Content-Type-Options and Referrer-Policy.
"""

from __future__ import annotations

import ipaddress
import re
import socket
import typing
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from difflib import get_close_matches
from urllib.parse import parse_qsl

import anyio
import orjson
from fastapi.routing import APIRoute

from dyads.server.cache import CHECKED_QUERY, ASGIApp, Message, Receive, Scope, Send

LOCAL_NAMES = frozenset({"localhost"})
WILDCARD_ADDRESSES = frozenset({"0.0.0.0", "::", ""})
ANY_HOST = "*"  # --allow-host '*': no Host check (behind a proxy that checks it)
MAX_REMEMBERED_HOSTS = 1024  # verdicts kept per Host header; a client sending ever new ones only clears them

# The dashboard loads only its own files and this API; styles may be set inline by its script
# (the timeline legend), scripts never. Frames, plugins, <base> and form posts elsewhere: none.
DASHBOARD_POLICY = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
                    "img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; "
                    "form-action 'self'; frame-ancestors 'none'")
SECURITY_HEADERS = ((b"x-content-type-options", b"nosniff"), (b"referrer-policy", b"no-referrer"))
HOST_NAME = re.compile(r"[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?(\.[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?)*")


# --- 1. the Host header ------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class HostPolicy:
    """The Host headers a server answers: its local names, the address it is bound to and the
    names it was told to accept. An IP address as Host cannot be a rebound domain, so a server
    bound to every address (0.0.0.0, ::) accepts any; one bound to an address, that one and
    loopback."""

    names: frozenset[str]
    address: ipaddress.IPv4Address | ipaddress.IPv6Address | None = None
    any_address: bool = False
    any_host: bool = False

    @classmethod
    def for_bind_address(cls, bind: str = "127.0.0.1", allowed: Iterable[str] = ()) -> HostPolicy:
        allowed = [name.strip() for name in allowed]
        names = set(LOCAL_NAMES) | {canonical_host(name) for name in allowed if name != ANY_HOST}
        any_address = bind in WILDCARD_ADDRESSES
        address = ip_literal(bind)
        if any_address:
            names |= {normal_host(socket.gethostname()), normal_host(socket.getfqdn())}
        elif address is None:
            names.add(normal_host(bind))  # bound by name: that name
        return cls(frozenset(names), address, any_address, ANY_HOST in allowed)

    def allows(self, host: str | None) -> bool:
        if self.any_host or host is None:  # no Host header: HTTP/1.0, not a browser
            return True
        name = host_name(host)
        if name is None:
            return False
        address = ip_literal(name)
        if address is None:
            return name in self.names
        return self.any_address or address.is_loopback or address == self.address or str(address) in self.names


def canonical_host(name: str) -> str:
    """A name as `allows` compares it: lower case, no port, an IP address in its short form."""
    plain = host_name(name) or normal_host(name)
    address = ip_literal(plain)
    return plain if address is None else str(address)


def normal_host(name: str) -> str:
    return name.strip().lower().rstrip(".")


def host_name(host: str) -> str | None:
    """The name or address of a Host header without its port; None when it is not one."""
    host = normal_host(host)
    if host.startswith("["):  # [IPv6]:port
        address, bracket, port = host[1:].partition("]")
        if not bracket or (port and not re.fullmatch(r":\d{1,5}", port)) or ip_literal(address) is None:
            return None
        return address
    name, colon, port = host.partition(":")
    if colon and not re.fullmatch(r"\d{1,5}", port):
        return None
    return name if HOST_NAME.fullmatch(name) else None


def ip_literal(text: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        return ipaddress.ip_address(text.strip("[]"))
    except ValueError:
        return None


# --- 3. the query parameters of an endpoint ----------------------------------------------------

@dataclass(frozen=True, slots=True)
class QueryRule:
    """The query parameters one endpoint reads; `repeatable` ones take a list."""

    names: tuple[str, ...]
    repeatable: frozenset[str] = frozenset()

    @classmethod
    def of_route(cls, route: APIRoute) -> QueryRule:
        fields = query_fields(route.dependant)
        return cls(tuple(field.alias for field in fields),
                   frozenset(field.alias for field in fields if takes_a_list(field.field_info.annotation)))

    def problems(self, pairs: Sequence[tuple[str, str]]) -> list[tuple[str, str]]:
        """(parameter, message) for each unknown or repeated single-value parameter."""
        found = []
        for name, times in Counter(name for name, _ in pairs).items():
            if name not in self.names:
                found.append((name, unknown_message(name, self.names)))
            elif times > 1 and name not in self.repeatable:
                found.append((name, f"given {times} times; it takes one value"))
        return found


def query_fields(dependant: typing.Any) -> list[typing.Any]:
    """The query parameters of an endpoint and of the dependencies it takes them through."""
    fields = list(dependant.query_params)
    for dependency in dependant.dependencies:
        fields += query_fields(dependency)
    return fields


def takes_a_list(annotation: object) -> bool:
    if typing.get_origin(annotation) in (list, set, tuple, frozenset):
        return True
    return any(takes_a_list(arg) for arg in typing.get_args(annotation) if arg is not type(None))


def unknown_message(name: str, known: Sequence[str]) -> str:
    if not known:
        return "unknown parameter (this endpoint takes none)"
    close = get_close_matches(name, known, n=1)
    hint = f"did you mean {close[0]}?" if close else f"this endpoint takes: {', '.join(known)}"
    return f"unknown parameter ({hint})"


def query_pairs(scope: Scope) -> list[tuple[str, str]]:
    """The query as the API reads it (as Starlette's QueryParams parse it)."""
    return parse_qsl(scope.get("query_string", b"").decode("latin-1"), keep_blank_values=True)


# --- the middleware --------------------------------------------------------------------------------

class GuardedRequests:
    """ASGI middleware: the steps 1-4 of this module's docstring around the app."""

    def __init__(self, app: ASGIApp, hosts: HostPolicy, routes: Iterable[APIRoute]) -> None:
        self.app = app
        self.hosts = hosts
        self.rules = [(route.path_regex, route.methods or set(), QueryRule.of_route(route)) for route in routes]
        self.host_verdicts: dict[str | None, bool] = {}  # parsing addresses costs more than the rest

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        send = with_security_headers(send)
        host = header(scope, b"host")
        if not self.host_allowed(host):
            await answer(send, 421, {"detail": f"host {host!r} is not served here "
                                               "(dyads serve --allow-host NAME accepts a name)"})
            return
        if scope["method"] == "HEAD":
            scope, receive, send = head_as_get(scope, receive, send)
        checked, refused = self.check_query(scope)
        if refused:
            await answer(send, 422, {"detail": [{"loc": ["query", name], "msg": message, "type": "value_error"}
                                                for name, message in refused]})
            return
        if checked is not None:
            scope = {**scope, CHECKED_QUERY: checked}  # a copy: the server's scope is not ours to change
        await self.app(scope, receive, send)

    def host_allowed(self, host: str | None) -> bool:
        verdict = self.host_verdicts.get(host)
        if verdict is None:
            if len(self.host_verdicts) >= MAX_REMEMBERED_HOSTS:
                self.host_verdicts.clear()
            verdict = self.host_verdicts[host] = self.hosts.allows(host)
        return verdict

    def check_query(self, scope: Scope) -> tuple[tuple[tuple[str, str], ...] | None, list[tuple[str, str]]]:
        """An API request's query, its pairs ordered by name (the values of a list parameter
        keep their order), and its problems; (None, []) for a request to no API endpoint."""
        path = route_path(scope)
        for path_regex, methods, rule in self.rules:
            if scope["method"] in methods and path_regex.match(path):
                pairs = query_pairs(scope)
                return tuple(sorted(pairs, key=lambda pair: pair[0])), rule.problems(pairs)
        return None, []


def route_path(scope: Scope) -> str:
    """The path as the router matches it: without the prefix the app is mounted under."""
    path, root = scope["path"], scope.get("root_path", "")
    return path[len(root):] or "/" if root and path.startswith(root) else path


def header(scope: Scope, name: bytes) -> str | None:
    for key, value in scope["headers"]:
        if key == name:
            return value.decode("latin-1")
    return None


async def answer(send: Send, status: int, body: object) -> None:
    content = orjson.dumps(body)
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(content)).encode())]})
    await send({"type": "http.response.body", "body": content})


def with_security_headers(send: Send) -> Send:
    async def send_with_headers(message: Message) -> None:
        if message["type"] == "http.response.start":
            headers = list(message.get("headers", []))
            present = {key.lower() for key, _ in headers}
            headers += [(key, value) for key, value in SECURITY_HEADERS if key not in present]
            if b"content-security-policy" not in present:
                headers.append((b"content-security-policy", DASHBOARD_POLICY.encode()))
            message = {**message, "headers": headers}
        await send(message)

    return send_with_headers


def head_as_get(scope: Scope, receive: Receive, send: Send) -> tuple[Scope, Receive, Send]:
    """The request as GET, answered with the headers of GET and no body. Once the headers are
    out the app is told the client left, so a streamed response stops there."""
    headers_sent = anyio.Event()
    request_read = False

    async def receive_until_answered() -> Message:
        nonlocal request_read
        if not request_read:  # the (empty) request body, for an app that reads it
            request_read = True
            return await receive()
        await headers_sent.wait()
        return {"type": "http.disconnect"}

    async def send_headers_only(message: Message) -> None:
        if message["type"] == "http.response.start":
            await send(message)
            await send({"type": "http.response.body", "body": b"", "more_body": False})
            headers_sent.set()

    return {**scope, "method": "GET"}, receive_until_answered, send_headers_only
