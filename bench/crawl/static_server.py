#!/usr/bin/python3
"""bench/crawl: a threaded static file server, used only when nginx is not installed.

    /usr/bin/python3 bench/crawl/static_server.py ROOT PORT[,PORT...] ACCESS_LOG

Serves ROOT on 127.0.0.1 on each PORT with HTTP/1.1 keep-alive, one thread per
connection, and writes one "STATUS PATH BYTES" line per request to ACCESS_LOG
(the same format as the nginx configuration of bench/crawl/run).
"""
import functools
import http.server
import sys
import threading


class Handler(http.server.SimpleHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    log_file = None
    log_lock = threading.Lock()

    def log_request(self, code="-", size="-"):
        with self.log_lock:
            self.log_file.write("%s %s %s\n" % (int(code), self.path, size))
            self.log_file.flush()

    def log_message(self, fmt, *args):
        pass


def main():
    root, ports, log_path = sys.argv[1], sys.argv[2].split(","), sys.argv[3]
    Handler.log_file = open(log_path, "a", buffering=1)
    handler = functools.partial(Handler, directory=root)
    servers = [http.server.ThreadingHTTPServer(("127.0.0.1", int(p)), handler) for p in ports]
    for server in servers[1:]:
        server.daemon_threads = True
        threading.Thread(target=server.serve_forever, daemon=True).start()
    servers[0].daemon_threads = True
    servers[0].serve_forever()


if __name__ == "__main__":
    main()
