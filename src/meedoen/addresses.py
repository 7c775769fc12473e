"""The address a request came from, as far as Meedoen can trust it.

Behind reverse proxies (MEEDOEN_PROXY_COUNT of them, as operations.md describes), each proxy
appends the address it received the request from to X-Forwarded-For; what a client sends in
that header itself stands to the left and is never believed. Without proxies the header is
ignored and the socket's address counts.
"""

from __future__ import annotations

from django.conf import settings


def client_address(request) -> str:
    """The client's address: the entry the outermost of our proxies added, else REMOTE_ADDR."""
    proxies = settings.AXES_IPWARE_PROXY_COUNT
    remote = request.META.get("REMOTE_ADDR", "")
    if not proxies:
        return remote
    forwarded = [
        part.strip()
        for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        if part.strip()
    ]
    if len(forwarded) < proxies:
        return remote
    return _without_port(forwarded[-proxies])


def _without_port(address: str) -> str:
    if address.startswith("["):  # [IPv6]:port
        return address[1 : address.index("]")] if "]" in address else address
    if address.count(":") == 1:  # IPv4:port
        return address.split(":", 1)[0]
    return address
