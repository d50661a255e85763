#!/usr/bin/python3
"""bench/soak: a threaded HTTP server on 127.0.0.1 that mixes good article pages with faults.

    /usr/bin/python3 bench/soak/fault_server.py PORT[,PORT...] WORKDIR [COPIES] [GROW] [GROW_UNTIL]

Listens on 127.0.0.1 on each PORT (each one an origin: the URLs listed are spread
over them round-robin, so that a crawler fetching one URL per origin at a time
still meets several faults at once). Serves /index.html (links to every URL below), /feed.xml (RSS of the good pages),
/robots.txt (allows all), and /f/KIND/N.html for N in 1..COPIES of each fault KIND:

  good            a news article, well formed (UTF-8)
  reset           full Content-Length, half the body, then a TCP reset
  stall           half the body, 10 s of silence, then the rest
  short_length    Content-Length half the body's size (the extra bytes are sent anyway)
  long_length     Content-Length twice the body's size, then the connection closes
  bad_utf8        declares UTF-8, holds invalid sequences (overlong, surrogate, truncated, 0xFF)
  charset_lie     declares UTF-8 in the header and <meta>, sends GBK
  huge            a 50 MB body with its Content-Length
  chunked_flood   an endless chunked body, as fast as the client reads
  chunked_trickle an endless chunked body, one small chunk a second
  redirect_loop   302 to a second URL that redirects back
  redirect_file   302 to file:///etc/passwd
  redirect_gopher 302 to gopher://127.0.0.1/
  gzip_bomb       Content-Encoding: gzip, 1 GiB of spaces in about 1 MB
  http_500        500 Internal Server Error
  http_429        429 Too Many Requests, Retry-After: 120

Every index fetch before GROW_UNTIL (Unix time, default never) adds GROW new good
pages (default 0), so that the store grows during a soak. Each URL listed, on
/index.html or /feed.xml, is appended once to WORKDIR/listed.tsv as "KIND<TAB>URL";
each request is logged to WORKDIR/requests.tsv as "KIND PATH BYTES_SENT SECONDS OUTCOME".
Writes WORKDIR/ready once it listens, and keeps in WORKDIR/slow_active the number of
stall and chunked_trickle responses in flight. Once WORKDIR/add_slow exists, the index
also lists /f/chunked_trickle/final.html, so that a test can send SIGTERM mid-transfer
after the daemon has given up on the other slow URLs.
"""
import gzip
import http.server
import io
import os
import socket
import struct
import sys
import threading
import time
import zlib

# Listed in this order, the slow ones last, so a short trial run gets through the quick ones.
FAULTS = ["reset", "short_length", "long_length", "bad_utf8", "charset_lie", "huge", "chunked_flood",
          "redirect_loop", "redirect_file", "redirect_gopher", "gzip_bomb", "http_500", "http_429",
          "stall", "chunked_trickle"]
HUGE_BYTES = 50 * 1000 * 1000
BOMB_BYTES = 1 << 30
STALL_SECONDS = 10
BLOCK = 64 * 1024

WORDS = ("ministry commerce exports licence controls gallium germanium graphite antimony rare earth "
         "magnets suppliers shipments customs semiconductor prices traders quarter policy officials "
         "review measures industry analysts market demand production refineries").split()


def article(kind, n):
    """A plausible news page; every fifth one reports an export-control move."""
    words = [WORDS[(n * 7 + i * 3) % len(WORDS)] for i in range(400)]
    paras = ["<p>%s.</p>" % " ".join(words[i:i + 40]).capitalize() for i in range(0, 400, 40)]
    if n % 5 == 0:
        paras.insert(1, "<p>China said on Tuesday it would suspend export controls on gallium and "
                        "germanium for one year, the commerce ministry said in statement %d.</p>" % n)
    title = "Trade desk report %d (%s)" % (n, kind)
    return ("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>%s</title></head><body>"
            "<nav><a href=\"/\">Home</a></nav><article><h1>%s</h1>%s</article>"
            "<footer>Copyright</footer></body></html>" % (title, title, "\n".join(paras)))


def make_bomb():
    out = io.BytesIO()
    with gzip.GzipFile(fileobj=out, mode="wb", compresslevel=9) as gz:
        gz.write(b"<!DOCTYPE html><html><head><title>bomb</title></head><body><p>")
        block = b" " * (1 << 20)
        for _ in range(BOMB_BYTES >> 20):
            gz.write(block)
    return out.getvalue()


