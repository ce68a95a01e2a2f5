#!/usr/bin/env python3
"""Trunk post_build hook: the page's Content-Security-Policy (index.html's <meta>) in each build.

`trunk build` (make dist): the strict policy as written; the nonce placeholders trunk adds to the
tags it writes (Trunk.toml: create_nonce) are removed.
`trunk serve` (make serve): trunk injects its live-reload script inline, with the placeholder as
its nonce, and replaces the placeholder in every HTML response with a fresh random nonce; the
policy then allows scripts with that nonce too (only that script has it), so live reload runs
under the same policy otherwise.

Usage: trunk_csp.py [index.html | -]  (default: $TRUNK_STAGING_DIR/index.html; -: stdin to stdout)
"""
import os
import re
import sys

PLACEHOLDER = "{{__TRUNK NONCE__}}"  # Trunk.toml: nonce_placeholder
RELOAD_MARK = ".well-known/trunk/ws"  # in trunk's live-reload script only


def rewrite(html: str) -> str:
    if RELOAD_MARK not in html:
        return html.replace(f' nonce="{PLACEHOLDER}"', "")
    policy = re.compile(r'(<meta http-equiv="Content-Security-Policy"\s+content="[^"]*script-src )')
    if not policy.search(html):
        raise SystemExit("trunk_csp.py: no script-src in index.html's Content-Security-Policy")
    if f"'nonce-{PLACEHOLDER}'" in html:
        return html
    return policy.sub(lambda m: f"{m.group(1)}'nonce-{PLACEHOLDER}' ", html, count=1)


def main() -> None:
    path = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.environ["TRUNK_STAGING_DIR"], "index.html")
    if path == "-":  # a test: stdin to stdout
        sys.stdout.write(rewrite(sys.stdin.read()))
        return
    with open(path, encoding="utf-8") as f:
        html = f.read()
    out = rewrite(html)
    if out != html:
        with open(path, "w", encoding="utf-8") as f:
            f.write(out)


if __name__ == "__main__":
    main()
