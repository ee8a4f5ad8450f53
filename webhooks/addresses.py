"""Refuse webhook URLs that would let the feature probe the internal network.

Only http(s); every address the host resolves to must be public (not loopback, link-local, private,
reserved, multicast or unspecified) unless an admin allowed private addresses for the subscription. Checked
when subscribing and again before each delivery (a name may resolve elsewhere later).
"""

from __future__ import annotations

import ipaddress
import socket
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

ONLY_HTTP = _("Use an http:// or https:// address.")
NO_HOST = _("Give the address of the receiving server.")
DOES_NOT_RESOLVE = _("This host name does not resolve to any address.")
PRIVATE_ADDRESS = _(
    "This address resolves to a loopback, link-local or private network (%(address)s); "
    "only an administrator can allow that."
)


def _is_internal(address: str) -> bool:
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return (
        ip.is_loopback
        or ip.is_link_local
        or ip.is_private
        or ip.is_reserved
        or ip.is_multicast
        or ip.is_unspecified
        or not ip.is_global
    )


def resolve(host: str, port: int) -> list[str]:
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError):
        return []
    return sorted({str(info[4][0]) for info in infos})


def check_url(url: str, *, allow_private: bool) -> None:
    """Raise ValidationError({"url": ...}) when ``url`` may not receive webhooks."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise ValidationError({"url": ONLY_HTTP})
    if not parts.hostname:
        raise ValidationError({"url": NO_HOST})
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError as error:
        raise ValidationError({"url": NO_HOST}) from error
    addresses = resolve(parts.hostname, port)
    if not addresses:
        raise ValidationError({"url": DOES_NOT_RESOLVE})
    if allow_private:
        return
    internal = [a for a in addresses if _is_internal(a)]
    if internal:
        raise ValidationError({"url": PRIVATE_ADDRESS % {"address": internal[0]}})