class State:
    def __init__(self, workdir, copies, grow, grow_until):
        self.workdir, self.copies, self.grow, self.grow_until = workdir, copies, grow, grow_until
        self.good = copies
        self.listed = set()
        self.lock = threading.Lock()
        self.bomb = make_bomb()
        self.listed_file = open(os.path.join(workdir, "listed.tsv"), "a", buffering=1)
        self.requests_file = open(os.path.join(workdir, "requests.tsv"), "a", buffering=1)
        self.slow_active = 0
        self.bases = []

    def slow(self, delta):
        with self.lock:
            self.slow_active += delta
            path = os.path.join(self.workdir, "slow_active")
            with open(path + ".tmp", "w") as f:
                f.write("%d\n" % self.slow_active)
            os.replace(path + ".tmp", path)

    def urls(self, grow):
        with self.lock:
            if grow and self.grow and time.time() < self.grow_until:
                self.good += self.grow
            paths = [("good", "/f/good/%d.html" % n) for n in range(1, self.good + 1)]
        paths += [(k, "/f/%s/%d.html" % (k, n)) for k in FAULTS for n in range(1, self.copies + 1)]
        if os.path.exists(os.path.join(self.workdir, "add_slow")):
            paths.append(("chunked_trickle", "/f/chunked_trickle/final.html"))
        # An URL keeps its origin as the list grows: chosen by its path, not its position.
        return [(k, "%s%s" % (self.bases[zlib.crc32(p.encode()) % len(self.bases)], p)) for k, p in paths]

    def record_listed(self, urls):
        with self.lock:
            for kind, url in urls:
                if url not in self.listed:
                    self.listed.add(url)
                    self.listed_file.write("%s\t%s\n" % (kind, url))

    def log_request(self, kind, path, sent, seconds, outcome):
        with self.lock:
            self.requests_file.write("%s %s %d %.1f %s\n" % (kind, path, sent, seconds, outcome))


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    state = None

    def log_message(self, fmt, *args):
        pass

    def base(self):
        return "http://127.0.0.1:%d" % self.server.server_address[1]

    def send_body(self, status, ctype, body, extra=()):
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for k, v in extra:
            self.send_header(k, v)
        self.end_headers()
        self.write(body)

    def write(self, data):
        self.wfile.write(data)
        self.sent += len(data)

    def do_GET(self):
        start, outcome = time.time(), "ok"
        self.kind, self.sent = "-", 0
        try:
            self.route()
        except OSError:  # the client went away (broken pipe, reset, timeout)
            outcome = "client-closed"
            self.close_connection = True
        finally:
            self.state.log_request(self.kind, self.path, self.sent, time.time() - start, outcome)

    def route(self):
        path = self.path.split("?")[0]
        if path == "/robots.txt":
            self.kind = "robots"
            return self.send_body(200, "text/plain", b"User-agent: *\nAllow: /\n")
        if path in ("/", "/index.html"):
            self.kind = "index"
            return self.index()
        if path == "/feed.xml":
            self.kind = "feed"
            return self.feed()
        parts = path.split("/")  # "", "f", KIND, "N.html"
        if len(parts) == 4 and parts[1] in ("f", "loop") and parts[3].endswith(".html"):
            kind = parts[2] if parts[1] == "f" else "redirect_loop"
            handler = getattr(self, "fault_" + kind, None)
            if kind == "good" or handler:
                self.kind = kind
                n = int(parts[3][:-5]) if parts[3][:-5].isdigit() else 0
                if kind == "good":
                    return self.send_body(200, "text/html; charset=utf-8", article(kind, n).encode())
                return handler(n, parts[1] == "loop")
        self.kind = "404"
        return self.send_body(404, "text/plain", b"not found\n")

    def index(self):
        urls = self.state.urls(grow=True)
        self.state.record_listed(urls)
        links = "\n".join('<li><a href="%s">%s</a></li>' % (u, u) for _, u in urls)
        page = ("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Soak index</title></head>"
                "<body><ul>%s</ul></body></html>" % links)
        return self.send_body(200, "text/html; charset=utf-8", page.encode())

    def feed(self):
        urls = [(k, u) for k, u in self.state.urls(grow=False) if k == "good"]
        self.state.record_listed(urls)
        items = "".join("<item><title>%s</title><link>%s</link></item>" % (u, u) for _, u in urls)
        xml = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\"><channel>"
               "<title>Soak feed</title><link>%s/</link>%s</channel></rss>" % (self.base(), items))
        return self.send_body(200, "application/rss+xml", xml.encode())

    def page_bytes(self, n):
        return article("fault", n).encode()

    def headers_only(self, status, ctype, length=None, extra=()):
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        if length is not None:
            self.send_header("Content-Length", str(length))
        for k, v in extra:
            self.send_header(k, v)
        self.end_headers()

    def fault_reset(self, n, _):
        body = self.page_bytes(n)
        self.headers_only(200, "text/html; charset=utf-8", len(body))
        self.write(body[:len(body) // 2])
        self.wfile.flush()
        # Linger 0 makes close() send RST (socketserver's own shutdown would send FIN first).
        self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        self.connection.close()
        self.close_connection = True

    def fault_stall(self, n, _):
        body = self.page_bytes(n)
        self.headers_only(200, "text/html; charset=utf-8", len(body))
        self.write(body[:len(body) // 2])
        self.wfile.flush()
        self.state.slow(+1)
        try:
            time.sleep(STALL_SECONDS)
        finally:
            self.state.slow(-1)
        self.write(body[len(body) // 2:])

    def fault_short_length(self, n, _):
        body = self.page_bytes(n)
        self.headers_only(200, "text/html; charset=utf-8", len(body) // 2)
        self.write(body)
        self.close_connection = True

    def fault_long_length(self, n, _):
        body = self.page_bytes(n)
        self.headers_only(200, "text/html; charset=utf-8", len(body) * 2)
        self.write(body)
        self.close_connection = True

    def fault_bad_utf8(self, n, _):
        good = self.page_bytes(n)
        cut = good.index(b"<article>") + len(b"<article>")
        junk = b"<p>bad \xff\xfe overlong \xc0\xaf surrogate \xed\xa0\x80 truncated \xe6\x97</p>"
        return self.send_body(200, "text/html; charset=utf-8", good[:cut] + junk * 50 + good[cut:])

    def fault_charset_lie(self, n, _):
        text = ("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>商务部公告 %d</title></head>"
                "<body><article><h1>商务部公告 %d</h1>%s</article></body></html>" %
                (n, n, "<p>商务部决定暂停实施对镓、锗、锑等两用物项的出口管制措施，为期一年。</p>" * 40))
        return self.send_body(200, "text/html; charset=utf-8", text.encode("gbk"))

    def fault_huge(self, n, _):
        self.headers_only(200, "text/html; charset=utf-8", HUGE_BYTES)
        self.write(b"<!DOCTYPE html><html><body><p>")
        block = b"x" * BLOCK
        while self.sent < HUGE_BYTES:  # self.sent counts the body only: headers go through send_header
            self.write(block[:min(BLOCK, HUGE_BYTES - self.sent)])

    def chunked(self, pause):
        self.headers_only(200, "text/html; charset=utf-8", None, [("Transfer-Encoding", "chunked")])
        data = b"<p>" + b"y" * (BLOCK if not pause else 200) + b"</p>\n"
        frame = b"%x\r\n%s\r\n" % (len(data), data)
        while True:  # ends when the client goes away (BrokenPipe / reset)
            self.write(frame)
            if pause:
                self.wfile.flush()
                time.sleep(pause)

    def fault_chunked_flood(self, n, _):
        return self.chunked(0)

    def fault_chunked_trickle(self, n, _):
        self.state.slow(+1)
        try:
            self.chunked(1.0)
        finally:
            self.state.slow(-1)

    def redirect(self, location):
        self.send_response(302)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def fault_redirect_loop(self, n, from_loop):
        # /f/redirect_loop/N.html -> /loop/redirect_loop/N.html -> back.
        return self.redirect("%s/%s/redirect_loop/%d.html" % (self.base(), "f" if from_loop else "loop", n))

    def fault_redirect_file(self, n, _):
        return self.redirect("file:///etc/passwd")

    def fault_redirect_gopher(self, n, _):
        return self.redirect("gopher://127.0.0.1:%d/1" % self.server.server_address[1])

    def fault_gzip_bomb(self, n, _):
        return self.send_body(200, "text/html; charset=utf-8", self.state.bomb,
                              [("Content-Encoding", "gzip")])

    def fault_http_500(self, n, _):
        return self.send_body(500, "text/html", b"<html><body>Internal Server Error</body></html>")

    def fault_http_429(self, n, _):
        return self.send_body(429, "text/html", b"<html><body>Too Many Requests</body></html>",
                              [("Retry-After", "120")])


def main():
    ports, workdir = [int(p) for p in sys.argv[1].split(",")], sys.argv[2]
    copies = int(sys.argv[3]) if len(sys.argv) > 3 else 2
    grow = int(sys.argv[4]) if len(sys.argv) > 4 else 0
    grow_until = float(sys.argv[5]) if len(sys.argv) > 5 else float("inf")
    Handler.state = State(workdir, copies, grow, grow_until)
    Handler.state.bases = ["http://127.0.0.1:%d" % p for p in ports]
    servers = [http.server.ThreadingHTTPServer(("127.0.0.1", p), Handler) for p in ports]
    for server in servers:
        server.daemon_threads = True
    for server in servers[1:]:
        threading.Thread(target=server.serve_forever, daemon=True).start()
    open(os.path.join(workdir, "ready"), "w").close()
    servers[0].serve_forever()


if __name__ == "__main__":
    main()
