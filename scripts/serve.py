"""Static server for the fitcheck page: 127.0.0.1 only, wasm served as
application/wasm, and the page's Content-Security-Policy on every response:
the one in the served index.html's meta tag (its single definition, read at
start), sent as a header because a module worker's policy comes from its own
script's response, not from the page. It forbids any request beyond this
origin (the page never sends data anywhere)."""

import argparse
import functools
import html.parser
import http.server
import os


class _PolicyFinder(html.parser.HTMLParser):
    """Collects the content of every <meta http-equiv="Content-Security-Policy">."""

    def __init__(self):
        super().__init__()
        self.policies = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "meta" and (attrs.get("http-equiv") or "").lower() == "content-security-policy":
            self.policies.append(attrs.get("content") or "")


def page_policy(index_html):
    """The Content-Security-Policy of index.html's meta tag; there must be exactly one."""
    finder = _PolicyFinder()
    with open(index_html, encoding="utf-8") as f:
        finder.feed(f.read())
    if len(finder.policies) != 1:
        raise SystemExit(f"{index_html}: expected one Content-Security-Policy meta tag, found {len(finder.policies)}")
    return finder.policies[0]


class Handler(http.server.SimpleHTTPRequestHandler):
    csp = ""  # set in main() from the served index.html
    # Keep-alive: the page's twenty-odd files come over a few connections
    # instead of one connection each (every response has a Content-Length).
    protocol_version = "HTTP/1.1"
    # Headers and body go out in separate writes: without TCP_NODELAY, Nagle's
    # algorithm holds the body back until the browser's delayed ACK (~40 ms a
    # file on a kept-alive connection).
    disable_nagle_algorithm = True
    extensions_map = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".wasm": "application/wasm",
        ".js": "text/javascript",
        ".mjs": "text/javascript",
    }

    def end_headers(self):
        self.send_header("Content-Security-Policy", self.csp)
        # Revalidated on every load (a rebuild must show at once); unchanged
        # files are answered 304 from their Last-Modified.
        self.send_header("Cache-Control", "no-cache")
        super().end_headers()

    def log_message(self, fmt, *args):  # quiet unless asked
        if os.environ.get("FITCHECK_SERVE_LOG"):
            super().log_message(fmt, *args)


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--root", default=os.path.join(os.path.dirname(__file__), ".."))
    args = parser.parse_args()
    root = os.path.abspath(args.root)
    Handler.csp = page_policy(os.path.join(root, "index.html"))
    handler = functools.partial(Handler, directory=root)
    with http.server.ThreadingHTTPServer(("127.0.0.1", args.port), handler) as server:
        port = server.server_address[1]
        print(f"fitcheck is served at http://127.0.0.1:{port}/  (Ctrl-C to stop)", flush=True)
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            pass


if __name__ == "__main__":
    main()
