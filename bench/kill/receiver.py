#!/usr/bin/python3
"""bench/kill's webhook receiver: appends each POST's Idempotency-Key to a file, answers 200.

    receiver.py PORT LOGFILE
"""
import http.server
import sys

LOG = sys.argv[2]


class Handler(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        length = int(self.headers.get("Content-Length", "0"))
        self.rfile.read(length)
        with open(LOG, "a", encoding="utf-8") as out:
            out.write(self.headers.get("Idempotency-Key", "-") + "\n")
        self.send_response(200)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


http.server.ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Handler).serve_forever()
