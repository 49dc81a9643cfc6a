"""Static server for the fitcheck page: 127.0.0.1 only, wasm served as
application/wasm, and a Content-Security-Policy that forbids any request
beyond this origin (the page never sends data anywhere)."""

import argparse
import functools
import http.server
import os

CSP = (
    "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; "
    "style-src 'self'; img-src 'self' data: blob:; connect-src 'self'; "
    "worker-src 'self' blob:; object-src 'none'; base-uri 'none'; form-action 'none'"
)


class Handler(http.server.SimpleHTTPRequestHandler):
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
        self.send_header("Content-Security-Policy", CSP)
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
    handler = functools.partial(Handler, directory=os.path.abspath(args.root))
    with http.server.ThreadingHTTPServer(("127.0.0.1", args.port), handler) as server:
        port = server.server_address[1]
        print(f"fitcheck is served at http://127.0.0.1:{port}/  (Ctrl-C to stop)", flush=True)
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            pass


if __name__ == "__main__":
    main()
