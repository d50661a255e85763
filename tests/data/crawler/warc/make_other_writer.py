#!/usr/bin/env python3
"""Writes other_writer.warc.gz: a WARC/1.0 file as another tool might write it.

Independent of ecwatch's writer (stdlib only), so the reader is checked against
bytes it did not produce: WARC/1.0, field names in other cases, sha1 digests
(not checked), a hex sha256 digest, request and metadata records, a response
without a reason phrase. Run it from this directory to regenerate the fixture.
"""
import base64
import gzip
import hashlib

def record(fields, block):
    head = "WARC/1.0\r\n" + "".join(f"{k}: {v}\r\n" for k, v in fields)
    head += f"Content-Length: {len(block)}\r\n\r\n"
    return head.encode() + block + b"\r\n\r\n"

def sha1(data):
    return "sha1:" + base64.b32encode(hashlib.sha1(data).digest()).decode()

info = b"software: other-writer/1.0\r\nformat: WARC File Format 1.0\r\n"
request = b"GET /news/1 HTTP/1.1\r\nHost: example.org\r\n\r\n"
body1 = b"<html><body><p>Export licences for gallium resumed.</p></body></html>"
response1 = (b"HTTP/1.1 200 OK\r\ncontent-type: text/html\r\nContent-Length: %d\r\n\r\n"
             % len(body1)) + body1
body2 = b"plain body"
response2 = b"HTTP/2 404\r\nContent-Type: text/plain\r\n\r\n" + body2
meta = b"outlinks: https://example.org/news/2\r\n"

records = [
    record([("WARC-Type", "warcinfo"), ("WARC-Date", "2025-11-07T08:00:00Z"),
            ("WARC-Record-ID", "<urn:uuid:00000000-0000-4000-8000-000000000001>"),
            ("Content-Type", "application/warc-fields")], info),
    record([("WARC-Type", "request"), ("WARC-Target-URI", "https://example.org/news/1"),
            ("WARC-Date", "2025-11-07T08:00:01Z"),
            ("WARC-Record-ID", "<urn:uuid:00000000-0000-4000-8000-000000000002>"),
            ("Content-Type", "application/http; msgtype=request")], request),
    record([("warc-type", "response"), ("warc-target-uri", "https://example.org/news/1"),
            ("WARC-Date", "2025-11-07T08:00:02.123456Z"),
            ("WARC-Record-ID", "<urn:uuid:00000000-0000-4000-8000-000000000003>"),
            ("content-type", "application/http; msgtype=response"),
            ("WARC-Block-Digest", sha1(response1)),
            ("WARC-Payload-Digest", sha1(body1))], response1),
    record([("WARC-Type", "response"), ("WARC-Target-URI", "https://example.org/missing"),
            ("WARC-Date", "2025-11-07T08:00:03Z"),
            ("WARC-Record-ID", "<urn:uuid:00000000-0000-4000-8000-000000000004>"),
            ("Content-Type", "application/http;msgtype=response"),
            ("WARC-Payload-Digest", "sha256:" + hashlib.sha256(body2).hexdigest())], response2),
    record([("WARC-Type", "metadata"), ("WARC-Target-URI", "https://example.org/news/1"),
            ("WARC-Date", "2025-11-07T08:00:04Z"),
            ("WARC-Record-ID", "<urn:uuid:00000000-0000-4000-8000-000000000005>"),
            ("Content-Type", "application/warc-fields")], meta),
]
with open("other_writer.warc.gz", "wb") as out:
    for r in records:
        out.write(gzip.compress(r, mtime=0))
